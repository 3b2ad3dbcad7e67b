#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

#include "api/actions/registry.hpp"
#include "api/auth/caller_identity.hpp"
#include "api/dispatcher.hpp"
#include "api/protocol/service_model.hpp"
#include "api/request_id.hpp"
#include "platform/key_sources.hpp"
#include "platform/random_id_source.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2::api;
using namespace localec2;
namespace model = localec2::model;

TEST_CASE("the registry is sorted and names only actions of the EC2 model", "[api][registry]") {
  auto actions = SupportedActions();
  REQUIRE_FALSE(actions.empty());
  CHECK(std::is_sorted(actions.begin(), actions.end(),
                       [](const ActionEntry& a, const ActionEntry& b) { return a.name < b.name; }));
  CHECK(std::adjacent_find(actions.begin(), actions.end(), [](const ActionEntry& a, const ActionEntry& b) {
          return a.name == b.name;
        }) == actions.end());  // no action registered by two families
  for (const ActionEntry& entry : actions) {
    INFO(entry.name);
    CHECK(ServiceModel::Ec2().FindOperation(entry.name) != nullptr);
    CHECK(FindHandler(entry.name) == entry.handler);
  }
  CHECK(FindHandler("LaunchRockets") == nullptr);
}

TEST_CASE("the compiled model has every operation and resolves EC2 wire names", "[api][model]") {
  const ServiceModel& model = ServiceModel::Ec2();
  CHECK(model.Operations().size() == 765);
  const ShapeDef* request = model.FindShape("DescribeRegionsRequest");
  REQUIRE(request != nullptr);
  auto members = model.Members(*request);
  auto names = std::find_if(members.begin(), members.end(),
                            [](const MemberDef& m) { return m.name == "RegionNames"; });
  REQUIRE(names != members.end());
  CHECK(names->query_name == "RegionName");
  auto dry_run =
      std::find_if(members.begin(), members.end(), [](const MemberDef& m) { return m.name == "DryRun"; });
  CHECK(dry_run->query_name == "DryRun");  // locationName dryRun, capitalised
  CHECK(dry_run->xml_name == "dryRun");
}

TEST_CASE("request ids are version 4 UUIDs and unique", "[api]") {
  std::string a = NewRequestId(), b = NewRequestId();
  REQUIRE(a.size() == 36);
  for (size_t i = 0; i < a.size(); ++i) {
    INFO(a);
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      CHECK(a[i] == '-');
    } else {
      CHECK(std::string_view("0123456789abcdef").find(a[i]) != std::string_view::npos);
    }
  }
  CHECK(a[14] == '4');                                                    // version 4
  CHECK(std::string_view("89ab").find(a[19]) != std::string_view::npos);  // RFC 4122 variant
  CHECK(a != b);
}

TEST_CASE("the caller comes from the SigV4 credential scope", "[api][identity]") {
  wire::FormParams none;
  auto unsigned_caller = IdentifyCaller("", none, "000000000000");
  REQUIRE(unsigned_caller);
  CHECK(unsigned_caller->region == "us-east-1");
  CHECK(unsigned_caller->account_id == "000000000000");

  auto signed_caller = IdentifyCaller(
      "AWS4-HMAC-SHA256 Credential=111122223333/20260101/eu-west-1/ec2/aws4_request, SignedHeaders=host, "
      "Signature=abc",
      none, "000000000000");
  REQUIRE(signed_caller);
  CHECK(signed_caller->region == "eu-west-1");
  CHECK(signed_caller->account_id == "111122223333");

  auto test_key = IdentifyCaller("AWS4-HMAC-SHA256 Credential=test/20260101/ap-south-1/ec2/aws4_request",
                                 none, "123456789012");
  CHECK(test_key->account_id == "123456789012");

  auto presigned = wire::DecodeForm("X-Amz-Credential=AKIA%2F20260101%2Fsa-east-1%2Fec2%2Faws4_request");
  CHECK(IdentifyCaller("", *presigned, "000000000000")->region == "sa-east-1");

  auto bad_region =
      IdentifyCaller("AWS4-HMAC-SHA256 Credential=test/20260101/moon-1/ec2/aws4_request", none, "0");
  CHECK(bad_region.error().code == "AuthFailure");
  CHECK(IdentifyCaller("AWS4-HMAC-SHA256 Credential=test/x", none, "0").error().code ==
        "IncompleteSignature");
  CHECK(IdentifyCaller("Basic dXNlcjpwYXNz", none, "0").error().code == "IncompleteSignature");
}

TEST_CASE("the dispatcher answers every failure with an EC2 error envelope", "[api][dispatcher]") {
  model::NullStore store;
  model::FakeClock clock;
  platform::RandomIdSource ids(7);
  platform::DirectKeySource keys;
  model::Ec2 ec2(store, clock, ids, keys);
  Dispatcher dispatcher({}, ec2);
  auto call = [&](std::string_view body, std::string_view method = "POST") {
    return dispatcher.Handle({method, "/", "", "application/x-www-form-urlencoded", "", body, {}});
  };
  CHECK(call("Action=DescribeRegions").status == 200);
  CHECK(call("Action=Nope").error_code == "InvalidAction");
  CHECK(call("").error_code == "MissingAction");
  CHECK(call("Action=DescribeVpnGateways").error_code == "NotImplemented");
  CHECK(call("Action=DescribeVpnGateways").status == 501);
  CHECK(call("Action=DescribeRegions", "DELETE").error_code == "InvalidAction");
  auto json_body = dispatcher.Handle({"POST", "/", "", "application/json", "", "{}", {}});
  CHECK(json_body.error_code == "MalformedQueryString");
  auto too_large = Dispatcher::TransportError(413, "too big");
  CHECK(too_large.status == 413);
  CHECK(too_large.error_code == "RequestEntityTooLarge");
}

TEST_CASE("the README's table of supported actions is exactly the registry", "[api][registry]") {
  std::ifstream readme(LOCALEC2_SOURCE_DIR "/README.md");
  REQUIRE(readme);
  std::string line;
  bool in_table = false;
  std::vector<std::string> documented;
  while (std::getline(readme, line)) {
    if (line == "| Action | Notes |") {
      in_table = true;
      continue;
    }
    if (in_table && !line.starts_with("|")) break;
    if (in_table && !line.starts_with("|---")) documented.push_back(line.substr(2, line.find(" |", 2) - 2));
  }
  std::vector<std::string> registered;
  for (const ActionEntry& entry : SupportedActions()) registered.emplace_back(entry.name);
  CHECK(documented == registered);
}

TEST_CASE("a storage failure reaches the client as AWS's InternalError, without the detail",
          "[api][dispatcher]") {
  test::ModelFixture fixture;
  Dispatcher dispatcher({}, fixture.ec2);
  fixture.store.fail_next = true;
  auto response = dispatcher.Handle({"POST",
                                     "/",
                                     "",
                                     "application/x-www-form-urlencoded",
                                     "",
                                     "Action=CreateSecurityGroup&GroupName=web&GroupDescription=d",
                                     {}});
  CHECK(response.status == 500);
  CHECK(response.error_code == "InternalError");
  CHECK(response.body.find("<Message>An internal error has occurred.</Message>") != std::string::npos);
  CHECK(response.body.find("disk full") == std::string::npos);
  auto retried = dispatcher.Handle({"POST",
                                    "/",
                                    "",
                                    "application/x-www-form-urlencoded",
                                    "",
                                    "Action=CreateSecurityGroup&GroupName=web&GroupDescription=d",
                                    {}});
  CHECK(retried.status == 200);  // nothing half-applied: the same group can be created now
}

TEST_CASE("a kept catalog answer is the answer, with the call's own request id", "[api][dispatcher]") {
  model::NullStore store;
  model::FakeClock clock;
  platform::RandomIdSource ids(7);
  platform::DirectKeySource keys;
  model::Ec2 ec2(store, clock, ids, keys);
  Dispatcher dispatcher({}, ec2);
  auto call = [&](std::string_view body, std::string_view authorization = "") {
    return dispatcher.Handle({"POST", "/", "", "application/x-www-form-urlencoded", authorization, body, {}});
  };
  auto without_id = [](const ApiResponse& r) {
    std::string body = r.body;
    body.replace(body.find(r.request_id), r.request_id.size(), "ID");
    return body;
  };
  auto first = call("Action=DescribeRegions");
  auto second = call("Action=DescribeRegions");
  REQUIRE(second.status == 200);
  CHECK(first.request_id != second.request_id);
  CHECK(second.body.find("<requestId>" + second.request_id + "</requestId>") != std::string::npos);
  CHECK(without_id(first) == without_id(second));
  // Another input or another region is another answer.
  auto one = call("Action=DescribeRegions&RegionName.1=eu-west-1");
  CHECK(one.body.find("<regionName>eu-west-1</regionName>") != std::string::npos);
  CHECK(one.body.find("us-east-1") == std::string::npos);
  const std::string eu_scope =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/ec2/aws4_request, "
      "SignedHeaders=host, Signature=0";
  auto us_zones = call("Action=DescribeAvailabilityZones");
  auto eu_zones = call("Action=DescribeAvailabilityZones", eu_scope);
  CHECK(us_zones.body.find("<zoneName>us-east-1a</zoneName>") != std::string::npos);
  CHECK(eu_zones.body.find("<zoneName>eu-west-1a</zoneName>") != std::string::npos);
  CHECK(call("Action=DescribeAvailabilityZones", eu_scope).body.find("us-east-1a") == std::string::npos);
  // An error is never kept.
  CHECK(call("Action=DescribeRegions&DryRun=true").error_code == "DryRunOperation");
  CHECK(call("Action=DescribeRegions&DryRun=true").error_code == "DryRunOperation");
  CHECK(call("Action=DescribeRegions&RegionName.1=mars-1").error_code == "InvalidParameterValue");
}
