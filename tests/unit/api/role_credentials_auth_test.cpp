#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/auth/caller_identity.hpp"
#include "api/auth/sigv4.hpp"
#include "model/instances/role_credentials.hpp"

using namespace localec2;

namespace {

constexpr const char* kDate = "20150830T123600Z";
constexpr std::int64_t kDateMs = 1440938160000;

// Headers of an empty POST to / signed with role credentials `c`, their session token among the headers.
std::vector<std::pair<std::string, std::string>> SignedWith(const model::RoleCredentials& c,
                                                            const std::string& token) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"host", "127.0.0.1:4566"}, {"x-amz-date", kDate}, {"x-amz-security-token", token}};
  const std::string scope = "20150830/us-east-1/ec2/aws4_request";
  api::SignedRequest request{"POST", "/", "", headers, ""};
  const std::string signed_headers = "host;x-amz-date;x-amz-security-token";
  std::string signature = api::SignatureHex(
      c.secret_access_key, "20150830", "us-east-1", "ec2",
      api::StringToSign(kDate, scope,
                        api::CanonicalRequest(request, signed_headers, api::Sha256Hex(""), false)));
  headers.emplace_back("authorization", "AWS4-HMAC-SHA256 Credential=" + c.access_key_id + "/" + scope +
                                            ", SignedHeaders=" + signed_headers + ", Signature=" + signature);
  return headers;
}

}  // namespace

TEST_CASE("strict mode accepts the metadata service's role credentials until they expire", "[imds][auth]") {
  api::CredentialStore keys = *api::CredentialStore::Parse("AKIDEXAMPLE:secret:999999999999");
  const model::RoleCredentials c =
      model::RoleCredentialsFor("server-secret", "111122223333", "i-0123456789abcdef0", "app", kDateMs);
  auto headers = SignedWith(c, c.session_token);
  CHECK(api::AuthenticateCaller({"POST", "/", "", headers, ""}, keys, kDateMs).error().code ==
        "AuthFailure");  // not accepted before AcceptRoleCredentials
  keys.AcceptRoleCredentials("server-secret");
  auto caller = api::AuthenticateCaller({"POST", "/", "", headers, ""}, keys, kDateMs);
  REQUIRE(caller);
  CHECK(caller->account_id == "111122223333");

  auto forged = SignedWith(c, c.session_token + "x");
  CHECK(api::AuthenticateCaller({"POST", "/", "", forged, ""}, keys, kDateMs).error().code == "AuthFailure");
  // At the expiration the credentials are refused.
  CHECK(api::AuthenticateCaller({"POST", "/", "", headers, ""}, keys, c.expiration_ms).error().code ==
        "RequestExpired");
}

TEST_CASE("unsigned mode takes the account from an issued role key", "[imds][auth]") {
  const model::RoleCredentials c =
      model::RoleCredentialsFor("any", "000011112222", "i-0123456789abcdef0", "app", kDateMs);
  auto caller = api::IdentifyCaller("AWS4-HMAC-SHA256 Credential=" + c.access_key_id +
                                        "/20150830/eu-west-1/ec2/aws4_request, SignedHeaders=host, "
                                        "Signature=00",
                                    wire::FormParams(), "000000000000");
  REQUIRE(caller);
  CHECK(caller->account_id == "000011112222");
  CHECK(caller->region == "eu-west-1");
}
