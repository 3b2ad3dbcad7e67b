#include "model/instances/instance_options.hpp"

#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"
#include "model/instances/instances.hpp"
#include "model/instances/placement_groups.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

std::string CatalogImage(std::string_view prefix) {
  static model::ImageCatalog catalog;
  for (const model::Image& image : catalog.ForRegion("us-east-1")) {
    if (image.name.starts_with(prefix)) return image.image_id;
  }
  FAIL("no catalog image " << prefix);
  return "";
}

struct OptionsFixture : test::ModelFixture {
  std::string x86 = CatalogImage("al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64");
  std::string arm = CatalogImage("al2023-ami-2023.9.20251117.1-kernel-6.1-arm64");

  model::RunInstancesRequest Launch(std::string type, std::string image = "") {
    model::RunInstancesRequest request;
    request.image_id = image.empty() ? x86 : image;
    request.instance_type = std::move(type);
    return request;
  }
  model::Instance LaunchOne(const model::RunInstancesRequest& request) {
    auto reservation = RunInstances(ec2, alice, request);
    REQUIRE(reservation);
    return reservation->instances.at(0).instance;
  }
  model::Instance Stored(const std::string& id) {
    auto view = DescribeInstance(ec2, alice, id);
    REQUIRE(view);
    return view->instance;
  }
};

}  // namespace

TEST_CASE_METHOD(OptionsFixture, "a launch records its options and keeps AWS's defaults for the rest",
                 "[instances][options]") {
  model::RunInstancesRequest request = Launch("t3.large");
  request.options.hibernation_configured = true;
  model::BlockDeviceMappingRequest root;
  root.device_name = "/dev/xvda";
  root.has_ebs = true;
  root.encrypted = true;
  request.block_device_mappings = {root};
  request.options.core_count = 1;
  request.options.auto_recovery = "disabled";
  request.options.hostname_type = "resource-name";
  request.options.dns_aaaa_record = true;
  request.options.capacity_reservation_preference = "none";
  request.options.tenancy = "default";
  request.options.instance_metadata_tags = "enabled";
  const model::Instance launched = LaunchOne(request);
  const model::Instance stored = Stored(launched.instance_id);
  CHECK(stored.hibernation_configured);
  CHECK(stored.core_count == 1);
  CHECK(stored.threads_per_core == 2);  // the type's, as the one not given
  CHECK(model::CpuLayoutOf(stored).cores == 1);
  CHECK(stored.cpu_credits == "unlimited");
  CHECK(stored.auto_recovery == "disabled");
  CHECK(stored.hostname_type == "resource-name");
  CHECK_FALSE(stored.dns_a_record);
  CHECK(stored.dns_aaaa_record);
  CHECK(stored.capacity_reservation_preference == "none");
  CHECK(stored.instance_metadata_tags == "enabled");
  CHECK(stored.http_protocol_ipv6 == "disabled");

  const model::Instance plain = LaunchOne(Launch("m5.large"));
  CHECK_FALSE(plain.hibernation_configured);
  CHECK(plain.core_count == 0);
  CHECK(model::CpuLayoutOf(plain).cores == 1);
  CHECK(plain.cpu_credits.empty());
  CHECK(plain.auto_recovery == "default");
  CHECK(plain.tenancy == "default");
  CHECK(plain.capacity_reservation_preference == "open");
}

TEST_CASE_METHOD(OptionsFixture, "t2 launches with standard credits, t3, t3a and t4g with unlimited",
                 "[instances][options]") {
  CHECK(LaunchOne(Launch("t2.micro")).cpu_credits == "standard");
  CHECK(LaunchOne(Launch("t3.micro")).cpu_credits == "unlimited");
  CHECK(LaunchOne(Launch("t3a.micro")).cpu_credits == "unlimited");
  CHECK(LaunchOne(Launch("t4g.micro", arm)).cpu_credits == "unlimited");
  model::RunInstancesRequest standard = Launch("t3.micro");
  standard.options.cpu_credits = "standard";
  CHECK(LaunchOne(standard).cpu_credits == "standard");
}

TEST_CASE_METHOD(OptionsFixture, "launch options AWS would refuse are refused and nothing is recorded",
                 "[instances][options]") {
  auto refused = [&](auto edit, std::string type = "t3.micro", std::string image = "") {
    model::RunInstancesRequest request = Launch(std::move(type), std::move(image));
    edit(request.options);
    return CodeOf(RunInstances(ec2, alice, request));
  };
  CHECK(refused([](auto& o) { o.cpu_credits = "unlimited"; }, "m5.large") ==
        "InstanceCreditSpecification.NotSupported");
  CHECK(refused([](auto& o) { o.cpu_credits = "turbo"; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.core_count = 2; }, "t3.micro") == "InvalidParameterValue");  // 1 core
  CHECK(refused([](auto& o) { o.threads_per_core = 3; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.core_count = 0; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.amd_sev_snp = "enabled"; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.hostname_type = "fancy"; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.capacity_reservation_preference = "capacity-reservations-only"; }) ==
        "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.capacity_reservation_target = true; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.tenancy = "dedicated"; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.unsupported = "Placement.HostId"; }) == "InvalidParameterValue");
  CHECK(refused([](auto& o) { o.placement_group = "web"; }) == "InvalidPlacementGroup.Unknown");
  CHECK(refused([](auto& o) { o.hibernation_configured = true; }, "t4g.micro", arm) ==
        "UnsupportedHibernationConfiguration");
  CHECK(refused([](auto& o) { o.hibernation_configured = true; }) == "UnsupportedHibernationConfiguration");
  CHECK(store.commits == 0);
}

TEST_CASE_METHOD(OptionsFixture,
                 "credit specifications are described for burstable instances and modified "
                 "item by item",
                 "[instances][options]") {
  const std::string t3 = LaunchOne(Launch("t3.micro")).instance_id;
  const std::string t2 = LaunchOne(Launch("t2.micro")).instance_id;
  const std::string m5 = LaunchOne(Launch("m5.large")).instance_id;
  auto named = DescribeInstanceCreditSpecifications(ec2, alice, {{t3, t2}, {}, {}});
  REQUIRE(named);
  REQUIRE(named->items.size() == 2);
  CHECK(CodeOf(DescribeInstanceCreditSpecifications(ec2, alice, {{m5}, {}, {}})) == "UnsupportedOperation");
  auto unlimited = DescribeInstanceCreditSpecifications(ec2, alice, {{}, {}, {}});
  REQUIRE(unlimited);
  REQUIRE(unlimited->items.size() == 1);
  CHECK(unlimited->items[0].instance_id == t3);

  auto outcome = ModifyInstanceCreditSpecification(
      ec2, alice, {{t2, "unlimited"}, {m5, "unlimited"}, {"i-0000000000000000f", "unlimited"}});
  REQUIRE(outcome);
  CHECK(outcome->successful == std::vector<std::string>{t2});
  REQUIRE(outcome->unsuccessful.size() == 2);
  CHECK(outcome->unsuccessful[0].code == "InstanceCreditSpecification.NotSupported");
  CHECK(outcome->unsuccessful[1].code == "InvalidInstanceID.NotFound");
  CHECK(Stored(t2).cpu_credits == "unlimited");
  CHECK(CodeOf(ModifyInstanceCreditSpecification(ec2, alice, {{t2, "fast"}})) == "InvalidParameterValue");
}

TEST_CASE_METHOD(OptionsFixture, "metadata options change on running and stopped instances only",
                 "[instances][options]") {
  const std::string id = LaunchOne(Launch("t3.micro")).instance_id;
  model::MetadataOptionsRequest request{id, "optional", "", 5, "enabled", ""};
  auto answer = ModifyInstanceMetadataOptions(ec2, alice, request);
  REQUIRE(answer);
  CHECK(answer->state == "pending");
  CHECK(answer->http_tokens == "optional");
  CHECK(answer->http_endpoint == "enabled");
  const model::Instance stored = Stored(id);
  CHECK(stored.http_put_response_hop_limit == 5);
  CHECK(stored.http_protocol_ipv6 == "enabled");
  request.http_put_response_hop_limit = 65;
  CHECK(CodeOf(ModifyInstanceMetadataOptions(ec2, alice, request)) == "InvalidParameterValue");
  REQUIRE(TerminateInstances(ec2, alice, {id}));
  CHECK(CodeOf(ModifyInstanceMetadataOptions(ec2, alice, {id, "required", "", {}, "", ""})) ==
        "IncorrectInstanceState");
}

TEST_CASE_METHOD(OptionsFixture, "maintenance options set automatic recovery; UEFI data needs a UEFI boot",
                 "[instances][options]") {
  const std::string id = LaunchOne(Launch("t4g.micro", arm)).instance_id;
  auto recovery = ModifyInstanceMaintenanceOptions(ec2, alice, id, "disabled");
  REQUIRE(recovery);
  CHECK(*recovery == "disabled");
  CHECK(Stored(id).auto_recovery == "disabled");
  CHECK(CodeOf(ModifyInstanceMaintenanceOptions(ec2, alice, id, "sometimes")) == "InvalidParameterValue");
  CHECK(CodeOf(ModifyInstanceMaintenanceOptions(ec2, alice, "i-zz", "default")) ==
        "InvalidInstanceID.Malformed");
  auto uefi = GetInstanceUefiData(ec2, alice, id);
  REQUIRE(uefi);
  CHECK_FALSE(uefi->empty());
}

TEST_CASE_METHOD(OptionsFixture,
                 "placement groups are created once, hold instances and are deleted when empty",
                 "[instances][placement]") {
  model::CreatePlacementGroupRequest request{"web", "partition", 3, "", {}};
  auto created = CreatePlacementGroup(ec2, alice, request);
  REQUIRE(created);
  CHECK(created->group_id.starts_with("pg-"));
  CHECK(created->partition_count == 3);
  CHECK(created->state == "available");
  CHECK(CodeOf(CreatePlacementGroup(ec2, alice, request)) == "InvalidPlacementGroup.Duplicate");
  CHECK(CreatePlacementGroup(ec2, bob, request));  // names are per account

  model::RunInstancesRequest launch = Launch("m5.large");
  launch.options.placement_group = "web";
  const std::string id = LaunchOne(launch).instance_id;
  CHECK(Stored(id).placement_group == "web");
  CHECK(Stored(id).partition_number == 1);
  launch.max_count = 3;
  auto more = RunInstances(ec2, alice, launch);
  REQUIRE(more);
  CHECK(more->instances.at(0).instance.partition_number == 2);
  CHECK(more->instances.at(1).instance.partition_number == 3);
  CHECK(more->instances.at(2).instance.partition_number == 1);
  for (const auto& view : more->instances)
    REQUIRE(TerminateInstances(ec2, alice, {view.instance.instance_id}));
  launch.max_count = 1;
  launch.options.partition_number = 4;
  CHECK(CodeOf(RunInstances(ec2, alice, launch)) == "InvalidParameterValue");
  launch.options.partition_number.reset();
  CHECK(CodeOf(DeletePlacementGroup(ec2, alice, "web")) == "InvalidPlacementGroup.InUse");
  REQUIRE(TerminateInstances(ec2, alice, {id}));
  REQUIRE(DeletePlacementGroup(ec2, alice, "web"));
  CHECK(CodeOf(DeletePlacementGroup(ec2, alice, "web")) == "InvalidPlacementGroup.Unknown");
  CHECK(CodeOf(RunInstances(ec2, alice, launch)) == "InvalidPlacementGroup.Unknown");
}

TEST_CASE_METHOD(OptionsFixture, "placement group requests AWS would refuse are refused",
                 "[instances][placement]") {
  auto code = [&](model::CreatePlacementGroupRequest request) {
    return CodeOf(CreatePlacementGroup(ec2, alice, request));
  };
  CHECK(code({"", "cluster", {}, "", {}}) == "MissingParameter");
  CHECK(code({"a", "", {}, "", {}}) == "MissingParameter");
  CHECK(code({"a", "huddle", {}, "", {}}) == "InvalidParameterValue");
  CHECK(code({"a", "partition", 8, "", {}}) == "InvalidParameterValue");
  CHECK(code({"a", "cluster", 2, "", {}}) == "InvalidParameterCombination");
  CHECK(code({"a", "cluster", {}, "rack", {}}) == "InvalidParameterCombination");
  CHECK(store.commits == 0);
  REQUIRE(CreatePlacementGroup(ec2, alice, {"s", "spread", {}, "", {}}));
  auto described = DescribePlacementGroups(ec2, alice, {"s"}, {}, {});
  REQUIRE(described);
  REQUIRE(described->size() == 1);
  CHECK((*described)[0].spread_level == "rack");
  CHECK(CodeOf(DescribePlacementGroups(ec2, alice, {"nope"}, {}, {})) == "InvalidPlacementGroup.Unknown");
  CHECK(CodeOf(DescribePlacementGroups(ec2, alice, {}, {"pg-zz"}, {})) ==
        "InvalidPlacementGroupId.Malformed");
  CHECK(CodeOf(DescribePlacementGroups(ec2, alice, {}, {"pg-0123456789abcdef0"}, {})) ==
        "InvalidPlacementGroupId.NotFound");
}
