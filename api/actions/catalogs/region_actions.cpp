#include "api/actions/families.hpp"
#include "model/catalogs/regions.hpp"

namespace localec2::api {
namespace {

model::Result<Json> DescribeRegions(ActionContext&, const Json& input) {
  auto regions = model::DescribeRegions(
      {StringList(input, "RegionNames"), BoolMember(input, "AllRegions"), FilterList(input)});
  if (!regions) return std::move(regions).error();
  Json items = Json::array();
  for (const model::RegionInfo* r : *regions) {
    items.push_back(
        {{"RegionName", r->region_name}, {"Endpoint", r->endpoint}, {"OptInStatus", r->opt_in_status}});
  }
  return Json{{"Regions", std::move(items)}};
}

model::Result<Json> DescribeAvailabilityZones(ActionContext& context, const Json& input) {
  auto zones = model::DescribeAvailabilityZones(
      context.caller, {StringList(input, "ZoneNames"), StringList(input, "ZoneIds"),
                       BoolMember(input, "AllAvailabilityZones"), FilterList(input)});
  if (!zones) return std::move(zones).error();
  Json items = Json::array();
  for (const model::ZoneInfo* z : *zones) {
    items.push_back({{"ZoneName", z->zone_name},
                     {"ZoneId", z->zone_id},
                     {"RegionName", z->region_name},
                     {"State", "available"},
                     {"OptInStatus", "opt-in-not-required"},
                     {"Messages", Json::array()},
                     {"GroupName", z->group_name},
                     {"GroupLongName", z->group_long_name},
                     {"NetworkBorderGroup", z->region_name},
                     {"ZoneType", "availability-zone"}});
  }
  return Json{{"AvailabilityZones", std::move(items)}};
}

}  // namespace

std::span<const ActionEntry> RegionActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(DescribeAvailabilityZones),
                                             LOCALEC2_ACTION(DescribeRegions)};
  return kActions;
}

}  // namespace localec2::api
