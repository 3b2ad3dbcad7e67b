#include "api/dispatcher.hpp"

#include <cstdio>
#include <exception>
#include <optional>
#include <utility>

#include "api/auth/caller_identity.hpp"
#include "api/invoke.hpp"
#include "api/protocol/input_parser.hpp"
#include "api/protocol/output_serializer.hpp"
#include "api/request_id.hpp"
#include "api/sts/sts_front.hpp"
#include "model/core/error_codes.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::api {
namespace {

namespace codes = model::codes;

ApiResponse ErrorResponse(std::string_view code, std::string_view message, const std::string& request_id,
                          std::string action) {
  ApiResponse response;
  response.status = model::HttpStatusFor(code);
  response.body = SerializeError(code, message, request_id);
  response.action = std::move(action);
  response.error_code = std::string(code);
  response.request_id = request_id;
  return response;
}

bool IsFormBody(std::string_view content_type) {
  return content_type.empty() || content_type.starts_with("application/x-www-form-urlencoded");
}

}  // namespace

std::optional<ApiResponse> Dispatcher::AnswerStsOrIam(const ApiRequest& request,
                                                      const wire::FormParams& params,
                                                      const std::optional<model::Caller>& verified,
                                                      const std::string& action,
                                                      const std::string& request_id) const {
  auto scope = FindCredentialScope(request.authorization, params);
  const QueryService service = ServiceOf(scope ? *scope : std::nullopt, params, action);
  if (service == QueryService::kEc2) return std::nullopt;
  auto caller = verified ? model::Result<model::Caller>(*verified)
                         : IdentifyCaller(request.authorization, params, options_.default_account_id);
  if (!caller) return StsOrIamError(service, caller.error(), request_id, action);
  return HandleStsOrIam(service, action, *caller, request_id);
}

Dispatcher::Dispatcher(DispatcherOptions options, model::Ec2& ec2)
    : options_(std::move(options)), ec2_(ec2) {}

ApiResponse Dispatcher::Handle(const ApiRequest& request) const noexcept {
  const std::string request_id = NewRequestId();
  std::string action;
  try {
    if (request.method != "POST" && request.method != "GET") {
      return ErrorResponse(codes::kInvalidAction, "EC2 Query requests must be GET or POST.", request_id,
                           action);
    }
    if (!request.body.empty() && !IsFormBody(request.content_type)) {
      return ErrorResponse(codes::kMalformedQueryString,
                           "The request body must be application/x-www-form-urlencoded.", request_id, action);
    }
    // Strict mode: nothing about the request is looked at before its signature is checked.
    std::optional<model::Caller> verified;
    if (options_.credentials) {
      SignedRequest signed_request{request.method, request.path, request.query, request.headers,
                                   request.body};
      auto caller = AuthenticateCaller(signed_request, *options_.credentials, ec2_.clock().NowMs());
      if (!caller) return ErrorResponse(caller.error().code, caller.error().message, request_id, action);
      verified = std::move(*caller);
    }
    auto params = wire::DecodeForm(request.body, request.query);
    if (!params) return ErrorResponse(params.error().code, params.error().message, request_id, action);

    const wire::FormParams::Param* action_param = params->Find("Action");
    if (action_param == nullptr || action_param->value.empty()) {
      return ErrorResponse(codes::kMissingAction, "The request must contain the parameter Action", request_id,
                           action);
    }
    action = action_param->value;
    if (auto answer = AnswerStsOrIam(request, *params, verified, action, request_id))
      return std::move(*answer);
    const ServiceModel& model = ServiceModel::Ec2();
    const OperationDef* operation = model.FindOperation(action);
    if (operation == nullptr) {
      return ErrorResponse(codes::kInvalidAction,
                           "The action " + action + " is not valid for this web service.", request_id,
                           action);
    }
    auto caller = verified ? model::Result<model::Caller>(*verified)
                           : IdentifyCaller(request.authorization, *params, options_.default_account_id);
    if (!caller) return ErrorResponse(caller.error().code, caller.error().message, request_id, action);

    auto input = ParseInput(model, *operation, *params);
    if (!input) return ErrorResponse(input.error().code, input.error().message, request_id, action);
    ApiResponse response;
    response.request_id = request_id;
    const std::optional<std::string> kept = AnswerCache::KeyOf(action, *caller, *input);
    if (kept) {
      if (auto body = answers_.Find(*kept, request_id)) {
        response.body = std::move(*body);
        response.action = std::move(action);
        return response;
      }
    }
    // Parsed before Invoke, so a call to an action not emulated yet still gets AWS's parameter errors.
    ActionContext context{*caller, ec2_, true};
    auto output = Invoke(context, action, *input, request_id);
    if (!output) return ErrorResponse(output.error().code, output.error().message, request_id, action);

    response.body = SerializeOutput(model, *operation, *output, request_id);
    if (kept) answers_.Keep(*kept, response.body, request_id);
    response.action = std::move(action);
    return response;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in %s (request %s): %s\n", action.c_str(),
                 request_id.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in %s (request %s)\n", action.c_str(),
                 request_id.c_str());
  }
  try {
    return ErrorResponse(codes::kInternalError, "An internal error has occurred.", request_id, action);
  } catch (...) {
    ApiResponse bare;  // allocation failed while reporting an error: answer without a body
    bare.status = 500;
    return bare;
  }
}

ApiResponse Dispatcher::TransportError(int status, std::string_view reason) {
  auto code = status == 413 ? codes::kRequestEntityTooLarge : codes::kInvalidRequest;
  ApiResponse response = ErrorResponse(code, reason, NewRequestId(), "");
  response.status = status == 413 ? 413 : 400;
  return response;
}

ApiResponse Dispatcher::ErrorEnvelope(const model::Error& error) {
  return ErrorResponse(error.code, error.message, NewRequestId(), "");
}

}  // namespace localec2::api
