#include "control/control.hpp"

#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "control/checkpoints.hpp"
#include "control/cost.hpp"
#include "control/marketplace.hpp"
#include "control/query_account.hpp"
#include "control/state_endpoint.hpp"
#include "model/core/caller.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::control {

Control::Control(ControlOptions options, model::Ec2& ec2) : options_(std::move(options)), ec2_(ec2) {}

ControlResponse Control::Health(const ControlRequest&) const noexcept {
  try {
    return {200, "application/json",
            R"({"status":"running","version":")" + options_.version + R"(","services":{"ec2":"running"}})",
            "health"};
  } catch (...) {
    return {500, "application/json", "", "health"};  // allocation failed: answer without a body
  }
}

ControlResponse Control::Reset(const ControlRequest& request) const noexcept {
  return Forget(request, "reset", [](const std::optional<std::string>& scope) {
    return nlohmann::json{{"reset", scope.value_or("all")}}.dump();
  });
}

ControlResponse Control::MotoReset(const ControlRequest& request) const noexcept {
  return Forget(request, "moto-reset", [](const std::optional<std::string>&) {
    return std::string(R"({"status": "ok"})");  // moto's own answer, byte for byte
  });
}

ControlResponse Control::Forget(const ControlRequest& request, const char* endpoint,
                                Answer answer) const noexcept {
  try {
    std::optional<std::string> scope;
    if (options_.authenticate) {
      auto caller = options_.authenticate(request);
      if (!caller) return Refuse(caller.error(), endpoint);
      scope = caller->account_id;
    } else {
      auto account = AccountOfQuery(request.query);
      if (!account) return Refuse(account.error(), endpoint);
      scope = std::move(*account);
    }
    if (auto reset = ec2_.Reset(scope); !reset) {
      std::fprintf(stderr, "localec2: %s failed: %s\n", endpoint, reset.error().message.c_str());
      return {500, "application/json", R"({"error":"reset failed"})",
              std::string(endpoint) + " " + reset.error().code};
    }
    return {200, "application/json", answer(scope), endpoint};
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in %s: %s\n", endpoint, e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in %s\n", endpoint);
  }
  return Refuse({std::string(model::codes::kInternalError), "An internal error has occurred."}, endpoint);
}

ControlResponse Control::Refuse(const model::Error& error, const char* endpoint) const noexcept {
  try {
    ControlResponse response = options_.render_error(error);
    response.log_note = std::string(endpoint) + " " + error.code;
    return response;
  } catch (...) {
    ControlResponse bare;  // no renderer, or allocation failed while refusing: answer without a body
    bare.status = 500;
    return bare;
  }
}

ControlResponse Control::Marketplace(const ControlRequest& request) const noexcept {
  return MarketplaceSubscriptions(options_, ec2_, request);
}

ControlResponse Control::Cost(const ControlRequest& request) const noexcept {
  return CostView(options_, ec2_, request);
}

std::vector<Endpoint> Control::Endpoints() const {
  auto health = [this](const ControlRequest& request) { return Health(request); };
  std::vector<Endpoint> endpoints = {
      {"GET", "/_localec2/health", health},
      {"GET", "/_localstack/health", health},
      {"POST", "/_localec2/reset", [this](const ControlRequest& request) { return Reset(request); }},
      {"POST", "/moto-api/reset", [this](const ControlRequest& request) { return MotoReset(request); }},
      {"GET", "/moto-api/reset",
       [](const ControlRequest&) {
         return ControlResponse{400, "application/json", R"({"Error": "Need to POST to reset Moto"})",
                                "moto-reset"};
       }},
      {"*", kCostPath, [this](const ControlRequest& request) { return Cost(request); }},
      {"*", kSubscriptionsPath, [this](const ControlRequest& request) { return Marketplace(request); },
       true}};
  if (options_.checkpoints != nullptr) {
    endpoints.push_back({"*", kCheckpointsPath,
                         [this](const ControlRequest& request) {
                           return CheckpointRequest(options_, ec2_, *options_.checkpoints, request);
                         },
                         true});
  }
  if (options_.record_codec != nullptr) {
    endpoints.push_back({"*", kStatePath, [this](const ControlRequest& request) {
                           return StateRequest(options_, ec2_, request);
                         }});
  }
  return endpoints;
}

}  // namespace localec2::control
