#include "control/marketplace.hpp"

#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <variant>

#include "control/query_account.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/time_format.hpp"
#include "model/marketplace/marketplace.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

ControlResponse JsonError(int status, const std::string& message) {
  return {status, "application/json", json{{"error", message}}.dump(),
          "marketplace " + std::to_string(status)};
}

json SubscriptionJson(const std::string& account, const model::MarketplaceSubscription& subscription) {
  return {{"ProductCode", subscription.product_code},
          {"AccountId", account},
          {"SubscribedAt", model::IsoTime(subscription.subscribed_ms)}};
}

// The account the request acts on: the signer's (strict), else ?account=, else the default one. A refusal
// is the response to send.
std::variant<std::string, ControlResponse> AccountOf(const ControlOptions& options,
                                                     const ControlRequest& request) {
  if (options.authenticate) {
    auto caller = options.authenticate(request);
    if (caller) return caller->account_id;
    ControlResponse refused = options.render_error(caller.error());
    refused.log_note = "marketplace " + caller.error().code;
    return refused;
  }
  auto account = AccountOfQuery(request.query);
  if (!account) return JsonError(400, account.error().message);
  return account->value_or(options.default_account);
}

// The ProductCode of a POST body, or the 400 to send.
std::variant<std::string, ControlResponse> ProductCodeOf(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return JsonError(400, R"(The body must be a JSON object: {"ProductCode": "..."}.)");
  }
  for (const auto& [key, value] : parsed.items()) {
    if (key != "ProductCode") return JsonError(400, "Unknown member '" + key.substr(0, 64) + "'.");
  }
  auto code = parsed.find("ProductCode");
  if (code == parsed.end() || !code->is_string() || code->get<std::string>().empty()) {
    return JsonError(400, "ProductCode must be a non-empty string.");
  }
  return code->get<std::string>();
}

ControlResponse Answer(const model::Error& error) {
  if (error.code == model::codes::kInvalidParameterValue) return JsonError(404, error.message);
  std::fprintf(stderr, "localec2: marketplace failed: %s\n", error.message.c_str());
  return JsonError(500, "The subscription could not be changed.");
}

ControlResponse Handle(const ControlOptions& options, model::Ec2& ec2, const ControlRequest& request) {
  const bool collection = request.path == kSubscriptionsPath;
  std::string_view code;
  if (!collection) {
    code = request.path.substr(kSubscriptionsPath.size() + 1);  // the router guarantees the "/"
    if (code.empty() || code.find('/') != std::string_view::npos) return JsonError(404, "No such endpoint.");
  }
  const std::string_view allowed = collection ? "GET, POST" : "DELETE";
  if ((collection && request.method != "GET" && request.method != "POST") ||
      (!collection && request.method != "DELETE")) {
    return JsonError(405, "Method " + std::string(request.method.substr(0, 16)) +
                              " is not allowed here; use " + std::string(allowed) + ".");
  }
  auto account = AccountOf(options, request);
  if (auto* refused = std::get_if<ControlResponse>(&account)) return std::move(*refused);
  const std::string& account_id = std::get<std::string>(account);
  if (!collection) {
    if (auto done = model::UnsubscribeFromProduct(ec2, account_id, std::string(code)); !done) {
      return Answer(done.error());
    }
    return {200, "application/json", json{{"Unsubscribed", code}}.dump(), "marketplace"};
  }
  if (request.method == "GET") {
    auto listed = model::ListMarketplaceSubscriptions(ec2, account_id);
    if (!listed) return Answer(listed.error());
    json subscriptions = json::array();
    for (const auto& subscription : *listed)
      subscriptions.push_back(SubscriptionJson(account_id, subscription));
    return {200, "application/json", json{{"Subscriptions", subscriptions}}.dump(), "marketplace"};
  }
  auto product = ProductCodeOf(request.body);
  if (auto* refused = std::get_if<ControlResponse>(&product)) return std::move(*refused);
  auto subscribed = model::SubscribeToProduct(ec2, account_id, std::get<std::string>(product));
  if (!subscribed) return Answer(subscribed.error());
  return {200, "application/json", SubscriptionJson(account_id, *subscribed).dump(), "marketplace"};
}

}  // namespace

ControlResponse MarketplaceSubscriptions(const ControlOptions& options, model::Ec2& ec2,
                                         const ControlRequest& request) noexcept {
  try {
    return Handle(options, ec2, request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in marketplace: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in marketplace\n");
  }
  ControlResponse bare;
  bare.status = 500;
  return bare;
}

}  // namespace localec2::control
