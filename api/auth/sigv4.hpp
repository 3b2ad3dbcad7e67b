// AWS Signature Version 4, as EC2 checks it: the Authorization header or a presigned query
// (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature).
// Only used with --auth strict; the default mode reads the credential scope without checking it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "api/auth/credentials.hpp"
#include "model/core/result.hpp"

namespace localec2::api {

struct SignedRequest {
  std::string_view method;
  std::string_view path;
  std::string_view query;                                        // raw, as sent
  std::span<const std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string_view body;
};

struct VerifiedCaller {
  std::string access_key_id;
  std::string account_id;
  std::string region;  // of the credential scope
};

// Checks the request's signature against `credentials` at `now_ms`. Errors, with AWS's codes:
// MissingAuthenticationToken (no signature), IncompleteSignature (a malformed one), AuthFailure (an
// unknown access key), SignatureDoesNotMatch (wrong secret, changed request, a scope date that is not the
// request's, a scope for a service other than ec2, sts and iam), RequestExpired (more than 5 minutes of clock
// skew, or a presigned URL past its expiry).
model::Result<VerifiedCaller> VerifySigV4(const SignedRequest& request, const CredentialStore& credentials,
                                          std::int64_t now_ms);

// The steps, exposed for the published test vectors.
std::string CanonicalRequest(const SignedRequest& request, std::string_view signed_headers,
                             std::string_view payload_hash, bool exclude_signature_param);
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);
std::string SignatureHex(std::string_view secret, std::string_view date, std::string_view region,
                         std::string_view service, std::string_view string_to_sign);
std::string Sha256Hex(std::string_view data);

}  // namespace localec2::api
