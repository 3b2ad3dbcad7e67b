#include <catch2/catch.hpp>

#include "model/core/filter.hpp"

using namespace localec2;

TEST_CASE("filter names in camelCase are tried again in kebab-case", "[model][filter]") {
  CHECK(model::KebabCaseOf("availabilityZone") == "availability-zone");
  CHECK(model::KebabCaseOf("defaultForAz") == "default-for-az");
  CHECK(model::KebabCaseOf("vpc-id") == "vpc-id");
  struct Item {
    std::string zone;
  };
  constexpr model::FilterField<Item> kTable[] = {
      {"availability-zone", [](const Item& i, std::string_view, auto& out) { out.push_back(i.zone); }}};
  std::vector<model::Filter> filters = {{"availabilityZone", {"us-east-1a"}}};
  auto compiled = model::CompiledFilters<Item>::Compile(filters, kTable);
  REQUIRE(compiled);
  CHECK(compiled->Matches({"us-east-1a"}));
  CHECK_FALSE(compiled->Matches({"us-east-1b"}));
  std::vector<model::Filter> unknown = {{"availabilityZoneName", {"x"}}};
  auto refused = model::CompiledFilters<Item>::Compile(unknown, kTable);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "InvalidParameterValue");
  CHECK(refused.error().message == "The filter 'availabilityZoneName' is invalid");
}
