#include "model/catalogs/region_catalog.hpp"

#include <algorithm>

namespace localec2::model {
namespace {

struct RegionRow {
  std::string_view name;
  std::string_view long_name;
  std::string_view zone_id_prefix;
  std::string_view zones;  // "a1 b2 c3": zone letter, then the number of its zone id (use1-az1)
  bool opt_in;
};

// Zone letters and ids as a typical account sees them (AWS maps letters to ids per account).
constexpr RegionRow kRegions[] = {
    {"af-south-1", "Africa (Cape Town)", "afs1", "a1 b2 c3", true},
    {"ap-east-1", "Asia Pacific (Hong Kong)", "ape1", "a1 b2 c3", true},
    {"ap-east-2", "Asia Pacific (Taipei)", "ape2", "a1 b2 c3", true},
    {"ap-northeast-1", "Asia Pacific (Tokyo)", "apne1", "a4 c1 d2", false},
    {"ap-northeast-2", "Asia Pacific (Seoul)", "apne2", "a1 b2 c3 d4", false},
    {"ap-northeast-3", "Asia Pacific (Osaka)", "apne3", "a3 b1 c2", false},
    {"ap-south-1", "Asia Pacific (Mumbai)", "aps1", "a1 b3 c2", false},
    {"ap-south-2", "Asia Pacific (Hyderabad)", "aps2", "a1 b2 c3", true},
    {"ap-southeast-1", "Asia Pacific (Singapore)", "apse1", "a1 b2 c3", false},
    {"ap-southeast-2", "Asia Pacific (Sydney)", "apse2", "a1 b3 c2", false},
    {"ap-southeast-3", "Asia Pacific (Jakarta)", "apse3", "a1 b2 c3", true},
    {"ap-southeast-4", "Asia Pacific (Melbourne)", "apse4", "a1 b2 c3", true},
    {"ap-southeast-5", "Asia Pacific (Malaysia)", "apse5", "a1 b2 c3", true},
    {"ap-southeast-6", "Asia Pacific (New Zealand)", "apse6", "a1 b2 c3", true},
    {"ap-southeast-7", "Asia Pacific (Thailand)", "apse7", "a1 b2 c3", true},
    {"ca-central-1", "Canada (Central)", "cac1", "a1 b2 d4", false},
    {"ca-west-1", "Canada West (Calgary)", "caw1", "a1 b2 c3", true},
    {"eu-central-1", "Europe (Frankfurt)", "euc1", "a2 b3 c1", false},
    {"eu-central-2", "Europe (Zurich)", "euc2", "a1 b2 c3", true},
    {"eu-north-1", "Europe (Stockholm)", "eun1", "a1 b2 c3", false},
    {"eu-south-1", "Europe (Milan)", "eus1", "a1 b2 c3", true},
    {"eu-south-2", "Europe (Spain)", "eus2", "a1 b2 c3", true},
    {"eu-west-1", "Europe (Ireland)", "euw1", "a3 b1 c2", false},
    {"eu-west-2", "Europe (London)", "euw2", "a2 b3 c1", false},
    {"eu-west-3", "Europe (Paris)", "euw3", "a1 b2 c3", false},
    {"il-central-1", "Israel (Tel Aviv)", "ilc1", "a1 b2 c3", true},
    {"me-central-1", "Middle East (UAE)", "mec1", "a1 b2 c3", true},
    {"me-south-1", "Middle East (Bahrain)", "mes1", "a1 b2 c3", true},
    {"mx-central-1", "Mexico (Central)", "mxc1", "a1 b2 c3", true},
    {"sa-east-1", "South America (Sao Paulo)", "sae1", "a1 b2 c3", false},
    {"us-east-1", "US East (N. Virginia)", "use1", "a6 b1 c2 d4 e3 f5", false},
    {"us-east-2", "US East (Ohio)", "use2", "a1 b2 c3", false},
    {"us-west-1", "US West (N. California)", "usw1", "a3 b1", false},
    {"us-west-2", "US West (Oregon)", "usw2", "a2 b1 c3 d4", false},
};

std::vector<RegionInfo> Build() {
  std::vector<RegionInfo> regions;
  for (const RegionRow& row : kRegions) {
    RegionInfo region{std::string(row.name),
                      std::string(row.long_name),
                      "ec2." + std::string(row.name) + ".amazonaws.com",
                      row.opt_in ? "opted-in" : "opt-in-not-required",
                      {}};
    for (size_t i = 0; i + 1 < row.zones.size(); i += 3) {
      region.zones.push_back({region.region_name + row.zones[i],
                              std::string(row.zone_id_prefix) + "-az" + row.zones[i + 1], region.region_name,
                              region.region_name + "-zg-1", region.long_name + " 1"});
    }
    regions.push_back(std::move(region));
  }
  return regions;
}

}  // namespace

std::span<const RegionInfo> AllRegions() {
  static const std::vector<RegionInfo> regions = Build();
  return regions;
}

const RegionInfo* FindRegion(std::string_view name) {
  auto regions = AllRegions();
  auto it = std::lower_bound(regions.begin(), regions.end(), name,
                             [](const RegionInfo& r, std::string_view n) { return r.region_name < n; });
  return it != regions.end() && it->region_name == name ? &*it : nullptr;
}

}  // namespace localec2::model
