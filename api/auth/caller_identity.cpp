#include "api/auth/caller_identity.hpp"

#include <algorithm>
#include <cctype>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/error_codes.hpp"
#include "model/instances/role_credentials.hpp"

namespace localec2::api {
namespace {

using model::Error;

Error OutsideCatalog(const std::string& region) {
  return {std::string(model::codes::kAuthFailure),
          "Credential should be scoped to a valid region, not '" + region + "'."};
}

Error Incomplete(std::string_view why) {
  return {std::string(model::codes::kIncompleteSignature), std::string(why)};
}

model::Result<CredentialScope> ParseCredential(std::string_view credential) {
  CredentialScope scope;
  std::string* parts[] = {&scope.access_key_id, &scope.date, &scope.region, &scope.service};
  for (std::string* part : parts) {
    size_t slash = credential.find('/');
    if (slash == std::string_view::npos || slash == 0) {
      return Incomplete("Credential is not of the form <key>/<date>/<region>/<service>/aws4_request.");
    }
    *part = std::string(credential.substr(0, slash));
    credential.remove_prefix(slash + 1);
  }
  if (credential != "aws4_request") {
    return Incomplete("Credential should be scoped with a valid terminator: 'aws4_request'.");
  }
  return scope;
}

}  // namespace

model::Result<std::optional<CredentialScope>> FindCredentialScope(std::string_view authorization,
                                                                  const wire::FormParams& params) {
  if (!authorization.empty()) {
    if (!authorization.starts_with("AWS4-HMAC-SHA256 ")) {
      return Incomplete("Authorization header requires the AWS4-HMAC-SHA256 algorithm.");
    }
    size_t at = authorization.find("Credential=");
    if (at == std::string_view::npos)
      return Incomplete("Authorization header requires 'Credential' parameter.");
    std::string_view credential = authorization.substr(at + 11);
    credential = credential.substr(0, credential.find_first_of(", "));
    auto scope = ParseCredential(credential);
    if (!scope) return std::move(scope).error();
    return std::optional<CredentialScope>(std::move(*scope));
  }
  if (const auto* credential = params.Find("X-Amz-Credential")) {
    auto scope = ParseCredential(credential->value);
    if (!scope) return std::move(scope).error();
    return std::optional<CredentialScope>(std::move(*scope));
  }
  return std::optional<CredentialScope>();
}

model::Result<model::Caller> IdentifyCaller(std::string_view authorization, const wire::FormParams& params,
                                            const std::string& default_account_id) {
  auto scope = FindCredentialScope(authorization, params);
  if (!scope) return std::move(scope).error();
  model::Caller caller{default_account_id, "us-east-1"};
  if (*scope) {
    const CredentialScope& s = **scope;
    if (model::FindRegion(s.region) == nullptr) return OutsideCatalog(s.region);
    caller.region = s.region;
    if (model::IsAccountId(s.access_key_id)) {
      caller.account_id = s.access_key_id;
    } else if (auto issued = model::AccountOfIssuedKey(s.access_key_id)) {
      caller.account_id = std::move(*issued);  // an instance's role credentials act as its account
    }
  }
  return caller;
}

model::Result<model::Caller> AuthenticateCaller(const SignedRequest& request,
                                                const CredentialStore& credentials, std::int64_t now_ms) {
  auto verified = VerifySigV4(request, credentials, now_ms);
  if (!verified) return std::move(verified).error();
  if (model::FindRegion(verified->region) == nullptr) return OutsideCatalog(verified->region);
  return model::Caller{verified->account_id, verified->region};
}

}  // namespace localec2::api
