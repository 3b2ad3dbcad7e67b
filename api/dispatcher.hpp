// The EC2 Query front door: one ApiRequest in, one ApiResponse out, never an exception. It owns the
// Query protocol (form decoding, the Action parameter, the caller from SigV4, ParseInput, the XML
// answer and error envelope) and reaches the handlers through Invoke, as any other front door would.
#pragma once

#include <optional>
#include <string>

#include "api/answer_cache.hpp"
#include "api/api_types.hpp"
#include "api/auth/credentials.hpp"
#include "model/core/ec2.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::api {

struct DispatcherOptions {
  std::string default_account_id = "000000000000";
  // Set: --auth strict. Every request must carry a valid SigV4 signature by one of these keys, and the
  // key's account is the caller's. Unset: the credential scope is read but not checked.
  std::optional<CredentialStore> credentials;
};

class Dispatcher {
 public:
  Dispatcher(DispatcherOptions options, model::Ec2& ec2);

  // Checks the method and content type, the signature in strict mode, decodes the form, finds the Action
  // (MissingAction / InvalidAction), identifies the caller, parses the input against the service model,
  // then Invoke (NotImplemented, DryRun, the handler) and serializes its answer or its error as EC2 does.
  // Anything unexpected becomes InternalError (500) and is logged to stderr. Thread-safe. The path is not
  // looked at: main.cpp routes here whatever no other front door claims.
  ApiResponse Handle(const ApiRequest& request) const noexcept;

  // The EC2 error answer for a request the HTTP layer could not frame: RequestEntityTooLarge for 413,
  // InvalidRequest otherwise.
  static ApiResponse TransportError(int status, std::string_view reason);

  // The EC2 error answer for `error` found by another front door (e.g. a refused signature on
  // localec2's own endpoints): its HTTP status, the XML envelope, a fresh request id, no action.
  static ApiResponse ErrorEnvelope(const model::Error& error);

 private:
  // The answer when the request is for STS or IAM rather than EC2 (api/sts/sts_front.hpp), else nullopt.
  std::optional<ApiResponse> AnswerStsOrIam(const ApiRequest& request, const wire::FormParams& params,
                                            const std::optional<model::Caller>& verified,
                                            const std::string& action, const std::string& request_id) const;

  DispatcherOptions options_;
  model::Ec2& ec2_;
  mutable AnswerCache answers_;
};

}  // namespace localec2::api
