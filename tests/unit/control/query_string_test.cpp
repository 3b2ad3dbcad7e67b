#include "control/query_string.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "api/protocol/form_decoder.hpp"

using namespace localec2;

namespace {

// control/ may not call the api, so it has its own decoder; both must accept, refuse and decode alike.
void CheckSameAsTheEc2FormDecoder(const std::string& query) {
  INFO(query);
  auto ours = control::DecodeQueryString(query);
  auto theirs = api::DecodeForm(query);
  REQUIRE(ours.has_value() == theirs.ok());
  if (!ours) return;
  REQUIRE(ours->size() == theirs->all().size());
  for (const auto& param : theirs->all()) CHECK(ours->at(param.name) == param.value);
  CHECK(control::IsValidUtf8(query) == api::IsValidUtf8(query));
}

}  // namespace

TEST_CASE("the query decoder refuses what the EC2 form decoder refuses", "[control][query]") {
  for (const char* query : {"",           "a=1",         "a",
                            "a=",         "=1",          "&&a=1&",
                            "a=1&a=2",    "a=1&b=2&a=3", "%zz=1",
                            "a=%zz",      "a=%4",        "a=%",
                            "a=%41%42",   "a=x+y",       "a+b=1",
                            "a=%ff",      "a=%c3%a9",    "a=%c3%28",
                            "a=%e2%82",   "a=%ed%a0%80", "a=%f4%90%80%80",
                            "a=%c0%af",   "%00=1",       "a=%00",
                            "a==b",       "a=1=2",       "%26=%3D",
                            "a=\xc3\xa9", "a=\xff",      "%20=1",
                            "+=1"}) {
    CheckSameAsTheEc2FormDecoder(query);
  }
  CHECK(control::DecodeQueryString("a=%41+b&c")->at("a") == "A b");
  CHECK(control::DecodeQueryString("c")->at("c").empty());
  CHECK_FALSE(control::DecodeQueryString("account=1&account=1"));
}

TEST_CASE("the two query decoders agree on random and huge input", "[control][query]") {
  std::mt19937 rng(20260101);
  const std::string alphabet = "ab=&+%%%0fFgz\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff\x80";
  for (int i = 0; i < 5000; ++i) {
    std::string query(rng() % 24, ' ');
    for (char& c : query) c = alphabet[rng() % alphabet.size()];
    CheckSameAsTheEc2FormDecoder(query);
  }
  CheckSameAsTheEc2FormDecoder("account=" + std::string(1 << 20, '1'));
  CheckSameAsTheEc2FormDecoder(std::string(1 << 20, '%'));
  CheckSameAsTheEc2FormDecoder(std::string(1 << 20, '&'));
}
