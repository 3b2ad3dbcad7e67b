#include "model/cost/cost.hpp"

#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/tx.hpp"
#include "model/network/addresses.hpp"
#include "model/network/gateways.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;

namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;

// us-east-1's prices for what the tests use, and a factor of 2 for eu-west-1.
model::PriceTable Prices() {
  model::PriceTable prices;
  prices.source = "test";
  prices.as_of = "2026-01-01";
  prices.instances["t3.micro"] = {0.0104, 0.0196};
  prices.instances["t4g.micro"] = {0.0084, std::nullopt};
  prices.region_factors = {{"us-east-1", 1.0}, {"eu-west-1", 2.0}};
  prices.ebs_gb_month = {{"gp3", 0.08}, {"gp2", 0.10}, {"io1", 0.125}};
  prices.ebs_iops_month = {{"io1", 0.065}};
  return prices;
}

std::string Al2023() {
  static model::ImageCatalog catalog;
  for (const model::Image& image : catalog.ForRegion("us-east-1")) {
    if (image.name.starts_with("al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64")) return image.image_id;
  }
  FAIL("no catalog al2023 image");
  return "";
}

struct CostFixture : test::ModelFixture {
  model::PriceTable prices = Prices();

  model::CostReport Cost(std::vector<std::string> regions = {"us-east-1"}, std::string tag = "",
                         std::int64_t at_ms = 0) {
    auto report =
        model::EstimateCost(ec2, {"111111111111", std::move(regions), at_ms, std::move(tag)}, prices);
    REQUIRE(report);
    return *report;
  }
  // The instance launched: a t3.micro with its 8 GiB root volume and an extra 8 GiB data volume.
  std::string Launch(const model::Caller& caller, const std::string& ami) {
    model::RunInstancesRequest request;
    request.image_id = ami;
    request.instance_type = "t3.micro";
    model::BlockDeviceMappingRequest data;
    data.device_name = "/dev/sdf";
    data.has_ebs = true;
    data.volume_size = 8;
    data.volume_type = "gp3";
    request.block_device_mappings = {data};
    auto reservation = RunInstances(ec2, caller, request);
    REQUIRE(reservation);
    return reservation->instances.at(0).instance.instance_id;
  }
  const model::CostItem& ItemOf(const model::CostReport& report, const std::string& id) {
    for (const model::CostItem& item : report.items)
      if (item.resource_id == id) return item;
    FAIL("no item " << id);
    return report.items.front();
  }
  std::vector<std::string> FlagsOf(const model::CostItem& item) {
    std::vector<std::string> kinds;
    for (const model::CostFlag& flag : item.flags) kinds.push_back(flag.kind);
    return kinds;
  }
};

}  // namespace

TEST_CASE_METHOD(CostFixture,
                 "the cost of a t3.micro running 10 hours, a 100 GiB gp3 volume, two 8 GiB snapshots a "
                 "deregistered image left and an idle Elastic IP, by hand",
                 "[model][cost]") {
  const std::string instance = Launch(alice, Al2023());
  model::CreateImageRequest create;
  create.instance_id = instance;
  create.name = "golden";
  create.no_reboot = true;
  auto image = CreateImage(ec2, alice, create);
  REQUIRE(image);
  REQUIRE(DeregisterImage(ec2, alice, *image, false));
  model::CreateVolumeRequest volume;
  volume.availability_zone = "us-east-1a";
  volume.size = 100;
  volume.volume_type = "gp3";
  auto big = CreateVolume(ec2, alice, volume);
  REQUIRE(big);
  auto address = AllocateAddress(ec2, alice, {});
  REQUIRE(address);
  clock.Advance(10 * kHourMs);

  model::CostReport report = Cost();
  CHECK(report.at_ms == clock.NowMs());
  const model::CostItem& compute = ItemOf(report, instance);
  CHECK(compute.charge == "t3.micro Linux/UNIX On-Demand");
  CHECK(compute.hourly == Approx(0.0104).epsilon(1e-12));
  CHECK(compute.monthly == Approx(7.488).epsilon(1e-12));
  CHECK(*compute.accrued == Approx(0.104).epsilon(1e-12));
  const model::CostItem& data = ItemOf(report, big->volume_id);
  CHECK(data.charge == "gp3 100 GiB, 3000 IOPS, 125 MB/s");
  CHECK(data.monthly == Approx(8.0).epsilon(1e-12));
  CHECK(*data.accrued == Approx(8.0 / 72).epsilon(1e-12));  // 10 of 720 hours
  CHECK(data.flags.size() == 1);
  CHECK(FlagsOf(data) == std::vector<std::string>{"volume-not-attached"});
  const model::CostItem& eip = ItemOf(report, address->allocation_id);
  CHECK(eip.monthly == Approx(3.6).epsilon(1e-12));
  CHECK_FALSE(eip.accrued.has_value());
  CHECK(FlagsOf(eip) == std::vector<std::string>{"elastic-ip-not-associated"});

  int snapshots = 0, volumes = 0, public_ips = 0;
  for (const model::CostItem& item : report.items) {
    if (item.resource_type == "snapshot") {
      ++snapshots;
      CHECK(item.charge == "8 GiB");
      CHECK(item.monthly == Approx(0.4).epsilon(1e-12));
      CHECK(FlagsOf(item) == std::vector<std::string>{"snapshot-of-deregistered-image"});
      CHECK(item.flags[0].message == "Snapshot " + item.resource_id +
                                         " was left behind by deregistered image " + *image +
                                         "; it costs $0.40 a month until it is deleted.");
    }
    if (item.resource_type == "volume" && item.resource_id != big->volume_id) {
      ++volumes;
      CHECK(item.monthly == Approx(0.64).epsilon(1e-12));
      CHECK(item.flags.empty());
    }
    if (item.resource_type == "public-ipv4") {
      ++public_ips;
      CHECK(*item.accrued == Approx(0.05).epsilon(1e-12));
    }
  }
  CHECK(snapshots == 2);
  CHECK(volumes == 2);     // the root and the data volume, attached
  CHECK(public_ips == 1);  // the default subnet maps a public IP at launch
  CHECK(report.items.size() == 8);
  // 0.0104 + 0.005 × 2 per hour, and (2 × 0.64 + 8 + 2 × 0.40) a month of storage.
  CHECK(report.hourly == Approx(0.0344).epsilon(1e-12));
  CHECK(report.monthly == Approx(24.768).epsilon(1e-12));
  CHECK(report.accrued == Approx(0.294).epsilon(1e-12));  // the Elastic IP's is unknown
}

TEST_CASE_METHOD(CostFixture,
                 "a stopped instance pays only for its EBS and is flagged; a terminated one pays nothing",
                 "[model][cost]") {
  const std::string instance = Launch(alice, Al2023());
  REQUIRE(StopInstances(ec2, alice, {instance}, false));
  model::CostReport stopped = Cost();
  const model::CostItem& item = ItemOf(stopped, instance);
  CHECK(item.hourly == 0);
  CHECK_FALSE(item.accrued.has_value());
  CHECK(FlagsOf(item) == std::vector<std::string>{"stopped-instance-paying-for-ebs"});
  CHECK(item.flags[0].message ==
        "Instance " + instance + " is stopped but its EBS volumes still cost $1.28 a month.");
  CHECK(stopped.hourly == Approx(1.28 / 720).epsilon(1e-12));  // no public IP while stopped

  REQUIRE(TerminateInstances(ec2, alice, {instance}));
  CHECK(Cost().items.empty());  // both volumes were deleted on termination
}

TEST_CASE_METHOD(CostFixture,
                 "a region's prices are us-east-1's times its factor; other regions and accounts are apart",
                 "[model][cost]") {
  model::CreateVolumeRequest volume;
  volume.availability_zone = "eu-west-1a";
  volume.size = 10;
  volume.volume_type = "io1";
  volume.iops = 100;
  REQUIRE(CreateVolume(ec2, alice_eu, volume));
  volume.availability_zone = "us-east-1a";
  REQUIRE(CreateVolume(ec2, bob, volume));
  model::CostReport report = Cost({"us-east-1", "eu-west-1"});
  REQUIRE(report.items.size() == 1);
  CHECK(report.items[0].region == "eu-west-1");
  CHECK(report.items[0].charge == "io1 10 GiB, 100 IOPS");
  CHECK(report.items[0].monthly == Approx(2 * (10 * 0.125 + 100 * 0.065)).epsilon(1e-12));
  CHECK(Cost({"us-east-1"}).items.empty());
}

TEST_CASE_METHOD(CostFixture, "gp3 pays for IOPS above 3000 and throughput above 125 MB/s", "[model][cost]") {
  model::CreateVolumeRequest volume;
  volume.availability_zone = "us-east-1a";
  volume.size = 100;
  volume.volume_type = "gp3";
  volume.iops = 4000;
  volume.throughput = 250;
  REQUIRE(CreateVolume(ec2, alice, volume));
  CHECK(Cost().items.at(0).monthly == Approx(8 + 1000 * 0.005 + 125 * 0.04).epsilon(1e-12));
}

TEST_CASE_METHOD(CostFixture, "with a cost tag, the priced resources without it are flagged",
                 "[model][cost]") {
  model::CreateVolumeRequest volume;
  volume.availability_zone = "us-east-1a";
  volume.size = 1;
  volume.volume_type = "gp2";
  auto untagged = CreateVolume(ec2, alice, volume);
  volume.tag_specifications = {{"volume", {{"Project", "lab"}}}};
  auto tagged = CreateVolume(ec2, alice, volume);
  REQUIRE(untagged);
  REQUIRE(tagged);
  model::CostReport report = Cost({"us-east-1"}, "Project");
  CHECK(FlagsOf(ItemOf(report, untagged->volume_id)) ==
        std::vector<std::string>{"volume-not-attached", "missing-cost-tag"});
  CHECK(FlagsOf(ItemOf(report, tagged->volume_id)) == std::vector<std::string>{"volume-not-attached"});
}

TEST_CASE_METHOD(CostFixture,
                 "the cost is priced at a later time as the clock will settle it, never an earlier one",
                 "[model][cost]") {
  const std::string instance = Launch(alice, Al2023());
  const std::int64_t later = clock.NowMs() + 24 * kHourMs;
  CHECK(*ItemOf(Cost({"us-east-1"}, "", later), instance).accrued == Approx(24 * 0.0104).epsilon(1e-12));
  auto refused = model::EstimateCost(ec2, {"111111111111", {"us-east-1"}, clock.NowMs() - 1, ""}, prices);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "InvalidParameterValue");
}

TEST_CASE_METHOD(CostFixture,
                 "a Windows instance pays the Windows price; a NAT gateway pays by the hour until deleted",
                 "[model][cost]") {
  static model::ImageCatalog catalog;
  std::string windows;
  for (const model::Image& image : catalog.ForRegion("us-east-1"))
    if (image.name.starts_with("Windows_Server-2022-English-Full-Base")) windows = image.image_id;
  model::RunInstancesRequest request;
  request.image_id = windows;
  request.instance_type = "t3.micro";
  auto reservation = RunInstances(ec2, alice, request);
  REQUIRE(reservation);
  const std::string instance = reservation->instances.at(0).instance.instance_id;

  const std::string subnet =
      ec2.Read(alice, [](const model::View& view) { return view.partition().subnets.begin()->first; });
  auto address = AllocateAddress(ec2, alice, {});
  REQUIRE(address);
  auto nat = CreateNatGateway(ec2, alice, {subnet, "", address->allocation_id, "", "", {}, ""});
  REQUIRE(nat);
  clock.Advance(2 * kHourMs);
  model::CostReport report = Cost();
  const model::CostItem& compute = ItemOf(report, instance);
  CHECK(compute.charge == "t3.micro Windows On-Demand");
  CHECK(compute.hourly == Approx(0.0196).epsilon(1e-12));
  const model::CostItem& gateway = ItemOf(report, nat->nat_gateway_id);
  CHECK(gateway.charge == "NAT gateway (public)");
  CHECK(gateway.hourly == Approx(0.045).epsilon(1e-12));
  CHECK(*gateway.accrued == Approx(0.09).epsilon(1e-12));
  CHECK(ItemOf(report, address->allocation_id).flags.empty());  // the gateway holds it

  REQUIRE(DeleteNatGateway(ec2, alice, nat->nat_gateway_id));
  clock.Advance(1);
  for (const model::CostItem& item : Cost().items) CHECK(item.resource_type != "natgateway");
}
