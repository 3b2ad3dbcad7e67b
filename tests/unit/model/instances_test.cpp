#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"
#include "model/instances/instance_metadata.hpp"
#include "model/security/security.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

std::string ImageNamed(const std::string& region, std::string_view prefix) {
  static model::ImageCatalog catalog;
  for (const model::Image& image : catalog.ForRegion(region)) {
    if (image.name.starts_with(prefix)) return image.image_id;
  }
  FAIL("no catalog image " << prefix);
  return "";
}

model::BlockDeviceMappingRequest Ebs(std::string device, std::optional<int> size,
                                     std::optional<bool> delete_on_termination = {}, std::string type = "") {
  model::BlockDeviceMappingRequest bdm;
  bdm.device_name = std::move(device);
  bdm.has_ebs = true;
  bdm.volume_size = size;
  bdm.delete_on_termination = delete_on_termination;
  bdm.volume_type = std::move(type);
  return bdm;
}

struct InstanceFixture : test::ModelFixture {
  std::string al2023 = ImageNamed("us-east-1", "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64");
  std::string al2023_arm = ImageNamed("us-east-1", "al2023-ami-2023.9.20251117.1-kernel-6.1-arm64");
  std::string instance_store = ImageNamed("us-east-1", "amzn-ami-minimal-hvm");

  model::RunInstancesRequest Launch(std::string image, std::string type = "t3.micro") {
    model::RunInstancesRequest request;
    request.image_id = std::move(image);
    request.instance_type = std::move(type);
    return request;
  }
  std::string LaunchOne(model::RunInstancesRequest request) {
    auto reservation = RunInstances(ec2, alice, request);
    REQUIRE(reservation);
    return reservation->instances.at(0).instance.instance_id;
  }
  std::string StateOf(const std::string& id) {
    auto view = DescribeInstance(ec2, alice, id);
    REQUIRE(view);
    return view->instance.state;
  }
};

}  // namespace

TEST_CASE_METHOD(InstanceFixture, "a launch answers pending and the next read sees running",
                 "[model][instance]") {
  auto reservation = RunInstances(ec2, alice, Launch(al2023));
  REQUIRE(reservation);
  REQUIRE(reservation->instances.size() == 1);
  const model::Instance& instance = reservation->instances[0].instance;
  CHECK(instance.state == "pending");
  CHECK(instance.instance_id.starts_with("i-0"));
  CHECK(reservation->reservation_id.starts_with("r-0"));
  CHECK(instance.private_ip.starts_with("172.31."));
  CHECK(reservation->instances[0].private_dns_name.ends_with(".ec2.internal"));
  CHECK(instance.root_device_type == "ebs");
  REQUIRE(instance.volumes.size() == 1);
  CHECK(instance.volumes[0].device_name == "/dev/xvda");
  CHECK(instance.volumes[0].size_gib == 8);
  CHECK(reservation->instances[0].groups.at(0).second == "default");
  CHECK(StateOf(instance.instance_id) == "running");
}

TEST_CASE_METHOD(InstanceFixture, "with a transition delay states move only as the clock does",
                 "[model][instance]") {
  ec2.SetLifecycleTiming({5000, 3600000});
  std::string id = LaunchOne(Launch(al2023));
  CHECK(StateOf(id) == "pending");
  clock.Advance(4999);
  CHECK(StateOf(id) == "pending");
  clock.Advance(1);
  CHECK(StateOf(id) == "running");
  auto stopping = StopInstances(ec2, alice, {id}, false);
  REQUIRE(stopping);
  CHECK((*stopping)[0].previous_state == "running");
  CHECK((*stopping)[0].current_state == "stopping");
  CHECK(CodeOf(StartInstances(ec2, alice, {id})) == "IncorrectInstanceState");  // still stopping
  clock.Advance(5000);
  CHECK(StateOf(id) == "stopped");
  auto starting = StartInstances(ec2, alice, {id});
  REQUIRE(starting);
  CHECK((*starting)[0].current_state == "pending");
  clock.Advance(5000);
  auto terminating = TerminateInstances(ec2, alice, {id});
  REQUIRE(terminating);
  CHECK((*terminating)[0].previous_state == "running");
  CHECK((*terminating)[0].current_state == "shutting-down");
  clock.Advance(5000);
  CHECK(StateOf(id) == "terminated");
  // Terminated instances stay visible for an hour, then vanish.
  clock.Advance(3599999);
  CHECK(DescribeInstances(ec2, alice, {})->items.size() == 1);
  clock.Advance(1);
  CHECK(DescribeInstances(ec2, alice, {})->items.empty());
  CHECK(CodeOf(DescribeInstance(ec2, alice, id)) == "InvalidInstanceID.NotFound");
}

TEST_CASE_METHOD(InstanceFixture, "illegal transitions are refused as AWS refuses them",
                 "[model][instance]") {
  std::string id = LaunchOne(Launch(al2023));
  REQUIRE(TerminateInstances(ec2, alice, {id}));
  auto start = StartInstances(ec2, alice, {id});
  CHECK(CodeOf(start) == "IncorrectInstanceState");
  CHECK(start.error().message == "The instance '" + id + "' is not in a state from which it can be started.");
  CHECK(CodeOf(StopInstances(ec2, alice, {id}, false)) == "IncorrectInstanceState");
  CHECK(CodeOf(RebootInstances(ec2, alice, {id})) == "IncorrectInstanceState");
  auto again = TerminateInstances(ec2, alice, {id});  // terminating twice is fine
  REQUIRE(again);
  CHECK((*again)[0].previous_state == "terminated");
  CHECK((*again)[0].current_state == "terminated");
}

TEST_CASE_METHOD(InstanceFixture, "an instance-store instance cannot be stopped", "[model][instance]") {
  std::string id = LaunchOne(Launch(instance_store, "m3.medium"));
  auto stop = StopInstances(ec2, alice, {id}, false);
  CHECK(CodeOf(stop) == "UnsupportedOperation");
  CHECK(stop.error().message ==
        "The instance '" + id + "' does not have an 'ebs' root device type and cannot be stopped.");
  CHECK(DescribeInstance(ec2, alice, id)->instance.volumes.empty());
  CHECK(TerminateInstances(ec2, alice, {id}));
}

TEST_CASE_METHOD(InstanceFixture, "protection flags refuse termination and stopping", "[model][instance]") {
  auto request = Launch(al2023);
  request.disable_api_termination = true;
  request.disable_api_stop = true;
  std::string id = LaunchOne(request);
  CHECK(CodeOf(TerminateInstances(ec2, alice, {id})) == "OperationNotPermitted");
  CHECK(CodeOf(StopInstances(ec2, alice, {id}, false)) == "OperationNotPermitted");
  REQUIRE(ModifyInstanceAttribute(ec2, alice, {id, {}, {}, false, false, {}, {}, {}, {}, {}}));
  CHECK(TerminateInstances(ec2, alice, {id}));
}

TEST_CASE_METHOD(InstanceFixture, "user data and instance type change only while stopped",
                 "[model][instance]") {
  std::string id = LaunchOne(Launch(al2023));
  model::ModifyInstanceAttributeRequest user_data{id, std::string("SGVsbG8="), {}, {}, {}, {}, {}, {}, {},
                                                  {}};
  auto refused = ModifyInstanceAttribute(ec2, alice, user_data);
  CHECK(CodeOf(refused) == "IncorrectInstanceState");
  CHECK(refused.error().message == "The instance '" + id + "' is not in the 'stopped' state.");
  model::ModifyInstanceAttributeRequest type{id, {}, std::string("t3.large"), {}, {}, {}, {}, {}, {}, {}};
  CHECK(CodeOf(ModifyInstanceAttribute(ec2, alice, type)) == "IncorrectInstanceState");
  REQUIRE(StopInstances(ec2, alice, {id}, false));
  REQUIRE(ModifyInstanceAttribute(ec2, alice, user_data));
  REQUIRE(ModifyInstanceAttribute(ec2, alice, type));
  model::ModifyInstanceAttributeRequest arm{id, {}, std::string("t4g.large"), {}, {}, {}, {}, {}, {}, {}};
  CHECK(CodeOf(ModifyInstanceAttribute(ec2, alice, arm)) == "InvalidParameterValue");
  auto view = DescribeInstance(ec2, alice, id);
  CHECK(view->instance.user_data == "SGVsbG8=");
  CHECK(view->instance.instance_type == "t3.large");
}

TEST_CASE_METHOD(InstanceFixture, "launch checks the image, type, key pair, groups and placement",
                 "[model][instance]") {
  CHECK(CodeOf(RunInstances(ec2, alice, Launch("ami-0123456789abcdef0"))) == "InvalidAMIID.NotFound");
  CHECK(CodeOf(RunInstances(ec2, alice, Launch("ami-bogus"))) == "InvalidAMIID.Malformed");
  // An image id belongs to one region.
  std::string eu_image = ImageNamed("eu-west-1", "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64");
  CHECK(eu_image != al2023);
  CHECK(CodeOf(RunInstances(ec2, alice, Launch(eu_image))) == "InvalidAMIID.NotFound");
  CHECK(CodeOf(RunInstances(ec2, alice, Launch(al2023, "t4g.micro"))) == "InvalidParameterValue");
  CHECK(RunInstances(ec2, alice, Launch(al2023_arm, "t4g.micro")));
  auto keyed = Launch(al2023);
  keyed.key_name = "lab";
  auto no_key = RunInstances(ec2, alice, keyed);
  CHECK(CodeOf(no_key) == "InvalidKeyPair.NotFound");
  CHECK(no_key.error().message == "The key pair 'lab' does not exist");
  REQUIRE(CreateKeyPair(ec2, alice_eu, {"lab", "ed25519", "pem", {}}));  // another region's key does not help
  CHECK(CodeOf(RunInstances(ec2, alice, keyed)) == "InvalidKeyPair.NotFound");
  auto grouped = Launch(al2023);
  grouped.group_ids = {"sg-0123456789abcdef0"};
  CHECK(CodeOf(RunInstances(ec2, alice, grouped)) == "InvalidGroup.NotFound");
  auto zoned = Launch(al2023);
  zoned.availability_zone = "us-east-1z";
  CHECK(CodeOf(RunInstances(ec2, alice, zoned)) == "InvalidParameterValue");
  zoned.availability_zone = "us-east-1c";
  auto placed = RunInstances(ec2, alice, zoned);
  REQUIRE(placed);
  CHECK(placed->instances[0].instance.availability_zone == "us-east-1c");
  auto counts = Launch(al2023);
  counts.min_count = 3;
  counts.max_count = 2;
  CHECK(CodeOf(RunInstances(ec2, alice, counts)) == "InvalidParameterValue");
  auto bad_user_data = Launch(al2023);
  bad_user_data.user_data = "not base64!";
  CHECK(CodeOf(RunInstances(ec2, alice, bad_user_data)) == "InvalidParameterValue");
}

TEST_CASE_METHOD(InstanceFixture, "block devices grow the root volume, never shrink it, and add volumes",
                 "[model][instance]") {
  auto request = Launch(al2023);
  request.block_device_mappings = {Ebs("/dev/xvda", 30), Ebs("/dev/sdf", 100, false, "io2")};
  std::string id = LaunchOne(request);
  auto volumes = DescribeInstance(ec2, alice, id)->instance.volumes;
  REQUIRE(volumes.size() == 2);
  CHECK(volumes[0].size_gib == 30);
  CHECK(volumes[1].device_name == "/dev/sdf");
  CHECK(volumes[1].size_gib == 100);
  CHECK(volumes[1].volume_type == "io2");
  CHECK_FALSE(volumes[1].delete_on_termination);
  auto shrink = Launch(al2023);
  shrink.block_device_mappings = {Ebs("/dev/xvda", 4)};
  auto refused = RunInstances(ec2, alice, shrink);
  CHECK(CodeOf(refused) == "InvalidBlockDeviceMapping");
  CHECK(refused.error().message.find("expect size >= 8") != std::string::npos);
  auto sizeless = Launch(al2023);
  sizeless.block_device_mappings = {Ebs("/dev/sdg", {})};
  CHECK(CodeOf(RunInstances(ec2, alice, sizeless)) == "InvalidBlockDeviceMapping");
  // A terminated instance has no block devices left.
  REQUIRE(TerminateInstances(ec2, alice, {id}));
  CHECK(DescribeInstance(ec2, alice, id)->instance.volumes.empty());
}

TEST_CASE_METHOD(InstanceFixture, "the same client token returns the first reservation",
                 "[model][instance]") {
  auto request = Launch(al2023);
  request.client_token = "once";
  request.max_count = 2;
  request.min_count = 2;
  auto first = RunInstances(ec2, alice, request);
  auto second = RunInstances(ec2, alice, request);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->reservation_id == second->reservation_id);
  CHECK(second->instances.size() == 2);
  CHECK(DescribeInstances(ec2, alice, {})->items[0].instances.size() == 2);
}

TEST_CASE_METHOD(InstanceFixture, "describe filters by state, tags and groups and pages by instance",
                 "[model][instance]") {
  auto request = Launch(al2023);
  request.min_count = request.max_count = 12;
  request.tag_specifications = {{"instance", {{"Name", "web"}}}};
  auto reservation = RunInstances(ec2, alice, request);
  REQUIRE(reservation);
  std::string stopped = reservation->instances[0].instance.instance_id;
  REQUIRE(StopInstances(ec2, alice, {stopped}, false));
  auto count = [&](std::vector<model::Filter> filters) {
    auto page = DescribeInstances(ec2, alice, {{}, std::move(filters), {}});
    REQUIRE(page);
    size_t n = 0;
    for (const auto& r : page->items) n += r.instances.size();
    return n;
  };
  CHECK(count({{"instance-state-name", {"running"}}}) == 11);
  CHECK(count({{"instance-state-code", {"80"}}}) == 1);
  CHECK(count({{"tag:Name", {"w?b"}}, {"instance.group-name", {"default"}}}) == 12);
  CHECK(count({{"instance-type", {"t3.micro"}}, {"image-id", {al2023}}}) == 12);
  CHECK(count({{"tag:Name", {"db"}}}) == 0);
  std::vector<std::string> seen;
  model::PageRequest page{5, std::nullopt};
  do {
    auto result = DescribeInstances(ec2, alice, {{}, {}, page});
    REQUIRE(result);
    for (const auto& r : result->items) {
      for (const auto& v : r.instances) seen.push_back(v.instance.instance_id);
    }
    page.next_token =
        result->next_token.empty() ? std::nullopt : std::optional<std::string>(result->next_token);
  } while (page.next_token);
  CHECK(seen.size() == 12);
  CHECK(CodeOf(DescribeInstances(ec2, alice, {{"i-0123456789abcdef0"}, {}, {}})) ==
        "InvalidInstanceID.NotFound");
  CHECK(CodeOf(DescribeInstances(ec2, alice, {{"i-zz"}, {}, {}})) == "InvalidInstanceID.Malformed");
  CHECK(CodeOf(DescribeInstances(ec2, bob, {{stopped}, {}, {}})) == "InvalidInstanceID.NotFound");
}

TEST_CASE_METHOD(InstanceFixture, "a group used by an instance cannot be deleted until it terminates",
                 "[model][instance]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  auto request = Launch(al2023);
  request.group_ids = {web->group_id};
  std::string id = LaunchOne(request);
  CHECK(CodeOf(DeleteSecurityGroup(ec2, alice, {web->group_id, ""})) == "DependencyViolation");
  REQUIRE(TerminateInstances(ec2, alice, {id}));
  CHECK(DeleteSecurityGroup(ec2, alice, {web->group_id, ""}));
}

TEST_CASE_METHOD(InstanceFixture, "literal tag filters follow tag changes, and pages, through the tag index",
                 "[model][instance]") {
  auto request = Launch(al2023);
  request.min_count = request.max_count = 7;
  request.tag_specifications = {{"instance", {{"tier", "web"}}}};
  auto reservation = RunInstances(ec2, alice, request);
  REQUIRE(reservation);
  const std::string first = reservation->instances[0].instance.instance_id;
  const std::string second = reservation->instances[1].instance.instance_id;
  auto ids = [&](std::vector<model::Filter> filters, model::PageRequest page = {}) {
    auto result = DescribeInstances(ec2, alice, {{}, std::move(filters), page});
    REQUIRE(result);
    std::vector<std::string> out;
    for (const auto& r : result->items) {
      for (const auto& v : r.instances) out.push_back(v.instance.instance_id);
    }
    return std::make_pair(out, result->next_token);
  };
  CHECK(ids({{"tag:tier", {"web"}}}).first.size() == 7);
  REQUIRE(CreateTags(ec2, alice, {first}, {{"tier", "db"}}));
  CHECK(ids({{"tag:tier", {"web"}}}).first.size() == 6);
  CHECK(ids({{"tag:tier", {"db"}}}).first == std::vector<std::string>{first});
  CHECK(ids({{"tag:tier", {"d*"}}}).first == std::vector<std::string>{first});  // a wildcard scans instead
  auto page_one = ids({{"tag:tier", {"web"}}}, {5, std::nullopt});
  REQUIRE(page_one.first.size() == 5);
  REQUIRE_FALSE(page_one.second.empty());
  auto page_two = ids({{"tag:tier", {"web"}}}, {5, page_one.second});
  CHECK(page_two.first.size() == 1);
  CHECK(page_two.second.empty());
  CHECK(page_one.first.back() < page_two.first.front());
  CHECK(ids({{"tag:tier", {"db", "web"}}, {"instance-id", {first}}}).first ==
        std::vector<std::string>{first});
  REQUIRE(DeleteTags(ec2, alice, {second}, {{"tier", std::nullopt}}));
  auto web = ids({{"tag:tier", {"web"}}});
  CHECK(web.first.size() == 5);
  CHECK(std::find(web.first.begin(), web.first.end(), second) == web.first.end());
  CHECK(ids({{"tag:missing", {"x"}}}).first.empty());
}

TEST_CASE_METHOD(InstanceFixture, "a launch records its key pair's public key, which outlives DeleteKeyPair",
                 "[model][instance]") {
  auto created = CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}});
  REQUIRE(created);
  model::RunInstancesRequest request = Launch(al2023);
  request.key_name = "lab";
  const std::string id = LaunchOne(request);
  auto view = DescribeInstance(ec2, alice, id);
  REQUIRE(view);
  CHECK(view->instance.key_public_key == created->key_pair.public_key);
  CHECK(view->instance.key_public_key.starts_with("ssh-ed25519 "));
  REQUIRE(DeleteKeyPair(ec2, alice, "lab", ""));
  auto metadata = DescribeInstanceMetadata(ec2, id);
  REQUIRE(metadata);
  CHECK(metadata->public_key == created->key_pair.public_key);
  auto bare = DescribeInstance(ec2, alice, LaunchOne(Launch(al2023)));  // no key pair: no key recorded
  REQUIRE(bare);
  CHECK(bare->instance.key_public_key.empty());
}
