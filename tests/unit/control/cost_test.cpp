#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "control/control.hpp"
#include "control/cost_prices.hpp"
#include "control/cost_query.hpp"
#include "model/catalogs/instance_types.hpp"
#include "model/catalogs/region_catalog.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlResponse;
using nlohmann::json;

namespace {

ControlResponse RenderError(const model::Error& error) {
  return {model::HttpStatusFor(error.code), "text/xml;charset=UTF-8", "<Code>" + error.code + "</Code>", ""};
}

}  // namespace

TEST_CASE("the built-in prices parse and price every catalog instance type in every catalog region",
          "[control][cost]") {
  const model::PriceTable& prices = control::BuiltInPrices();
  CHECK(prices.as_of == "2025-06-01");
  CHECK(prices.source.starts_with("Estimates, not a bill."));
  for (const model::InstanceTypeInfo& type : model::InstanceTypes()) {
    auto price = prices.instances.find(type.name);
    REQUIRE(price != prices.instances.end());
    CHECK(price->second.linux_hourly > 0);
    CHECK(price->second.windows_hourly.has_value() == (type.architecture == "x86_64"));
  }
  CHECK(prices.instances.size() == model::InstanceTypes().size());
  for (const model::RegionInfo& region : model::AllRegions())
    CHECK(prices.region_factors.contains(region.region_name));
  CHECK(prices.region_factors.at("us-east-1") == 1.0);
  CHECK(prices.instances.at("t3.micro").linux_hourly == 0.0104);
  CHECK(prices.ebs_gb_month.at("gp3") == 0.08);
  CHECK(prices.snapshot_gb_month == 0.05);
  CHECK(prices.public_ipv4_hourly == 0.005);
  CHECK(prices.nat_gateway_hourly == 0.045);
}

TEST_CASE("a price table that is not one is refused naming its problem", "[control][cost]") {
  CHECK(control::ParsePrices("[").error().message == "The prices are not JSON.");
  CHECK(control::ParsePrices("[]").error().message ==
        "The prices are invalid: the document must be a JSON object");
  CHECK(control::ParsePrices(R"({"about":"x"})").error().message ==
        "The prices are invalid: missing member as_of");
  CHECK(control::ParsePrices(
            R"({"about":"x","as_of":"y","instances":{"t3.micro":{"linux":-1,"windows":null}}})")
            .error()
            .message == "The prices are invalid: instances.t3.micro.linux must be a number, not negative");
}

TEST_CASE("the cost query takes account, region, cost-tag and an ISO 8601 at", "[control][cost]") {
  auto query = control::ParseCostQuery(
      "account=111111111111&region=eu-west-1&cost-tag=Project&at=2026-01-01T10:00:00Z");
  REQUIRE(query);
  CHECK(*query->account == "111111111111");
  CHECK(*query->region == "eu-west-1");
  CHECK(query->cost_tag == "Project");
  CHECK(query->at_ms == 1767225600000 + 10 * 3600 * 1000);
  CHECK(*control::ParseIsoTime("1970-01-01T00:00:00.123Z") == 123);
  CHECK(*control::ParseIsoTime("2024-02-29T23:59:59Z") == 1709251199000);
  CHECK_FALSE(control::ParseIsoTime("2024-02-29T23:59:59"));
  CHECK_FALSE(control::ParseIsoTime("2024-02-29 23:59:59Z"));
  CHECK_FALSE(control::ParseIsoTime("2024-02-29T24:00:00Z"));
  CHECK_FALSE(control::ParseIsoTime("2024-02-29T23:59:59.1Z"));
  CHECK(control::ParseCostQuery("regions=us-east-1").error().code == "UnknownParameter");
  CHECK(control::ParseCostQuery("account=x").error().code == "InvalidParameterValue");
}

TEST_CASE_METHOD(test::ModelFixture,
                 "the cost endpoint answers JSON, a table for text/plain and 405 for POST",
                 "[control][cost]") {
  control::Control control({"1.2.3", {}, RenderError, "111111111111"}, ec2);
  model::CreateVolumeRequest volume;
  volume.availability_zone = "eu-west-1a";
  volume.size = 100;
  volume.volume_type = "gp3";
  auto created = CreateVolume(ec2, alice_eu, volume);
  REQUIRE(created);
  clock.Advance(10 * 3600 * 1000);

  ControlResponse answer = control.Cost({"GET", "/_localec2/cost", "", {}, ""});
  REQUIRE(answer.status == 200);
  json body = json::parse(answer.body);
  CHECK(body.at("AccountId") == "111111111111");
  CHECK(body.at("Regions") == json::array({"eu-west-1"}));
  CHECK(body.at("At") == "2026-01-01T10:00:00.000Z");
  const json& item = body.at("Resources").at(0);
  CHECK(item.at("ResourceId") == created->volume_id);
  // eu-west-1's factor 1.1: 100 GiB × 0.08 × 1.1 a month.
  CHECK(item.at("Monthly") == 8.8);
  CHECK(item.at("Hourly") == 0.012222);
  CHECK(item.at("Accrued") == 0.122222);
  CHECK(item.at("Since") == "2026-01-01T00:00:00.000Z");
  CHECK(body.at("Total").at("Monthly") == 8.8);
  CHECK(body.at("Flags").at(0).at("Flag") == "volume-not-attached");

  const std::vector<std::pair<std::string, std::string>> headers = {{"accept", "text/plain"}};
  ControlResponse text = control.Cost({"GET", "/_localec2/cost", "region=eu-west-1", headers, ""});
  CHECK(text.status == 200);
  CHECK(text.content_type == "text/plain; charset=utf-8");
  CHECK(text.body.starts_with(
      "Cost of account 111111111111 at 2026-01-01T10:00:00.000Z (USD, On-Demand estimates, "
      "prices as of 2025-06-01)\n"));
  CHECK(text.body.find("0.0122       8.80       0.12\n") != std::string::npos);

  CHECK(control.Cost({"GET", "/_localec2/cost", "region=us-east-1", {}, ""}).body.find(R"("Resources":[])") !=
        std::string::npos);
  CHECK(control.Cost({"POST", "/_localec2/cost", "", {}, ""}).status == 405);
  CHECK(control.Cost({"GET", "/_localec2/cost", "bogus=1", {}, ""}).status == 400);
}
