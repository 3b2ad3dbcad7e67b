#include "model/catalogs/regions.hpp"

#include <algorithm>

#include "model/core/error_codes.hpp"

namespace localec2::model {
namespace {

void Add(std::vector<std::string>& out, std::string_view value) { out.emplace_back(value); }

constexpr FilterField<RegionInfo> kRegionFilters[] = {
    {"endpoint", [](const RegionInfo& r, std::string_view, auto& out) { Add(out, r.endpoint); }},
    {"opt-in-status", [](const RegionInfo& r, std::string_view, auto& out) { Add(out, r.opt_in_status); }},
    {"region-name", [](const RegionInfo& r, std::string_view, auto& out) { Add(out, r.region_name); }},
};

constexpr FilterField<ZoneInfo> kZoneFilters[] = {
    {"zone-name", [](const ZoneInfo& z, std::string_view, auto& out) { Add(out, z.zone_name); }},
    {"zone-id", [](const ZoneInfo& z, std::string_view, auto& out) { Add(out, z.zone_id); }},
    {"region-name", [](const ZoneInfo& z, std::string_view, auto& out) { Add(out, z.region_name); }},
    {"group-name", [](const ZoneInfo& z, std::string_view, auto& out) { Add(out, z.group_name); }},
    {"group-long-name", [](const ZoneInfo& z, std::string_view, auto& out) { Add(out, z.group_long_name); }},
    {"state", [](const ZoneInfo&, std::string_view, auto& out) { Add(out, "available"); }},
    {"opt-in-status", [](const ZoneInfo&, std::string_view, auto& out) { Add(out, "opt-in-not-required"); }},
    {"zone-type", [](const ZoneInfo&, std::string_view, auto& out) { Add(out, "availability-zone"); }},
    {"message", [](const ZoneInfo&, std::string_view, auto&) {}},
};

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Result<std::vector<const RegionInfo*>> DescribeRegions(const DescribeRegionsRequest& request) {
  std::string unknown;
  for (const std::string& name : request.region_names) {
    if (FindRegion(name) == nullptr) unknown += (unknown.empty() ? "" : ", ") + name;
  }
  if (!unknown.empty()) {
    return Error{std::string(codes::kInvalidParameterValue), "Invalid region: [" + unknown + "]"};
  }
  auto filters = CompiledFilters<RegionInfo>::Compile(request.filters, kRegionFilters);
  if (!filters) return std::move(filters).error();

  std::vector<const RegionInfo*> regions;
  for (const RegionInfo& region : AllRegions()) {
    if (!request.region_names.empty() && !Contains(request.region_names, region.region_name)) continue;
    if (filters->Matches(region)) regions.push_back(&region);
  }
  return regions;
}

Result<std::vector<const ZoneInfo*>> DescribeAvailabilityZones(
    const Caller& caller, const DescribeAvailabilityZonesRequest& request) {
  const RegionInfo* region = FindRegion(caller.region);
  if (region == nullptr) {
    return Error{std::string(codes::kInvalidParameterValue), "Invalid region: [" + caller.region + "]"};
  }
  auto known = [&](auto member, const std::string& value) {
    return std::any_of(region->zones.begin(), region->zones.end(),
                       [&](const ZoneInfo& zone) { return zone.*member == value; });
  };
  for (const std::string& name : request.zone_names) {
    if (!known(&ZoneInfo::zone_name, name)) {
      return Error{std::string(codes::kInvalidParameterValue), "The zone '" + name + "' does not exist."};
    }
  }
  for (const std::string& id : request.zone_ids) {
    if (!known(&ZoneInfo::zone_id, id)) {
      return Error{std::string(codes::kInvalidParameterValue), "The zone ID '" + id + "' does not exist."};
    }
  }
  auto filters = CompiledFilters<ZoneInfo>::Compile(request.filters, kZoneFilters);
  if (!filters) return std::move(filters).error();

  const bool named = !request.zone_names.empty() || !request.zone_ids.empty();
  std::vector<const ZoneInfo*> zones;
  for (const ZoneInfo& zone : region->zones) {
    if (named && !Contains(request.zone_names, zone.zone_name) && !Contains(request.zone_ids, zone.zone_id)) {
      continue;
    }
    if (filters->Matches(zone)) zones.push_back(&zone);
  }
  return zones;
}

}  // namespace localec2::model
