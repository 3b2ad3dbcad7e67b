#include "api/invoke.hpp"

#include <catch2/catch.hpp>

#include "tests/support/model_test_support.hpp"

using namespace localec2;
using api::Json;
using test::CodeOf;

TEST_CASE_METHOD(test::ModelFixture, "Invoke reaches a handler with parsed input, as any front door would",
                 "[api][invoke]") {
  api::ActionContext context{alice, ec2, false};
  auto regions = api::Invoke(context, "DescribeRegions", Json::object(), "req-1");
  REQUIRE(regions);
  CHECK(regions->contains("Regions"));
  auto one = api::Invoke(context, "DescribeRegions", {{"RegionNames", {"eu-west-1"}}}, "req-2");
  REQUIRE(one);
  CHECK((*one)["Regions"].size() == 1);
  // The handler's own errors come back as they are.
  auto unknown = api::Invoke(context, "DescribeRegions", {{"RegionNames", {"moon-1"}}}, "req-3");
  CHECK(CodeOf(unknown) == "InvalidParameterValue");
}

TEST_CASE_METHOD(test::ModelFixture, "Invoke refuses in order: unknown, not emulated, DryRun",
                 "[api][invoke]") {
  api::ActionContext context{alice, ec2, false};
  auto invalid = api::Invoke(context, "LaunchRockets", Json::object(), "r");
  CHECK(CodeOf(invalid) == "InvalidAction");
  CHECK(invalid.error().message == "The action LaunchRockets is not valid for this web service.");
  const Json dry_run = {{"DryRun", true}};
  auto not_emulated = api::Invoke(context, "DescribeVpnGateways", dry_run, "r");
  CHECK(CodeOf(not_emulated) == "NotImplemented");
  CHECK(not_emulated.error().message ==
        "The action DescribeVpnGateways is part of the EC2 API but is not emulated by localec2 yet.");
  auto dry = api::Invoke(context, "CreateSecurityGroup", {{"DryRun", true}, {"GroupName", "g"}}, "r");
  CHECK(CodeOf(dry) == "DryRunOperation");
  CHECK(dry.error().message == "Request would have succeeded, but DryRun flag is set.");
  CHECK(store.commits == 0);
  CHECK(api::Invoke(context, "DescribeRegions", {{"DryRun", false}}, "r"));
}

TEST_CASE_METHOD(test::ModelFixture, "Invoke words an internal failure as AWS does and keeps the detail",
                 "[api][invoke]") {
  api::ActionContext context{alice, ec2, false};
  store.fail_next = true;
  const Json input = {{"GroupName", "web"}, {"Description", "d"}};
  auto failed = api::Invoke(context, "CreateSecurityGroup", input, "req-9");
  CHECK(CodeOf(failed) == "InternalError");
  CHECK(failed.error().message == "An internal error has occurred.");
  CHECK(api::Invoke(context, "CreateSecurityGroup", input, "req-10"));
  // Input that is not what ParseInput makes throws inside; that is an internal error too, not a crash.
  auto thrown = api::Invoke(context, "DescribeRegions", {{"DryRun", "yes"}}, "req-11");
  CHECK(CodeOf(thrown) == "InternalError");
  CHECK(thrown.error().message == "An internal error has occurred.");
}
