#include "control/cost.hpp"

#include <cmath>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>

#include "control/cost_prices.hpp"
#include "control/cost_query.hpp"
#include "model/catalogs/region_catalog.hpp"
#include "model/core/time_format.hpp"
#include "model/cost/cost.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

ControlResponse JsonError(int status, const std::string& message) {
  return {status, "application/json", json{{"error", message}}.dump(), "cost " + std::to_string(status)};
}

double Round6(double dollars) { return std::round(dollars * 1e6) / 1e6; }

bool WantsText(const ControlRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name == "accept") return value.find("text/plain") != std::string::npos;
  }
  return false;
}

json ReportJson(const std::string& account, const std::vector<std::string>& regions,
                const model::CostReport& report, const model::PriceTable& prices) {
  json resources = json::array();
  json flags = json::array();
  for (const model::CostItem& item : report.items) {
    json item_flags = json::array();
    for (const model::CostFlag& flag : item.flags) {
      item_flags.push_back({{"Flag", flag.kind}, {"Message", flag.message}});
      flags.push_back({{"ResourceId", item.resource_id}, {"Flag", flag.kind}, {"Message", flag.message}});
    }
    resources.push_back({{"Region", item.region},
                         {"ResourceType", item.resource_type},
                         {"ResourceId", item.resource_id},
                         {"Charge", item.charge},
                         {"Hourly", Round6(item.hourly)},
                         {"Monthly", Round6(item.monthly)},
                         {"Accrued", item.accrued ? json(Round6(*item.accrued)) : json(nullptr)},
                         {"Since", item.since_ms > 0 ? json(model::IsoTime(item.since_ms)) : json(nullptr)},
                         {"Flags", std::move(item_flags)}});
  }
  return {{"AccountId", account},
          {"Regions", regions},
          {"At", model::IsoTime(report.at_ms)},
          {"Currency", "USD"},
          {"Prices", {{"Source", prices.source}, {"AsOf", prices.as_of}}},
          {"Resources", std::move(resources)},
          {"Flags", std::move(flags)},
          {"Total",
           {{"Hourly", Round6(report.hourly)},
            {"Monthly", Round6(report.monthly)},
            {"Accrued", Round6(report.accrued)}}}};
}

std::string Line(const char* format, auto... values) {
  char text[512];
  std::snprintf(text, sizeof text, format, values...);
  return text;
}

std::string ReportText(const std::string& account, const model::CostReport& report,
                       const model::PriceTable& prices) {
  std::string out = "Cost of account " + account + " at " + model::IsoTime(report.at_ms) +
                    " (USD, On-Demand estimates, prices as of " + prices.as_of + ")\n\n";
  const char* row = "%-14s %-11s %-26s %-36s %10s %10s %10s\n";
  out += Line(row, "REGION", "TYPE", "ID", "CHARGE", "HOURLY", "MONTHLY", "ACCRUED");
  for (const model::CostItem& item : report.items) {
    out += Line(row, item.region.c_str(), item.resource_type.c_str(), item.resource_id.c_str(),
                item.charge.substr(0, 36).c_str(), Line("%.4f", item.hourly).c_str(),
                Line("%.2f", item.monthly).c_str(), item.accrued ? Line("%.2f", *item.accrued).c_str() : "-");
  }
  out += Line(row, "TOTAL", "", "", "", Line("%.4f", report.hourly).c_str(),
              Line("%.2f", report.monthly).c_str(), Line("%.2f", report.accrued).c_str());
  bool first = true;
  for (const model::CostItem& item : report.items) {
    for (const model::CostFlag& flag : item.flags) {
      if (first) out += "\nFlags:\n";
      first = false;
      out += "  [" + flag.kind + "] " + flag.message + "\n";
    }
  }
  return out;
}

ControlResponse Handle(const ControlOptions& options, model::Ec2& ec2, const ControlRequest& request) {
  if (request.method != "GET") {
    return JsonError(
        405, "Method " + std::string(request.method.substr(0, 16)) + " is not allowed here; use GET.");
  }
  auto query = ParseCostQuery(request.query);
  if (!query) return JsonError(400, query.error().message);
  std::string account = query->account.value_or(options.default_account);
  if (options.authenticate) {
    auto caller = options.authenticate(request);
    if (!caller) {
      ControlResponse refused = options.render_error(caller.error());
      refused.log_note = "cost " + caller.error().code;
      return refused;
    }
    if (query->account && *query->account != caller->account_id)
      return JsonError(403, "A signed request may price only its own account.");
    account = caller->account_id;
  }
  model::CostRequest cost{account, {}, query->at_ms, query->cost_tag};
  if (query->region) {
    cost.regions.push_back(*query->region);
  } else {
    for (const model::RegionInfo& region : model::AllRegions()) cost.regions.push_back(region.region_name);
  }
  const model::PriceTable& prices = BuiltInPrices();
  auto report = model::EstimateCost(ec2, cost, prices);
  if (!report) return JsonError(400, report.error().message);
  if (WantsText(request))
    return {200, "text/plain; charset=utf-8", ReportText(account, *report, prices), "cost"};
  std::vector<std::string> regions;
  for (const model::CostItem& item : report->items)
    if (regions.empty() || regions.back() != item.region) regions.push_back(item.region);
  if (query->region) regions = {*query->region};
  return {200, "application/json", ReportJson(account, regions, *report, prices).dump(), "cost"};
}

}  // namespace

ControlResponse CostView(const ControlOptions& options, model::Ec2& ec2,
                         const ControlRequest& request) noexcept {
  try {
    return Handle(options, ec2, request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in cost: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in cost\n");
  }
  ControlResponse bare;
  bare.status = 500;
  return bare;
}

}  // namespace localec2::control
