#include <catch2/catch.hpp>

#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct VolumeFixture : test::ModelFixture {
  model::Volume Create(const std::string& zone, int size, const std::string& type = "") {
    model::CreateVolumeRequest request;
    request.availability_zone = zone;
    request.size = size;
    request.volume_type = type;
    auto volume = CreateVolume(ec2, alice, request);
    REQUIRE(volume);
    return *volume;
  }

  model::Volume Get(const std::string& volume_id) {
    auto page = DescribeVolumes(ec2, alice, {{volume_id}, {}, {}});
    REQUIRE(page);
    return page->items.at(0);
  }

  std::string Launch(const std::string& zone) {
    model::DescribeImagesRequest images;
    images.owners = {"amazon"};
    images.filters = {{"name", {"al2023-ami-*-x86_64"}}};
    model::RunInstancesRequest request;
    request.image_id = DescribeImages(ec2, alice, images)->items.at(0).image_id;
    request.instance_type = "t3.micro";
    request.availability_zone = zone;
    auto reservation = RunInstances(ec2, alice, request);
    REQUIRE(reservation);
    return reservation->instances[0].instance.instance_id;
  }
};

}  // namespace

TEST_CASE_METHOD(VolumeFixture, "volume types have AWS's defaults and limits", "[model][volume]") {
  CHECK(Create("us-east-1a", 100).volume_type == "gp2");
  CHECK(Create("us-east-1a", 100).iops == 300);
  model::Volume gp3 = Create("us-east-1a", 10, "gp3");
  CHECK((gp3.iops == 3000 && gp3.throughput == 125));
  model::CreateVolumeRequest bad;
  bad.availability_zone = "us-east-1a";
  CHECK(CodeOf(CreateVolume(ec2, alice, bad)) == "MissingParameter");
  bad.size = 100;
  bad.volume_type = "st1";
  CHECK(CodeOf(CreateVolume(ec2, alice, bad)) == "InvalidParameterValue");  // st1 starts at 125 GiB
  bad.volume_type = "gp2";
  bad.iops = 1000;
  CHECK(CodeOf(CreateVolume(ec2, alice, bad)) == "InvalidParameterCombination");
  bad.volume_type = "io2";
  bad.iops.reset();
  CHECK(CodeOf(CreateVolume(ec2, alice, bad)) == "MissingParameter");
  bad.availability_zone = "eu-west-1a";
  CHECK(CodeOf(CreateVolume(ec2, alice, bad)) == "InvalidZone.NotFound");
  bad.availability_zone = "us-east-1a";
  bad.volume_type.clear();
  bad.snapshot_id = "snap-0123456789abcdef0";
  CHECK(CodeOf(CreateVolume(ec2, alice, bad)) == "InvalidSnapshot.NotFound");
}

TEST_CASE_METHOD(VolumeFixture, "attach and detach follow the zone and state rules", "[model][volume]") {
  std::string instance = Launch("us-east-1a");
  model::Volume volume = Create("us-east-1a", 10);
  model::Volume far = Create("us-east-1b", 10);
  CHECK(CodeOf(AttachVolume(ec2, alice, far.volume_id, instance, "/dev/sdf")) ==
        "InvalidVolume.ZoneMismatch");
  CHECK(CodeOf(AttachVolume(ec2, alice, volume.volume_id, instance, "sdf")) == "InvalidParameterValue");
  auto attached = AttachVolume(ec2, alice, volume.volume_id, instance, "/dev/sdf");
  REQUIRE(attached);
  CHECK(attached->state == "attaching");
  CHECK(Get(volume.volume_id).attach_state == "attached");
  CHECK(Get(volume.volume_id).state == "in-use");
  CHECK(DescribeInstance(ec2, alice, instance)->instance.volumes.size() == 2);
  CHECK(CodeOf(AttachVolume(ec2, alice, volume.volume_id, instance, "/dev/sdg")) == "VolumeInUse");
  CHECK(CodeOf(DeleteVolume(ec2, alice, volume.volume_id)) == "VolumeInUse");
  CHECK(CodeOf(DetachVolume(ec2, alice, volume.volume_id, "i-0123456789abcdef0", "")) ==
        "InvalidAttachment.NotFound");
  REQUIRE(DetachVolume(ec2, alice, volume.volume_id, instance, ""));
  CHECK(Get(volume.volume_id).state == "available");
  CHECK(DescribeInstance(ec2, alice, instance)->instance.volumes.size() == 1);
  CHECK(DeleteVolume(ec2, alice, volume.volume_id));
  CHECK(CodeOf(DescribeVolumes(ec2, alice, {{volume.volume_id}, {}, {}})) == "InvalidVolume.NotFound");
  // Other accounts see none of it.
  CHECK(CodeOf(DescribeVolumes(ec2, bob, {{far.volume_id}, {}, {}})) == "InvalidVolume.NotFound");
  CHECK(DescribeVolumes(ec2, bob, {})->items.empty());
}

TEST_CASE_METHOD(VolumeFixture, "ModifyVolume grows, never shrinks, once per six hours", "[model][volume]") {
  model::Volume volume = Create("us-east-1a", 10, "gp3");
  CHECK(CodeOf(ModifyVolume(ec2, alice, {volume.volume_id, 5, {}, {}, {}})) == "InvalidParameterValue");
  CHECK(CodeOf(ModifyVolume(ec2, alice, {volume.volume_id, 10, {}, {}, {}})) == "InvalidParameterValue");
  auto modified = ModifyVolume(ec2, alice, {volume.volume_id, 50, {}, 6000, {}});
  REQUIRE(modified);
  CHECK(modified->modification.original_size_gib == 10);
  CHECK(modified->modification.target_iops == 6000);
  CHECK(Get(volume.volume_id).size_gib == 50);
  CHECK(CodeOf(ModifyVolume(ec2, alice, {volume.volume_id, 60, {}, {}, {}})) ==
        "VolumeModificationRateExceeded");
  clock.Advance(6LL * 3600 * 1000);
  CHECK(ModifyVolume(ec2, alice, {volume.volume_id, 60, {}, {}, {}}));
  auto modifications = DescribeVolumesModifications(ec2, alice, {});
  REQUIRE(modifications->items.size() == 1);
  CHECK(modifications->items[0].modification.state == "completed");
}

TEST_CASE_METHOD(VolumeFixture, "termination deletes DeleteOnTermination volumes and detaches the rest",
                 "[model][volume]") {
  std::string instance = Launch("us-east-1a");
  model::Volume data = Create("us-east-1a", 10);
  REQUIRE(AttachVolume(ec2, alice, data.volume_id, instance, "/dev/sdf"));
  std::string root = DescribeInstance(ec2, alice, instance)->instance.volumes[0].volume_id;
  REQUIRE(TerminateInstances(ec2, alice, {instance}));
  CHECK(CodeOf(DescribeVolumes(ec2, alice, {{root}, {}, {}})) == "InvalidVolume.NotFound");
  CHECK(Get(data.volume_id).state == "available");
  CHECK(Get(data.volume_id).instance_id.empty());
}

TEST_CASE_METHOD(VolumeFixture, "snapshots share through createVolumePermission", "[model][snapshot]") {
  model::Volume volume = Create("us-east-1a", 4);
  auto snapshot = CreateSnapshot(ec2, alice, volume.volume_id, "nightly", {});
  REQUIRE(snapshot);
  CHECK(snapshot->volume_size_gib == 4);
  model::DescribeSnapshotsRequest by_id;
  by_id.snapshot_ids = {snapshot->snapshot_id};
  CHECK(CodeOf(DescribeSnapshots(ec2, bob, by_id)) == "InvalidSnapshot.NotFound");
  REQUIRE(ModifySnapshotPermission(ec2, alice, snapshot->snapshot_id,
                                   model::PermissionEdit{{"222222222222"}, {}, false, false}));
  CHECK(DescribeSnapshots(ec2, bob, by_id)->items.size() == 1);
  model::CreateVolumeRequest restore;
  restore.availability_zone = "us-east-1c";
  restore.snapshot_id = snapshot->snapshot_id;
  auto restored = CreateVolume(ec2, bob, restore);
  REQUIRE(restored);
  CHECK(restored->size_gib == 4);
  restore.size = 2;
  CHECK(CodeOf(CreateVolume(ec2, bob, restore)) == "InvalidParameterValue");
  CHECK(CodeOf(DeleteSnapshot(ec2, bob, snapshot->snapshot_id)) == "InvalidSnapshot.NotFound");
  REQUIRE(ModifySnapshotPermission(ec2, alice, snapshot->snapshot_id, std::nullopt));
  CHECK(CodeOf(DescribeSnapshots(ec2, bob, by_id)) == "InvalidSnapshot.NotFound");
  CHECK(DeleteSnapshot(ec2, alice, snapshot->snapshot_id));
}

TEST_CASE_METHOD(VolumeFixture, "DescribeVolumeStatus filters on the status before it pages",
                 "[model][volume]") {
  for (int i = 0; i < 6; ++i) Create("us-east-1a", 10);
  model::DescribeVolumesRequest request;
  request.page.max_results = 5;
  request.filters = {{"volume-status.status", {"impaired"}}};
  auto none = DescribeVolumeStatus(ec2, alice, request);
  REQUIRE(none);
  CHECK(none->items.empty());
  CHECK(none->next_token.empty());  // no page of nothing that promises more
  request.filters = {{"volume-status.status", {"ok"}}, {"volume-status.details-status", {"pass*"}}};
  auto first = DescribeVolumeStatus(ec2, alice, request);
  REQUIRE(first);
  CHECK(first->items.size() == 5);
  CHECK(first->items[0].status == "ok");
  CHECK_FALSE(first->next_token.empty());
}

TEST_CASE_METHOD(VolumeFixture, "CreateVolume needs a zone and refuses Outposts", "[model][volume]") {
  model::CreateVolumeRequest request;
  request.size = 10;
  CHECK(CodeOf(CreateVolume(ec2, alice, request)) == "MissingParameter");
  request.availability_zone = "us-east-1a";
  request.outpost_arn = "";
  CHECK(CodeOf(CreateVolume(ec2, alice, request)) == "UnsupportedOperation");
  request.outpost_arn.reset();
  CHECK(CreateVolume(ec2, alice, request));
}
