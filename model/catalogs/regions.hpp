// DescribeRegions and DescribeAvailabilityZones over the static region catalog.
#pragma once

#include <string>
#include <vector>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/filter.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct DescribeRegionsRequest {
  std::vector<std::string> region_names;
  bool all_regions = false;
  std::vector<Filter> filters;  // endpoint, opt-in-status, region-name
};

// The regions named (all when none are), filtered, sorted by name.
// Errors: InvalidParameterValue for an unknown region name ("Invalid region: [x]") or filter name.
Result<std::vector<const RegionInfo*>> DescribeRegions(const DescribeRegionsRequest& request);

struct DescribeAvailabilityZonesRequest {
  std::vector<std::string> zone_names;
  std::vector<std::string> zone_ids;
  bool all_availability_zones = false;
  std::vector<Filter> filters;  // zone-name, zone-id, region-name, state, opt-in-status, zone-type,
                                // group-name, group-long-name, message
};

// The caller's region's zones named by name or id (all when none are), filtered.
// Errors: InvalidParameterValue for a zone that is not in the caller's region or an unknown filter.
Result<std::vector<const ZoneInfo*>> DescribeAvailabilityZones(
    const Caller& caller, const DescribeAvailabilityZonesRequest& request);

}  // namespace localec2::model
