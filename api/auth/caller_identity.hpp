// Who is calling, from the SigV4 credential scope (Authorization header or presigned X-Amz-Credential):
//   Credential=<access key id>/<yyyymmdd>/<region>/<service>/aws4_request
// Region = the scope's region (us-east-1 when the request is unsigned); account = the access key id
// when it is 12 digits, else the configured default. IdentifyCaller does not verify the signature;
// AuthenticateCaller (--auth strict) does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/auth/credentials.hpp"
#include "api/auth/sigv4.hpp"
#include "model/core/caller.hpp"
#include "model/core/result.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::api {

struct CredentialScope {
  std::string access_key_id;
  std::string date;
  std::string region;
  std::string service;
};

// The credential scope of the request, or nullopt when it carries none (unsigned).
// Errors: IncompleteSignature when a credential is present but not of the form above.
model::Result<std::optional<CredentialScope>> FindCredentialScope(std::string_view authorization,
                                                                  const wire::FormParams& params);

// The caller for a request. Errors: those of FindCredentialScope; AuthFailure when the scope names a
// region outside the catalog.
model::Result<model::Caller> IdentifyCaller(std::string_view authorization, const wire::FormParams& params,
                                            const std::string& default_account_id);

// The verified caller of a signed request (--auth strict): the signing key's account, the scope's region.
// Errors: VerifySigV4's; AuthFailure when the scope names a region outside the catalog.
model::Result<model::Caller> AuthenticateCaller(const SignedRequest& request,
                                                const CredentialStore& credentials, std::int64_t now_ms);

}  // namespace localec2::api
