#include "api/protocol/error_status.hpp"

#include "model/core/error_codes.hpp"

namespace localec2::api {

int HttpStatusFor(std::string_view code) {
  namespace codes = model::codes;
  struct Row {
    std::string_view code;
    int status;
  };
  // Client errors not listed are 400, as on AWS.
  static constexpr Row kStatuses[] = {
      {codes::kAuthFailure, 401},
      {"UnauthorizedOperation", 403},
      {"SignatureDoesNotMatch", 403},
      {"IncompleteSignature", 400},
      {"RequestExpired", 400},
      {codes::kMalformedQueryString, 404},
      {codes::kDryRunOperation, 412},
      {codes::kRequestEntityTooLarge, 413},
      {codes::kInternalError, 500},
      {codes::kNotImplemented, 501},
      {codes::kServiceUnavailable, 503},
      {"RequestLimitExceeded", 503},
      {"MissingAuthenticationToken", 401},
  };
  for (const Row& row : kStatuses) {
    if (row.code == code) return row.status;
  }
  return 400;
}

}  // namespace localec2::api
