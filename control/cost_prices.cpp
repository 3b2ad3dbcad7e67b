#include "control/cost_prices.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/core/error_codes.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

// A member's problem, thrown inside ParsePrices only and turned into its error there.
struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& Member(const json& object, const char* name) {
  auto found = object.find(name);
  if (found == object.end()) throw Bad(std::string("missing member ") + name);
  return *found;
}

double Price(const json& value, const std::string& name) {
  if (!value.is_number() || value.get<double>() < 0) throw Bad(name + " must be a number, not negative");
  return value.get<double>();
}

std::string Text(const json& object, const char* name) {
  const json& value = Member(object, name);
  if (!value.is_string()) throw Bad(std::string(name) + " must be a string");
  return value.get<std::string>();
}

std::map<std::string, double, std::less<>> PriceMap(const json& object, const char* name) {
  const json& map = Member(object, name);
  if (!map.is_object()) throw Bad(std::string(name) + " must be an object");
  std::map<std::string, double, std::less<>> prices;
  for (const auto& [key, value] : map.items()) prices[key] = Price(value, std::string(name) + "." + key);
  return prices;
}

model::PriceTable Parse(const json& doc) {
  if (!doc.is_object()) throw Bad("the document must be a JSON object");
  model::PriceTable table;
  table.source = Text(doc, "about");
  table.as_of = Text(doc, "as_of");
  const json& instances = Member(doc, "instances");
  if (!instances.is_object()) throw Bad("instances must be an object");
  for (const auto& [type, row] : instances.items()) {
    if (!row.is_object()) throw Bad("instances." + type + " must be an object");
    model::InstancePrice price;
    price.linux_hourly = Price(Member(row, "linux"), "instances." + type + ".linux");
    if (const json& windows = Member(row, "windows"); !windows.is_null())
      price.windows_hourly = Price(windows, "instances." + type + ".windows");
    table.instances[type] = price;
  }
  table.region_factors = PriceMap(doc, "region_factors");
  table.ebs_gb_month = PriceMap(doc, "ebs_gb_month");
  table.ebs_iops_month = PriceMap(doc, "ebs_iops_month");
  table.gp3_free_iops = static_cast<int>(Price(Member(doc, "gp3_free_iops"), "gp3_free_iops"));
  table.gp3_iops_month = Price(Member(doc, "gp3_iops_month"), "gp3_iops_month");
  table.gp3_free_throughput =
      static_cast<int>(Price(Member(doc, "gp3_free_throughput_mbps"), "gp3_free_throughput_mbps"));
  table.gp3_throughput_month = Price(Member(doc, "gp3_throughput_mbps_month"), "gp3_throughput_mbps_month");
  table.snapshot_gb_month = Price(Member(doc, "snapshot_gb_month"), "snapshot_gb_month");
  table.public_ipv4_hourly = Price(Member(doc, "public_ipv4_hourly"), "public_ipv4_hourly");
  table.nat_gateway_hourly = Price(Member(doc, "nat_gateway_hourly"), "nat_gateway_hourly");
  return table;
}

}  // namespace

model::Result<model::PriceTable> ParsePrices(std::string_view text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return model::MakeError(model::codes::kInvalidParameterValue, "The prices are not JSON.");
  try {
    return Parse(doc);
  } catch (const Bad& bad) {
    return model::MakeError(model::codes::kInvalidParameterValue,
                            std::string("The prices are invalid: ") + bad.what());
  }
}

const model::PriceTable& BuiltInPrices() {
  static const model::PriceTable table = [] {
    auto parsed = ParsePrices(EmbeddedPricesJson());
    if (!parsed) throw std::logic_error(parsed.error().message);  // the build's unit test rules this out
    return std::move(*parsed);
  }();
  return table;
}

}  // namespace localec2::control
