// The console's JSON API: decodes {"Action", "Region", "Params"}, turns Params into the form parameters
// the EC2 Query API would have decoded, and runs them through the same ParseInput and Invoke, so the
// console gets exactly the CLI's validation, handlers and errors. Answers JSON, not XML: the handler's
// output members as they are.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "api/actions/action.hpp"
#include "api/invoke.hpp"
#include "api/protocol/input_parser.hpp"
#include "api/protocol/service_model.hpp"
#include "api/request_id.hpp"
#include "console/console.hpp"
#include "model/catalogs/region_catalog.hpp"
#include "model/core/error_codes.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::console {
namespace {

namespace codes = model::codes;
using Json = nlohmann::json;

control::ControlResponse Answer(int status, const Json& body, std::string note) {
  return {status, "application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace),
          std::move(note)};
}

control::ControlResponse Refuse(std::string_view code, std::string_view message,
                                const std::string& request_id, const std::string& action, int status = 0) {
  Json body = {{"Error", {{"Code", code}, {"Message", message}}}, {"RequestId", request_id}};
  std::string note = "console " + (action.empty() ? std::string("-") : action) + " " + std::string(code);
  return Answer(status != 0 ? status : model::HttpStatusFor(code), body, std::move(note));
}

// Params' values as the form decoder would hold them. Errors: a value that is not a string, number or
// boolean; a name that is empty or not UTF-8.
model::Result<wire::FormParams> FormOf(const Json& params) {
  std::vector<wire::FormParams::Param> list;
  for (const auto& [name, value] : params.items()) {
    std::string text;
    if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_boolean()) {
      text = value.get<bool>() ? "true" : "false";
    } else if (value.is_number()) {
      text = value.dump();
    } else {
      return model::Error{std::string(codes::kInvalidParameterValue),
                          "Value of parameter '" + name + "' must be a string, a number or a boolean."};
    }
    if (name.empty() || !wire::IsValidUtf8(name) || !wire::IsValidUtf8(text)) {
      return model::Error{std::string(codes::kInvalidParameterValue),
                          "Parameter names and values must be UTF-8."};
    }
    list.push_back({name, std::move(text), false});
  }
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return wire::FormParams(std::move(list));
}

}  // namespace

control::ControlResponse Console::Api(const control::ControlRequest& request) const noexcept {
  const std::string request_id = api::NewRequestId();
  std::string action;
  try {
    if (request.method != "POST") {
      return Refuse(codes::kInvalidRequest, "The console API accepts POST only.", request_id, action, 405);
    }
    if (request.body.size() > options_.max_api_body_bytes) {
      return Refuse(codes::kRequestEntityTooLarge, "The request body is too large.", request_id, action);
    }
    Json body = Json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return Refuse(codes::kInvalidRequest, "The request body must be a JSON object.", request_id, action);
    }
    auto member = [&body](const char* name) { return body.contains(name) ? body[name] : Json(); };
    std::string account = options_.default_account;
    if (options_.account_of_keys) {
      const Json key_id = member("AccessKeyId"), secret = member("SecretAccessKey");
      if (!key_id.is_string() || !secret.is_string()) {
        return Refuse(codes::kAuthFailure,
                      "Enter the access key ID and secret access key of an account (--auth strict).",
                      request_id, action);
      }
      auto found = options_.account_of_keys(key_id.get<std::string>(), secret.get<std::string>());
      if (!found) return Refuse(found.error().code, found.error().message, request_id, action);
      account = std::move(*found);
    }
    const Json action_json = member("Action"), region_json = member("Region"), params_json = member("Params");
    if (!action_json.is_string() || action_json.get<std::string>().empty()) {
      return Refuse(codes::kMissingAction, "The request must contain the parameter Action", request_id,
                    action);
    }
    action = action_json.get<std::string>();
    if (!region_json.is_string() || model::FindRegion(region_json.get<std::string>()) == nullptr) {
      return Refuse(codes::kInvalidParameterValue, "Region must name a region of the catalog.", request_id,
                    action);
    }
    if (!params_json.is_null() && !params_json.is_object()) {
      return Refuse(codes::kInvalidRequest, "Params must be a JSON object.", request_id, action);
    }
    const api::ServiceModel& service = api::ServiceModel::Ec2();
    const api::OperationDef* operation = service.FindOperation(action);
    if (operation == nullptr) {
      return Refuse(codes::kInvalidAction, "The action " + action + " is not valid for this web service.",
                    request_id, action);
    }
    auto form = FormOf(params_json.is_null() ? Json::object() : params_json);
    if (!form) return Refuse(form.error().code, form.error().message, request_id, action);
    auto input = api::ParseInput(service, *operation, *form);
    if (!input) return Refuse(input.error().code, input.error().message, request_id, action);
    const model::Caller caller{account, region_json.get<std::string>()};
    api::ActionContext context{caller, ec2_, false};
    auto output = api::Invoke(context, action, *input, request_id);
    if (!output) return Refuse(output.error().code, output.error().message, request_id, action);
    return Answer(200, Json{{"Output", std::move(*output)}, {"RequestId", request_id}}, "console " + action);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: console internal error in %s (request %s): %s\n", action.c_str(),
                 request_id.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: console internal error in %s (request %s)\n", action.c_str(),
                 request_id.c_str());
  }
  try {
    return Refuse(codes::kInternalError, "An internal error has occurred.", request_id, action);
  } catch (...) {
    return {500, "application/json", "", "console 500"};
  }
}

}  // namespace localec2::console
