#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/tx.hpp"
#include "model/images/image_access.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct ImageFixture : test::ModelFixture {
  std::string CatalogImage(const model::Caller& caller, std::string_view prefix) {
    model::DescribeImagesRequest request;
    request.owners = {"amazon"};
    request.filters = {{"name", {std::string(prefix) + "*"}}, {"architecture", {"x86_64"}}};
    auto page = DescribeImages(ec2, caller, request);
    REQUIRE(page);
    REQUIRE_FALSE(page->items.empty());
    return page->items[0].image_id;
  }

  std::string Launch(const model::Caller& caller, const std::string& image_id, const std::string& key = "",
                     std::vector<model::BlockDeviceMappingRequest> mappings = {}) {
    model::RunInstancesRequest request;
    request.image_id = image_id;
    request.instance_type = "t3.micro";
    request.key_name = key;
    request.block_device_mappings = std::move(mappings);
    auto reservation = RunInstances(ec2, caller, request);
    REQUIRE(reservation);
    return reservation->instances[0].instance.instance_id;
  }

  model::Image Describe(const model::Caller& caller, const std::string& image_id) {
    model::DescribeImagesRequest request;
    request.image_ids = {image_id};
    auto page = DescribeImages(ec2, caller, request);
    REQUIRE(page);
    REQUIRE(page->items.size() == 1);
    return page->items[0];
  }

  std::vector<model::Snapshot> OwnSnapshots(const model::Caller& caller) {
    model::DescribeSnapshotsRequest request;
    request.owner_ids = {"self"};
    auto page = DescribeSnapshots(ec2, caller, request);
    REQUIRE(page);
    return page->items;
  }

  std::string CreateImage(const model::Caller& caller, const std::string& instance_id,
                          const std::string& name) {
    model::CreateImageRequest request;
    request.instance_id = instance_id;
    request.name = name;
    auto image_id = model::CreateImage(ec2, caller, request);
    REQUIRE(image_id);
    return *image_id;
  }
};

model::BlockDeviceMappingRequest Data(std::string device, int size) {
  model::BlockDeviceMappingRequest bdm;
  bdm.device_name = std::move(device);
  bdm.has_ebs = true;
  bdm.volume_size = size;
  return bdm;
}

}  // namespace

TEST_CASE_METHOD(ImageFixture, "CreateImage snapshots every volume and records them, without keys or groups",
                 "[model][image]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}}));
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"), "lab", {Data("/dev/sdf", 20)});
  std::string ami = CreateImage(alice, instance, "golden");
  model::Image image = Describe(alice, ami);
  CHECK(image.state == "available");  // the default timing settles at the next read
  CHECK(image.owner_id == "111111111111");
  CHECK(image.source_instance_id == instance);
  REQUIRE(image.block_devices.size() == 2);
  CHECK(image.block_devices[0].device_name == "/dev/xvda");
  CHECK(image.block_devices[0].volume_size_gib == 8);
  CHECK(image.block_devices[1].volume_size_gib == 20);
  auto snapshots = OwnSnapshots(alice);
  REQUIRE(snapshots.size() == 2);
  for (const model::Snapshot& snapshot : snapshots) {
    CHECK(snapshot.description == "Created by CreateImage(" + instance + ") for " + ami);
  }
  // A launch from the image gets the image's volumes, no key and the default group.
  std::string copy = Launch(alice, ami);
  auto view = DescribeInstance(ec2, alice, copy);
  REQUIRE(view);
  CHECK(view->instance.key_name.empty());
  REQUIRE(view->groups.size() == 1);
  CHECK(view->groups[0].second == "default");
  CHECK(view->instance.volumes.size() == 2);
  CHECK(view->instance.volumes[1].snapshot_id == image.block_devices[1].snapshot_id);

  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "golden", "", false, {}, {}})) ==
        "InvalidAMIName.Duplicate");
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "no!", "", false, {}, {}})) ==
        "InvalidAMIName.Malformed");
  REQUIRE(TerminateInstances(ec2, alice, {instance}));
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "late", "", false, {}, {}})) ==
        "IncorrectInstanceState");
}

TEST_CASE_METHOD(ImageFixture,
                 "CreateImage grows an instance volume's device and changes its type, as Packer's "
                 "ami_block_device_mappings ask",
                 "[model][image]") {
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  model::BlockDeviceMappingRequest root = Data("/dev/xvda", 20);
  root.volume_type = "gp3";
  root.iops = 4000;
  root.throughput = 250;
  model::CreateImageRequest request{instance, "grown", "", false, {root}, {}};
  auto ami = model::CreateImage(ec2, alice, request);
  REQUIRE(ami);
  model::Image image = Describe(alice, *ami);
  REQUIRE(image.block_devices.size() == 1);
  const model::BlockDevice& device = image.block_devices[0];
  CHECK(device.volume_size_gib == 20);
  CHECK(device.volume_type == "gp3");
  CHECK(device.iops == 4000);
  CHECK(device.throughput == 250);
  // The snapshot is of the instance's 8 GiB volume; a launch from the image gets the image's 20 GiB.
  auto snapshots = OwnSnapshots(alice);
  REQUIRE(snapshots.size() == 1);
  CHECK(snapshots[0].volume_size_gib == 8);
  CHECK(snapshots[0].snapshot_id == device.snapshot_id);
  std::string copy = Launch(alice, *ami);
  auto view = DescribeInstance(ec2, alice, copy);
  REQUIRE(view);
  model::DescribeVolumesRequest volumes;
  volumes.volume_ids = {view->instance.volumes[0].volume_id};
  auto page = DescribeVolumes(ec2, alice, volumes);
  REQUIRE(page);
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].size_gib == 20);
  CHECK(page->items[0].volume_type == "gp3");
  CHECK(page->items[0].iops == 4000);
  CHECK(page->items[0].throughput == 250);

  // A size alone keeps the type; a new type gets its own defaults.
  model::CreateImageRequest sized{instance, "sized", "", false, {Data("/dev/xvda", 9)}, {}};
  auto sized_ami = model::CreateImage(ec2, alice, sized);
  REQUIRE(sized_ami);
  CHECK(Describe(alice, *sized_ami).block_devices[0].volume_size_gib == 9);
  CHECK(Describe(alice, *sized_ami).block_devices[0].volume_type == "gp3");
  model::BlockDeviceMappingRequest gp2;
  gp2.device_name = "/dev/xvda";
  gp2.has_ebs = true;
  gp2.volume_type = "gp2";
  auto gp2_ami = model::CreateImage(ec2, alice, {instance, "gp2", "", false, {gp2}, {}});
  REQUIRE(gp2_ami);
  CHECK(Describe(alice, *gp2_ami).block_devices[0].volume_type == "gp2");
  CHECK(Describe(alice, *gp2_ami).block_devices[0].iops == 100);
  CHECK(Describe(alice, *gp2_ami).block_devices[0].volume_size_gib == 8);
}

TEST_CASE_METHOD(
    ImageFixture,
    "CreateImage refuses a smaller size, another encryption or a bad shape for an instance volume",
    "[model][image]") {
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  auto refused = model::CreateImage(ec2, alice, {instance, "small", "", false, {Data("/dev/xvda", 4)}, {}});
  CHECK(CodeOf(refused) == "InvalidBlockDeviceMapping");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.starts_with("Volume of size 4GB is smaller than snapshot 'snap-"));
  CHECK(refused.error().message.ends_with("', expect size >= 8GB"));
  model::BlockDeviceMappingRequest encrypted;
  encrypted.device_name = "/dev/xvda";
  encrypted.has_ebs = true;
  encrypted.encrypted = true;
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "enc", "", false, {encrypted}, {}})) ==
        "InvalidBlockDeviceMapping");
  model::BlockDeviceMappingRequest iops = Data("/dev/xvda", 20);
  iops.volume_type = "gp3";
  iops.iops = 100;
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "iops", "", false, {iops}, {}})) ==
        "InvalidParameterValue");
  model::BlockDeviceMappingRequest throughput = Data("/dev/xvda", 20);
  throughput.volume_type = "gp2";
  throughput.throughput = 300;
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "tput", "", false, {throughput}, {}})) ==
        "InvalidParameterCombination");
  model::BlockDeviceMappingRequest io1 = Data("/dev/xvda", 20);
  io1.volume_type = "io1";
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "io1", "", false, {io1}, {}})) ==
        "MissingParameter");
  // Nothing was recorded by the refused calls.
  CHECK(OwnSnapshots(alice).empty());
}

TEST_CASE_METHOD(ImageFixture, "resolve:ssm: image ids launch the catalog's current image for the parameter",
                 "[model][image]") {
  const std::string al2023 =
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
  auto launched = DescribeInstance(ec2, alice, Launch(alice, al2023));
  REQUIRE(launched);
  CHECK(launched->instance.image_id == CatalogImage(alice, "al2023-ami"));
  CHECK(launched->instance.image_id.starts_with("ami-"));

  model::RunInstancesRequest arm;
  arm.image_id =
      "resolve:ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id";
  arm.instance_type = "t4g.micro";
  auto reservation = RunInstances(ec2, alice, arm);
  REQUIRE(reservation);
  model::Image ubuntu = Describe(alice, reservation->instances[0].instance.image_id);
  CHECK(ubuntu.name == "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20251112");
  CHECK(ubuntu.architecture == "arm64");

  auto resolved = ec2.Read(alice, [](const model::View& view) {
    return model::ResolveImageId(
        view, "resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-Base");
  });
  REQUIRE(resolved);
  CHECK(Describe(alice, *resolved).name == "Windows_Server-2025-English-Full-Base-2025.11.12");

  for (std::string bad : {"resolve:ssm:/golden-ami",
                          "resolve:ssm:/aws/service/debian/release/13/latest/amd64:3", "resolve:ssm:"}) {
    INFO(bad);
    model::RunInstancesRequest request;
    request.image_id = bad;
    request.instance_type = "t3.micro";
    auto refused = RunInstances(ec2, alice, request);
    CHECK(CodeOf(refused) == "InvalidParameterValue");
  }
  model::RunInstancesRequest other_prefix;
  other_prefix.image_id = "resolve:foo:/x";
  other_prefix.instance_type = "t3.micro";
  CHECK(CodeOf(RunInstances(ec2, alice, other_prefix)) == "InvalidAMIID.Malformed");
}

TEST_CASE_METHOD(ImageFixture, "an image is pending until the transition delay has passed",
                 "[model][image]") {
  ec2.SetLifecycleTiming({5000, 3600 * 1000});
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  clock.Advance(5000);
  std::string ami = CreateImage(alice, instance, "slow");
  CHECK(Describe(alice, ami).state == "pending");
  model::RunInstancesRequest launch;
  launch.image_id = ami;
  launch.instance_type = "t3.micro";
  CHECK(CodeOf(RunInstances(ec2, alice, launch)) == "InvalidAMIID.Unavailable");
  CHECK(OwnSnapshots(alice)[0].state == "pending");
  clock.Advance(5000);
  CHECK(Describe(alice, ami).state == "available");
  CHECK(OwnSnapshots(alice)[0].state == "completed");
  CHECK(RunInstances(ec2, alice, launch));
}

TEST_CASE_METHOD(ImageFixture, "CopyImage makes new snapshots in the destination, encrypted when asked",
                 "[model][image]") {
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  std::string ami = CreateImage(alice, instance, "source");
  model::CopyImageRequest request;
  request.source_region = "us-east-1";
  request.source_image_id = ami;
  request.name = "dr-copy";
  request.encrypted = true;
  request.client_token = "once";
  auto copy = CopyImage(ec2, alice_eu, request);
  REQUIRE(copy);
  CHECK(*copy != ami);
  CHECK(*CopyImage(ec2, alice_eu, request) == *copy);  // the same ClientToken answers the same image
  auto eu_snapshots = OwnSnapshots(alice_eu);
  REQUIRE(eu_snapshots.size() == 1);
  CHECK(eu_snapshots[0].encrypted);
  CHECK(eu_snapshots[0].kms_key_id.starts_with("arn:aws:kms:eu-west-1:111111111111:key/"));
  CHECK(OwnSnapshots(alice).size() == 1);
  model::Image image = Describe(alice_eu, *copy);
  CHECK(image.source_image_id == ami);
  CHECK(image.block_devices[0].snapshot_id == eu_snapshots[0].snapshot_id);
  // Key pairs are per region: the source region's key is not in the destination.
  REQUIRE(CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}}));
  model::RunInstancesRequest launch;
  launch.image_id = *copy;
  launch.instance_type = "t3.micro";
  launch.key_name = "lab";
  CHECK(CodeOf(RunInstances(ec2, alice_eu, launch)) == "InvalidKeyPair.NotFound");

  request.client_token.clear();
  request.name = "other";
  request.source_image_id = "ami-0123456789abcdef0";
  CHECK(CodeOf(CopyImage(ec2, alice_eu, request)) == "InvalidAMIID.NotFound");
  request.source_image_id = ami;
  request.source_region = "mars-1";
  CHECK(CodeOf(CopyImage(ec2, alice_eu, request)) == "InvalidParameterValue");
  request.source_region = "us-east-1";
  request.encrypted = false;
  request.kms_key_id = "alias/mine";
  CHECK(CodeOf(CopyImage(ec2, alice_eu, request)) == "InvalidParameterDependency");
}

TEST_CASE_METHOD(ImageFixture, "DeregisterImage keeps snapshots unless asked, and honours protection",
                 "[model][image]") {
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  std::string kept = CreateImage(alice, instance, "kept");
  std::string dropped = CreateImage(alice, instance, "dropped");
  std::string kept_snapshot = Describe(alice, kept).block_devices[0].snapshot_id;
  CHECK(CodeOf(DeleteSnapshot(ec2, alice, kept_snapshot)) == "InvalidSnapshot.InUse");

  REQUIRE(SetImageDeregistrationProtection(ec2, alice, kept, true, false));
  CHECK(CodeOf(DeregisterImage(ec2, alice, kept, false)) == "OperationNotPermitted");
  REQUIRE(SetImageDeregistrationProtection(ec2, alice, kept, false, false));
  REQUIRE(DeregisterImage(ec2, alice, kept, false));
  CHECK(OwnSnapshots(alice).size() == 2);  // still there, still costing money
  CHECK(DeleteSnapshot(ec2, alice, kept_snapshot));

  auto result = DeregisterImage(ec2, alice, dropped, true);
  REQUIRE(result);
  REQUIRE(result->deleted_snapshots.size() == 1);
  CHECK(result->deleted_snapshots[0].second == "success");
  CHECK(OwnSnapshots(alice).empty());

  // The id answers nothing for an hour, then is not found.
  model::DescribeImagesRequest by_id;
  by_id.image_ids = {dropped};
  CHECK(DescribeImages(ec2, alice, by_id)->items.empty());
  CHECK(CodeOf(DeregisterImage(ec2, alice, dropped, false)) == "InvalidAMIID.Unavailable");
  clock.Advance(3600 * 1000);
  CHECK(CodeOf(DescribeImages(ec2, alice, by_id)) == "InvalidAMIID.NotFound");

  // A cooldown keeps the protection for a day after it is disabled.
  std::string cooled = CreateImage(alice, instance, "cooled");
  REQUIRE(SetImageDeregistrationProtection(ec2, alice, cooled, true, true));
  REQUIRE(SetImageDeregistrationProtection(ec2, alice, cooled, false, false));
  CHECK(CodeOf(DeregisterImage(ec2, alice, cooled, false)) == "OperationNotPermitted");
  clock.Advance(24 * 3600 * 1000);
  CHECK(DeregisterImage(ec2, alice, cooled, false));
}

TEST_CASE_METHOD(ImageFixture, "launch permissions decide who sees and launches an image", "[model][image]") {
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  std::string ami = CreateImage(alice, instance, "private");
  model::DescribeImagesRequest by_id;
  by_id.image_ids = {ami};
  CHECK(CodeOf(DescribeImages(ec2, bob, by_id)) == "InvalidAMIID.NotFound");
  CHECK(CodeOf(DeregisterImage(ec2, bob, ami, false)) == "InvalidAMIID.NotFound");

  model::ModifyImageAttributeRequest share;
  share.image_id = ami;
  share.launch_permission = model::PermissionEdit{{"222222222222"}, {}, false, false};
  REQUIRE(ModifyImageAttribute(ec2, alice, share));
  CHECK(DescribeImages(ec2, bob, by_id)->items.size() == 1);
  CHECK(CodeOf(DeregisterImage(ec2, bob, ami, false)) == "AuthFailure");
  Launch(bob, ami);

  model::DescribeImagesRequest everything;
  CHECK(DescribeImages(ec2, {"333333333333", "us-east-1"}, everything)->items.size() ==
        DescribeImages(ec2, {"333333333333", "us-east-1"}, {})->items.size());
  share.launch_permission = model::PermissionEdit{{}, {}, true, false};
  REQUIRE(ModifyImageAttribute(ec2, alice, share));
  CHECK(DescribeImages(ec2, {"333333333333", "us-east-1"}, by_id)->items.size() == 1);
  share.launch_permission = model::PermissionEdit{{"not-an-account"}, {}, false, false};
  CHECK(CodeOf(ModifyImageAttribute(ec2, alice, share)) == "InvalidUserID.Malformed");

  // Disabling ends the sharing; only the owner sees it, and only when asked.
  REQUIRE(SetImageEnabled(ec2, alice, ami, false));
  CHECK(CodeOf(DescribeImages(ec2, bob, by_id)) == "InvalidAMIID.NotFound");
  model::DescribeImagesRequest own;
  own.owners = {"self"};
  CHECK(DescribeImages(ec2, alice, own)->items.empty());
  own.include_disabled = true;
  CHECK(DescribeImages(ec2, alice, own)->items.size() == 1);
}

TEST_CASE_METHOD(ImageFixture, "a refused commit leaves images and snapshots as they were",
                 "[model][image]") {
  std::string instance = Launch(alice, CatalogImage(alice, "al2023-ami"));
  store.fail_next = true;
  CHECK(CodeOf(model::CreateImage(ec2, alice, {instance, "never", "", false, {}, {}})) == "InternalError");
  model::DescribeImagesRequest own;
  own.owners = {"self"};
  CHECK(DescribeImages(ec2, alice, own)->items.empty());
  CHECK(OwnSnapshots(alice).empty());
}

TEST_CASE("the catalog derives ids per region and holds every publisher", "[model][image]") {
  model::ImageCatalog catalog;
  auto east = catalog.ForRegion("us-east-1");
  auto west = catalog.ForRegion("us-west-2");
  REQUIRE(east.size() == west.size());
  CHECK(east[0].name == west[0].name);
  CHECK(east[0].image_id != west[0].image_id);
  CHECK(catalog.Find("us-east-1", east[0].image_id) == &east[0]);
  CHECK(catalog.Find("us-west-2", east[0].image_id) == nullptr);
  CHECK(catalog.ForRegion("mars-1").empty());
  int marketplace = 0, instance_store = 0;
  for (const model::Image& image : east) {
    CHECK(image.is_public);
    if (image.owner_alias == "aws-marketplace") {
      ++marketplace;
      CHECK(image.product_codes.size() == 1);
    }
    if (image.root_device_type == "instance-store") ++instance_store;
  }
  CHECK(marketplace == 7);
  CHECK(instance_store == 1);
}
