#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/auth/caller_identity.hpp"
#include "api/auth/sigv4.hpp"

using namespace localec2;

namespace {

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kDate = "20150830T123600Z";
constexpr std::int64_t kDateMs = 1440938160000;

// Headers of an empty POST to `path` signed by AKIDEXAMPLE for `region`, as botocore signs it.
std::vector<std::pair<std::string, std::string>> SignedHeaders(std::string_view path,
                                                               const std::string& region) {
  std::vector<std::pair<std::string, std::string>> headers = {{"host", "127.0.0.1:4566"},
                                                              {"x-amz-date", kDate}};
  const std::string scope = "20150830/" + region + "/ec2/aws4_request";
  api::SignedRequest request{"POST", path, "", headers, ""};
  std::string signature = api::SignatureHex(
      kSecret, "20150830", region, "ec2",
      api::StringToSign(kDate, scope,
                        api::CanonicalRequest(request, "host;x-amz-date", api::Sha256Hex(""), false)));
  headers.emplace_back("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope +
                                            ", SignedHeaders=host;x-amz-date, Signature=" + signature);
  return headers;
}

}  // namespace

TEST_CASE("AuthenticateCaller names the signer's account and region, for any path", "[api][auth]") {
  const api::CredentialStore keys =
      *api::CredentialStore::Parse(std::string("AKIDEXAMPLE:") + kSecret + ":111122223333");
  auto headers = SignedHeaders("/_localec2/reset", "eu-west-1");
  auto caller = api::AuthenticateCaller({"POST", "/_localec2/reset", "", headers, ""}, keys, kDateMs);
  REQUIRE(caller);
  CHECK(caller->account_id == "111122223333");
  CHECK(caller->region == "eu-west-1");

  CHECK(api::AuthenticateCaller({"POST", "/", "", headers, ""}, keys, kDateMs).error().code ==
        "SignatureDoesNotMatch");  // signed for another path
  CHECK(api::AuthenticateCaller({"POST", "/_localec2/reset", "", {}, ""}, keys, kDateMs).error().code ==
        "MissingAuthenticationToken");
  auto moon = SignedHeaders("/", "moon-1");
  auto outside = api::AuthenticateCaller({"POST", "/", "", moon, ""}, keys, kDateMs);
  CHECK(outside.error().code == "AuthFailure");
  CHECK(outside.error().message == "Credential should be scoped to a valid region, not 'moon-1'.");
}
