#include "api/invoke.hpp"

#include <cstdio>
#include <exception>
#include <string>

#include "api/actions/registry.hpp"
#include "api/protocol/service_model.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::api {
namespace {

namespace codes = model::codes;

model::Error InternalError() {
  return {std::string(codes::kInternalError), "An internal error has occurred."};
}

// The checks and the call, in the order Invoke documents; exceptions are Invoke's to catch.
model::Result<Json> Run(ActionContext& context, std::string_view action, const Json& input,
                        std::string_view request_id) {
  if (ServiceModel::Ec2().FindOperation(action) == nullptr) {
    return model::Error{std::string(codes::kInvalidAction),
                        "The action " + std::string(action) + " is not valid for this web service."};
  }
  Handler handler = FindHandler(action);
  if (handler == nullptr) {
    return model::Error{std::string(codes::kNotImplemented), "The action " + std::string(action) +
                                                                 " is part of the EC2 API but is not "
                                                                 "emulated by localec2 yet."};
  }
  if (input.is_object() && input.value("DryRun", false)) {
    return model::Error{std::string(codes::kDryRunOperation),
                        "Request would have succeeded, but DryRun flag is set."};
  }
  auto output = handler(context, input);
  if (!output && output.error().code == codes::kInternalError) {
    // The detail (a storage or OpenSSL failure) is for the log; the client gets AWS's wording.
    std::fprintf(stderr, "localec2: %.*s failed (request %.*s): %s\n", static_cast<int>(action.size()),
                 action.data(), static_cast<int>(request_id.size()), request_id.data(),
                 output.error().message.c_str());
    return InternalError();
  }
  return output;
}

}  // namespace

model::Result<Json> Invoke(ActionContext& context, std::string_view action, const Json& input,
                           std::string_view request_id) {
  const int action_size = static_cast<int>(action.size());
  const int id_size = static_cast<int>(request_id.size());
  try {
    return Run(context, action, input, request_id);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in %.*s (request %.*s): %s\n", action_size, action.data(),
                 id_size, request_id.data(), e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in %.*s (request %.*s)\n", action_size,
                 action.data(), id_size, request_id.data());
  }
  return InternalError();
}

}  // namespace localec2::api
