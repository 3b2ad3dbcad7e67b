// The commercial AWS regions and their availability zones, as EC2 describes them. Static data.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace localec2::model {

struct ZoneInfo {
  std::string zone_name;        // us-east-1a
  std::string zone_id;          // use1-az1
  std::string region_name;      // us-east-1
  std::string group_name;       // us-east-1-zg-1
  std::string group_long_name;  // US East (N. Virginia) 1
};

struct RegionInfo {
  std::string region_name;    // us-east-1
  std::string long_name;      // US East (N. Virginia)
  std::string endpoint;       // ec2.us-east-1.amazonaws.com
  std::string opt_in_status;  // opt-in-not-required | opted-in
  std::vector<ZoneInfo> zones;
};

// Every region, sorted by name. Regions that AWS makes opt-in are reported as opted-in, so a user can
// work in them as in an account that enabled them.
std::span<const RegionInfo> AllRegions();

// The region named exactly `name`, or nullptr.
const RegionInfo* FindRegion(std::string_view name);

}  // namespace localec2::model
