#include "model/catalogs/regions.hpp"

#include <catch2/catch.hpp>

#include "model/core/filter.hpp"

using namespace localec2::model;

TEST_CASE("wildcards match as AWS filters do", "[model][filter]") {
  CHECK(WildcardMatch("*", ""));
  CHECK(WildcardMatch("us-*", "us-east-1"));
  CHECK(WildcardMatch("*-1?", "us-east-1a"));
  CHECK_FALSE(WildcardMatch("*-1?", "us-east-1"));
  CHECK(WildcardMatch("a*b*c", "aXXbYYc"));
  CHECK_FALSE(WildcardMatch("a*b*c", "aXXbYY"));
  CHECK(WildcardMatch("web\\*", "web*"));
  CHECK_FALSE(WildcardMatch("web\\*", "web1"));
  CHECK(WildcardMatch("exact", "exact"));
  CHECK_FALSE(WildcardMatch("exact", "Exact"));
  CHECK(WildcardMatch(std::string(100, '*') + "x", std::string(10000, 'a') + "x"));
}

TEST_CASE("the catalog has every commercial region with its zones", "[model][regions]") {
  CHECK(AllRegions().size() == 34);
  const RegionInfo* us_east_1 = FindRegion("us-east-1");
  REQUIRE(us_east_1 != nullptr);
  REQUIRE(us_east_1->zones.size() == 6);
  CHECK(us_east_1->zones[0].zone_name == "us-east-1a");
  CHECK(us_east_1->zones[0].zone_id == "use1-az6");
  CHECK(us_east_1->zones[0].group_long_name == "US East (N. Virginia) 1");
  CHECK(FindRegion("us-east-7") == nullptr);
}

TEST_CASE("DescribeRegions filters ANDed, values ORed", "[model][regions]") {
  auto regions = DescribeRegions(
      {{}, false, {{"region-name", {"eu-*", "us-west-2"}}, {"opt-in-status", {"opt-in-not-required"}}}});
  REQUIRE(regions);
  std::vector<std::string> names;
  for (const RegionInfo* r : *regions) names.push_back(r->region_name);
  CHECK(names == std::vector<std::string>{"eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
                                          "us-west-2"});
}

TEST_CASE("DescribeRegions refuses unknown regions, unknown filters and empty filters", "[model][regions]") {
  auto unknown = DescribeRegions({{"xx-1", "us-east-1", "yy-2"}, false, {}});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == "InvalidParameterValue");
  CHECK(unknown.error().message == "Invalid region: [xx-1, yy-2]");
  auto filter = DescribeRegions({{}, false, {{"colour", {"red"}}}});
  CHECK(filter.error().message == "The filter 'colour' is invalid");
  CHECK(DescribeRegions({{}, false, {{"region-name", {}}}}).error().code == "InvalidParameterValue");
}

TEST_CASE("DescribeAvailabilityZones is scoped to the caller's region", "[model][regions]") {
  Caller caller{"000000000000", "us-west-1"};
  auto zones = DescribeAvailabilityZones(caller, {});
  REQUIRE(zones);
  REQUIRE(zones->size() == 2);
  CHECK((*zones)[1]->zone_name == "us-west-1b");
  auto by_id = DescribeAvailabilityZones(caller, {{}, {"usw1-az1"}, false, {}});
  REQUIRE(by_id);
  REQUIRE(by_id->size() == 1);
  CHECK((*by_id)[0]->zone_name == "us-west-1b");
  auto other_region = DescribeAvailabilityZones(caller, {{"us-east-1a"}, {}, false, {}});
  CHECK(other_region.error().message == "The zone 'us-east-1a' does not exist.");
  auto filtered = DescribeAvailabilityZones(caller, {{}, {}, false, {{"zone-id", {"usw1-az3"}}}});
  REQUIRE(filtered);
  CHECK(filtered->size() == 1);
}
