#include "control/state_endpoint.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "control/control.hpp"
#include "control/state_document.hpp"
#include "storage/record_codec.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlRequest;
using control::ControlResponse;
using nlohmann::json;

namespace {

const control::RecordCodec kCodec{
    [](const model::Resource& resource) { return storage::GenericEncoding(resource); },
    [](std::string_view type, const json& body) { return storage::DecodeResourceJson(type, body); }};

ControlResponse RenderError(const model::Error& error) {
  return {model::HttpStatusFor(error.code), "text/xml", "<Code>" + error.code + "</Code>", ""};
}

struct StateFixture : test::ModelFixture {
  control::ControlOptions options{"1.2.3", {}, RenderError, "000000000000", nullptr, &kCodec};

  ControlResponse Send(std::string_view method, std::string_view query, std::string_view body = "") {
    ControlRequest request{method, control::kStatePath, query, {}, body};
    return control::StateRequest(options, ec2, request);
  }
  std::string Error(const ControlResponse& response) { return json::parse(response.body)["error"]; }
  std::vector<std::string> KeyNames(const model::Caller& caller) {
    std::vector<std::string> names;
    for (const auto& record : ec2.Records(caller.account_id)) {
      if (const auto* key = std::get_if<model::KeyPair>(&record.resource)) names.push_back(key->key_name);
    }
    return names;
  }
};

}  // namespace

TEST_CASE_METHOD(StateFixture, "the state endpoint is routed only with a record codec", "[control][state]") {
  auto routed = [](const control::Control& control) {
    for (const auto& endpoint : control.Endpoints()) {
      if (endpoint.path == control::kStatePath) return true;
    }
    return false;
  };
  CHECK(routed(control::Control(options, ec2)));
  CHECK_FALSE(routed(control::Control({"1.2.3", {}, RenderError}, ec2)));
}

TEST_CASE_METHOD(StateFixture, "an exported account imports back after a reset", "[control][state]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(CreateKeyPair(ec2, bob, {"b", "ed25519", "pem", {}}));
  ControlResponse exported = Send("GET", "account=111111111111");
  REQUIRE(exported.status == 200);
  REQUIRE(ec2.Reset(std::string("111111111111")));
  CHECK(KeyNames(alice).empty());
  ControlResponse imported = Send("POST", "", exported.body);  // the document names the account
  REQUIRE(imported.status == 200);
  CHECK(json::parse(imported.body) ==
        json{{"imported", "111111111111"}, {"resources", 1}, {"regions", {{"us-east-1", 1}}}});
  CHECK(KeyNames(alice) == std::vector<std::string>{"a"});
  CHECK(KeyNames(bob) == std::vector<std::string>{"b"});  // another account is untouched
  CHECK(json::parse(Send("GET", "account=111111111111").body) == json::parse(exported.body));
  CHECK(json::parse(Send("GET", "").body)["Account"] == "000000000000");  // --account's by default
}

TEST_CASE_METHOD(StateFixture, "the state endpoint refuses methods, queries and bodies, changing nothing",
                 "[control][state]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  CHECK(Send("PUT", "").status == 405);
  CHECK(Error(Send("DELETE", "")) == "Use GET to export the state, POST to import it.");
  CHECK(Error(Send("GET", "acount=111111111111")) ==
        "The parameter acount is not recognized; an export takes account and region.");
  CHECK(Error(Send("GET", "region=us-east-9")) ==
        "Value (us-east-9) for parameter region is invalid: not a region localec2 knows.");
  CHECK(Error(Send("GET", "account=1")) == "Value (1) for parameter account is invalid: 12 digits.");
  CHECK(Error(Send("GET", "account=%zz")) == "The query does not decode.");
  CHECK(Error(Send("POST", "region=us-east-1", "{}")) ==
        "The parameter region is not recognized; an import takes account.");
  CHECK(Error(Send("POST", "account=111111111111", "{nope")) ==
        "The body is not JSON; it must be a state document.");
  CHECK(Error(Send("POST", "", R"({"Version":1,"Regions":{}})")) == "Account: missing");
  ControlResponse refused = Send(
      "POST", "account=111111111111",
      R"({"Version":1,"Account":"111111111111","Regions":{"us-east-1":{"KeyPairs":[{"KeyPairId":"key-1"}]}}})");
  CHECK(refused.status == 400);
  CHECK(Error(refused) ==
        "Regions.us-east-1.KeyPairs[0].KeyPairId: \"key-1\" is not an id of the form key-xxxxxxxx (8 or 17 "
        "lower-case "
        "hex digits)");
  // A huge key is echoed cut short (inside a UTF-8 character here), never whole, never failing.
  std::string huge = R"({"Version":1,"Account":"111111111111","Regions":{"us-east-1":{"x)";
  for (int i = 0; i < 150; ++i) huge += "\xc3\xa9";
  huge += R"(":[]}}})";
  ControlResponse cut = Send("POST", "", huge);
  CHECK(cut.status == 400);
  CHECK(Error(cut).size() < 300);
  CHECK(Error(cut).ends_with("...: unknown member; not a resource list"));
  CHECK(KeyNames(alice) == std::vector<std::string>{"a"});
}

TEST_CASE_METHOD(StateFixture, "a failed commit leaves the state as it was", "[control][state]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  store.fail_next = true;
  ControlResponse failed =
      Send("POST", "account=111111111111", R"({"Version":1,"Account":"111111111111","Regions":{}})");
  CHECK(failed.status == 500);
  CHECK(Error(failed) == "The import failed; the state is unchanged.");
  CHECK(KeyNames(alice) == std::vector<std::string>{"a"});
}

TEST_CASE_METHOD(StateFixture, "strict mode exports and imports the signer's account only",
                 "[control][state]") {
  options.authenticate = [](const ControlRequest& request) -> model::Result<model::Caller> {
    if (request.body.empty() && request.method == "GET") return model::Caller{"111111111111", "us-east-1"};
    if (request.body.empty()) return model::MakeError(model::codes::kAuthFailure, "unsigned");
    return model::Caller{"222222222222", "us-east-1"};
  };
  CHECK(json::parse(Send("GET", "").body)["Account"] == "111111111111");
  ControlResponse foreign = Send("GET", "account=222222222222");
  CHECK(foreign.status == 403);
  CHECK(Error(foreign) == "A signed request exports and imports only its own account (111111111111).");
  CHECK(Send("POST", "").status == 401);
  CHECK(Error(Send("POST", "", R"({"Version":1,"Account":"111111111111","Regions":{}})")) ==
        "Account: 111111111111 is not the account imported into (222222222222)");
}
