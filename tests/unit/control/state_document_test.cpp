#include "control/state_document.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "control/state_members.hpp"
#include "control/state_references.hpp"
#include "model/core/resource_types.hpp"
#include "storage/record_codec.hpp"

using namespace localec2;
using nlohmann::json;

namespace {

const control::RecordCodec kCodec{
    [](const model::Resource& resource) { return storage::GenericEncoding(resource); },
    [](std::string_view type, const json& body) { return storage::DecodeResourceJson(type, body); }};

const std::string kAccount = "111111111111";
const model::Scope kEast{kAccount, "us-east-1"};
const std::string kCatalogImage = "ami-0aaaaaaaaaaaaaaa1";
const std::string kCatalogSnapshot = "snap-0aaaaaaaaaaaaaaa1";

control::CatalogIds FakeCatalog(const std::string& region) {
  if (region != "us-east-1") return {};
  return {{kCatalogImage}, {kCatalogSnapshot}};
}

// A small state: a group, a key pair, an instance with its volume, an image and its snapshot.
std::vector<model::Record> SmallState() {
  model::SecurityGroup group;
  group.group_id = "sg-00000000000000001";
  group.group_name = "web";
  group.owner_id = kAccount;
  model::KeyPair key{"key-00000000000000001", "lab", "ed25519", "fp", "ssh-ed25519 AAAA lab", 5, {}};
  model::Instance instance;
  instance.instance_id = "i-00000000000000001";
  instance.owner_id = kAccount;
  instance.image_id = kCatalogImage;
  instance.instance_type = "t3.micro";
  instance.availability_zone = "us-east-1a";
  instance.group_ids = {group.group_id};
  instance.volumes = {{"/dev/xvda", "vol-00000000000000001", kCatalogSnapshot, "gp3", 8, true, 7}};
  instance.tags = {{"Project", "lab"}};
  model::Volume volume;
  volume.volume_id = "vol-00000000000000001";
  volume.availability_zone = "us-east-1a";
  volume.instance_id = instance.instance_id;
  volume.snapshot_id = kCatalogSnapshot;
  volume.state = "in-use";
  volume.attach_state = "attached";
  model::Snapshot snapshot;
  snapshot.snapshot_id = "snap-00000000000000001";
  snapshot.owner_id = kAccount;
  model::Image image;
  image.image_id = "ami-00000000000000001";
  image.owner_id = kAccount;
  image.state = "available";
  image.block_devices.push_back({});
  image.block_devices[0].snapshot_id = snapshot.snapshot_id;
  return {{kEast, group},  {kEast, key},      {kEast, instance},
          {kEast, volume}, {kEast, snapshot}, {kEast, image}};
}

json Document() { return control::ExportState(kAccount, SmallState(), std::nullopt, kCodec); }

// The message refusing `document`, or "" when it is imported.
std::string Refusal(const json& document, const std::string& account = kAccount) {
  auto parsed = control::ParseStateDocument(document, account, kCodec);
  if (!parsed) {
    CHECK(parsed.error().code == "InvalidParameterValue");
    return parsed.error().message;
  }
  auto references = control::CheckStateReferences(*parsed, FakeCatalog);
  return references ? "" : references.error().message;
}

json Edited(const std::function<void(json& document, json& east)>& edit) {
  json document = Document();
  edit(document, document["Regions"]["us-east-1"]);
  return document;
}

}  // namespace

TEST_CASE("state member names are PascalCase of the record's fields, and back", "[control][state]") {
  CHECK(control::PascalMember("instance_id") == "InstanceId");
  CHECK(control::PascalMember("enable_dns64") == "EnableDns64");
  CHECK(control::PascalMember("cidr_ipv4") == "CidrIpv4");
  CHECK(control::SnakeMember("InstanceId") == "instance_id");
  CHECK(control::SnakeMember("EnableDns64") == "enable_dns64");
  CHECK(control::SnakeMember("instanceId") == "instance_id");
  CHECK(control::FieldOf("InstanceId") == "instance_id");
  CHECK(control::FieldOf("instanceId").empty());  // not a member's spelling
  CHECK(control::FieldOf("LaunchTime") == "launch_time_ms");
  CHECK(control::FieldOf("LaunchTimeMs").empty());
  CHECK(control::MemberOf("launch_time_ms") == "LaunchTime");
  CHECK(control::MemberOf("attach_time_ms") == "AttachTime");
  CHECK(control::TimeOf(json(nullptr)) == 0);
  CHECK(control::TimeOf(json("1970-01-01T00:00:01Z")) == 1000);
  CHECK(control::TimeOf(json("1970-01-01T00:00:01.250Z")) == 1250);
  CHECK_FALSE(control::TimeOf(json(1000)));
  CHECK_FALSE(control::TimeOf(json("yesterday")));
}

TEST_CASE("every time field of every record is written as a time", "[control][state]") {
  // Every field ending in _ms of every record (nested ones populated) is a time field.
  model::Instance instance;
  instance.volumes.push_back({});
  model::Volume volume;
  volume.modifications.push_back({});
  model::LaunchTemplate lt;
  lt.versions.push_back({});
  model::NetworkInterface eni;
  std::vector<model::Resource> resources = {instance, volume, lt, eni};
  model::ForEachResourceType([&]<class T>() { resources.push_back(T{}); });
  std::vector<const json*> pending;
  std::vector<json> encodings;
  for (const auto& resource : resources) encodings.push_back(kCodec.encode(resource));
  for (const json& encoding : encodings) pending.push_back(&encoding);
  size_t times = 0;
  while (!pending.empty()) {
    const json* at = pending.back();
    pending.pop_back();
    if (at->is_object()) {
      for (const auto& [key, value] : at->items()) {
        if (key.ends_with("_ms")) {
          INFO(key);
          CHECK(control::IsTimeField(key));
          ++times;
        }
        pending.push_back(&value);
      }
    } else if (at->is_array()) {
      for (const json& value : *at) pending.push_back(&value);
    }
  }
  CHECK(times > 15);
  json document = Document();
  CHECK(document["Regions"]["us-east-1"]["KeyPairs"][0]["CreateTime"] == "1970-01-01T00:00:00.005Z");
  CHECK(document["Regions"]["us-east-1"]["Instances"][0]["LaunchTime"] == nullptr);  // 0: never
  CHECK(document["Regions"]["us-east-1"]["Instances"][0]["Volumes"][0]["AttachTime"] ==
        "1970-01-01T00:00:00.007Z");
}

TEST_CASE("state export writes every resource type in its own list, tags verbatim", "[control][state]") {
  std::vector<model::Record> records;
  int n = 0;
  model::ForEachResourceType([&]<class T>() {
    T resource{};
    resource.*model::ResourceTraits<T>::kId = "x-" + std::to_string(++n);
    resource.tags = {{"owner_name", "Ann"}};
    records.push_back({kEast, resource});
  });
  records.push_back({{"222222222222", "us-east-1"}, model::KeyPair{}});  // another account's: left out
  json document = control::ExportState(kAccount, records, std::nullopt, kCodec);
  CHECK(document["Version"] == 1);
  CHECK(document["Account"] == kAccount);
  const json& east = document["Regions"]["us-east-1"];
  CHECK(east.size() == 20);
  for (const auto& [list, items] : east.items()) {
    INFO(list);
    CHECK(items.size() == 1);
    CHECK(items[0]["Tags"] == json{{"owner_name", "Ann"}});
  }
  CHECK(east["Instances"][0]["InstanceId"] == "x-5");
  CHECK(east["Instances"][0]["LaunchTime"] == nullptr);
  CHECK(control::ExportState(kAccount, records, "eu-west-1", kCodec)["Regions"] == json::object());
}

TEST_CASE("state export leaves out unchanged derived defaults and keeps changed ones", "[control][state]") {
  std::vector<model::Record> records = control::DerivedDefaults(kEast);
  REQUIRE(records.size() > 5);
  CHECK(control::ExportState(kAccount, records, std::nullopt, kCodec)["Regions"] == json::object());
  model::Vpc* vpc = nullptr;
  for (auto& record : records) {
    if (auto* v = std::get_if<model::Vpc>(&record.resource)) vpc = v;
  }
  REQUIRE(vpc != nullptr);
  vpc->tags = {{"Name", "default"}};
  json document = control::ExportState(kAccount, records, std::nullopt, kCodec);
  REQUIRE(document["Regions"]["us-east-1"].size() == 1);
  CHECK(document["Regions"]["us-east-1"]["Vpcs"][0]["VpcId"] == vpc->vpc_id);
  CHECK(Refusal(document).empty());  // a default's id is known without being written
}

TEST_CASE("a state document reads back into the records it was written from", "[control][state]") {
  auto parsed = control::ParseStateDocument(Document(), kAccount, kCodec);
  REQUIRE(parsed);
  std::vector<model::Record> expected = SmallState();
  REQUIRE(parsed->records.size() == expected.size());
  std::map<std::string, json> by_id;
  for (const auto& record : expected)
    by_id[model::ResourceId(record.resource)] = kCodec.encode(record.resource);
  for (size_t i = 0; i < parsed->records.size(); ++i) {
    const auto& record = parsed->records[i];
    CHECK(record.scope == kEast);
    CHECK(kCodec.encode(record.resource) == by_id[model::ResourceId(record.resource)]);
  }
  CHECK(parsed->paths[0] == "Regions.us-east-1.Images[0]");
  CHECK(control::CheckStateReferences(*parsed, FakeCatalog));
}

TEST_CASE("a state document's top level is refused naming its first problem", "[control][state]") {
  CHECK(Refusal(json::array()) == "(document): must be a JSON object");
  CHECK(Refusal(Edited([](json& d, json&) { d["Extra"] = 1; })) ==
        "Extra: unknown member; a state document has Version, Account and Regions");
  CHECK(Refusal(Edited([](json& d, json&) { d.erase("Version"); })) ==
        "Version: missing; this localec2 reads version 1");
  CHECK(Refusal(Edited([](json& d, json&) { d["Version"] = "1"; })) ==
        "Version: \"1\" is not a version this localec2 reads (1)");
  CHECK(Refusal(Edited([](json& d, json&) {
          json deep = json::array();
          for (int i = 0; i < 100000; ++i) deep = json::array({std::move(deep)});
          d["Version"] = std::move(deep);
        })) == "Version: [...] is not a version this localec2 reads (1)");
  CHECK(Refusal(Edited([](json& d, json&) { d.erase("Account"); })) == "Account: missing");
  CHECK(Refusal(Edited([](json& d, json&) { d["Account"] = 111111111111; })) ==
        "Account: 111111111111 is not an account id (12 digits)");
  CHECK(Refusal(Document(), "222222222222") ==
        "Account: 111111111111 is not the account imported into (222222222222)");
  CHECK(Refusal(Edited([](json& d, json&) { d.erase("Regions"); })) == "Regions: missing");
  CHECK(Refusal(Edited([](json& d, json&) { d["Regions"] = json::array(); })) ==
        "Regions: must be an object of regions");
  CHECK(Refusal(Edited([](json& d, json&) { d["Regions"]["us-east-9"] = json::object(); })) ==
        "Regions.us-east-9: not a region localec2 knows");
  CHECK(Refusal(Edited([](json& d, json&) { d["Regions"]["eu-west-1"] = json::array(); })) ==
        "Regions.eu-west-1: must be an object of resource lists");
  CHECK(Refusal(Edited([](json&, json& east) { east["Buckets"] = json::array(); })) ==
        "Regions.us-east-1.Buckets: unknown member; not a resource list");
  CHECK(Refusal(Edited([](json&, json& east) { east["KeyPairs"] = json::object(); })) ==
        "Regions.us-east-1.KeyPairs: must be an array");
}

TEST_CASE("a state document's records are refused naming the member", "[control][state]") {
  const std::string at = "Regions.us-east-1.Instances[0].";
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"].push_back("i-1"); })) ==
        "Regions.us-east-1.Instances[1]: must be an object");
  CHECK(Refusal(Edited([](json&, json& east) {
          json deep = json::array();
          for (int i = 0; i < 100000; ++i) deep = json::array({std::move(deep)});
          east["Instances"][0]["Colour"] = std::move(deep);
        })) == "Regions.us-east-1.Instances[0]: nested deeper than 16 levels");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["Colour"] = "blue"; })) ==
        at + "Colour: unknown member");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["imageId"] = "ami-1"; })) ==
        at + "imageId: unknown member");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["Volumes"][0]["Extra"] = 1; })) ==
        at + "Volumes[0].Extra: unknown member");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["LaunchTimeMs"] = 5; })) ==
        at + "LaunchTimeMs: unknown member");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["LaunchTime"] = 5; })) ==
        at + "LaunchTime: 5 is not a time such as 2026-01-02T03:04:05.000Z (or null)");
  CHECK(Refusal(
            Edited([](json&, json& east) { east["Instances"][0]["Volumes"][0]["AttachTime"] = "today"; })) ==
        at + "Volumes[0].AttachTime: \"today\" is not a time such as 2026-01-02T03:04:05.000Z (or null)");
  CHECK(Refusal(Edited([](json&, json& east) {
          east["Instances"][0]["LaunchTime"] = "2026-12-05T10:00:00Z";
        })).empty());  // without milliseconds, as written by hand
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["Monitoring"] = 1; })) ==
        at + "Monitoring: type must be boolean, but is number");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["Tags"] = json::array(); })) ==
        at + "Tags: type must be object, but is array");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["AmiLaunchIndex"] = 1.5; })) ==
        at + "AmiLaunchIndex: 1.5 is not a valid value");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["InstanceId"] = "i-XYZ"; })) ==
        at + "InstanceId: \"i-XYZ\" is not an id of the form i-xxxxxxxx (8 or 17 lower-case hex digits)");
  CHECK(Refusal(Edited([](json&, json& east) { east["KeyPairs"][0]["KeyPairId"] = "kp-1"; })) ==
        "Regions.us-east-1.KeyPairs[0].KeyPairId: \"kp-1\" is not an id of the form key-xxxxxxxx (8 or 17 "
        "lower-case hex digits)");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"].push_back(east["Instances"][0]); })) ==
        "Regions.us-east-1.Instances[1].InstanceId: i-00000000000000001 is already the id of "
        "Regions.us-east-1.Instances[0]");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["OwnerId"] = "222222222222"; })) ==
        at + "OwnerId: 222222222222 is not the document's Account 111111111111");
  CHECK(Refusal(Edited([](json&, json& east) { east["Volumes"][0]["AvailabilityZone"] = "us-east-1z"; })) ==
        "Regions.us-east-1.Volumes[0].AvailabilityZone: us-east-1z is not an Availability Zone of us-east-1");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["State"] = "runing"; })) ==
        at +
            "State: \"runing\" is not one of pending, running, stopping, stopped, shutting-down, terminated");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["InstanceType"] = "t3.mega"; })) ==
        at + "InstanceType: \"t3.mega\" is not an instance type localec2 knows");
  CHECK(Refusal(Edited([](json&, json& east) { east["Images"][0]["State"] = "failed"; })) ==
        "Regions.us-east-1.Images[0].State: \"failed\" is not one of pending, available, disabled, "
        "deregistered");
  CHECK(Refusal(Edited([](json&, json& east) { east["Snapshots"][0]["State"] = "error"; })) ==
        "Regions.us-east-1.Snapshots[0].State: \"error\" is not one of pending, completed");
  CHECK(Refusal(Edited([](json&, json& east) { east["Volumes"][0]["State"] = "deleting"; })) ==
        "Regions.us-east-1.Volumes[0].State: \"deleting\" is not one of creating, available, in-use");
  CHECK(Refusal(Edited([](json&, json& east) { east["Volumes"][0]["AttachState"] = "busy"; })) ==
        "Regions.us-east-1.Volumes[0].AttachState: \"busy\" is not one of attaching, attached, detaching");
  CHECK(
      Refusal(Edited([](json&, json& east) {
        east["NatGateways"] = json::array({{{"NatGatewayId", "nat-00000001"}, {"State", "gone"}}});
      })) ==
      "Regions.us-east-1.NatGateways[0].State: \"gone\" is not one of pending, available, deleting, deleted");
  CHECK(Refusal(Edited([](json&, json& east) {
          east["RemovedDefaults"] =
              json::array({{{"Key", "x"}, {"Type", "vpc"}, {"Id", "vpc-1"}, {"Tags", json::object()}}});
        })) == "Regions.us-east-1.RemovedDefaults[0].Key: must be \"removed-default-\" + Type + \"/\" + Id");
  CHECK(Refusal(Edited([](json&, json& east) {
          east["MarketplaceSubscriptions"] = json::array({{{"ProductCode", ""}}});
        })) == "Regions.us-east-1.MarketplaceSubscriptions[0].ProductCode: must not be empty");
}

TEST_CASE("a state document's dangling references are refused naming them", "[control][state]") {
  const std::string at = "Regions.us-east-1.Instances[0].";
  CHECK(Refusal(Edited([](json&, json& east) {
          east["Instances"][0]["ImageId"] = "ami-0bbbbbbbbbbbbbbb1";
        })) == at + "ImageId: ami-0bbbbbbbbbbbbbbb1 does not exist in the document or the catalog");
  CHECK(Refusal(Edited([](json&, json& east) {
          east["Instances"][0]["ImageId"] = "ami-00000000000000001";
        })).empty());
  CHECK(Refusal(Edited([](json&, json& east) { east.erase("SecurityGroups"); })) ==
        at + "GroupIds[0]: sg-00000000000000001 does not exist in the document");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["SubnetId"] = "subnet-00000001"; })) ==
        at + "SubnetId: subnet-00000001 does not exist in the document");
  CHECK(Refusal(Edited([](json&, json& east) { east["Instances"][0]["VpcId"] = "vpc-00000001"; })) ==
        at + "VpcId: vpc-00000001 does not exist in the document");
  CHECK(Refusal(Edited([](json&, json& east) { east.erase("Volumes"); })) ==
        at + "Volumes[0].VolumeId: vol-00000000000000001 does not exist in the document");
  CHECK(Refusal(Edited([](json&, json& east) { east.erase("Instances"); })) ==
        "Regions.us-east-1.Volumes[0].InstanceId: i-00000000000000001 does not exist in the document");
  CHECK(
      Refusal(Edited([](json&, json& east) { east.erase("Snapshots"); })) ==
      "Regions.us-east-1.Images[0].BlockDevices[0].SnapshotId: snap-00000000000000001 does not exist in the "
      "document or the catalog");
  // History is not a live reference: a terminated instance, a deregistered image, a volume's snapshot.
  CHECK(Refusal(Edited([](json&, json& east) {
          east["Instances"][0]["State"] = "terminated";
          east["Instances"][0]["GroupIds"] = {"sg-0ccccccccccccccc1"};
          east["Volumes"][0]["SnapshotId"] = "snap-0ccccccccccccccc1";
          east["Images"][0]["State"] = "deregistered";
          east.erase("Snapshots");
        })).empty());
  CHECK(Refusal(Edited([](json&, json& east) { east["Volumes"][0]["SnapshotId"] = "snapshot-1"; })) ==
        "Regions.us-east-1.Volumes[0].SnapshotId: \"snapshot-1\" is not an id of the form snap-xxxxxxxx (8 "
        "or 17 "
        "lower-case hex digits)");
  CHECK(Refusal(Edited([](json&, json& east) { east["Snapshots"][0]["VolumeId"] = "vol-1"; })) ==
        "Regions.us-east-1.Snapshots[0].VolumeId: \"vol-1\" is not an id of the form vol-xxxxxxxx (8 or 17 "
        "lower-case hex digits)");
  // A default removed by the document is no longer there to be named.
  std::vector<model::Record> defaults = control::DerivedDefaults(kEast);
  const model::Vpc* vpc = nullptr;
  for (const auto& record : defaults) {
    if (vpc == nullptr) vpc = std::get_if<model::Vpc>(&record.resource);
  }
  REQUIRE(vpc != nullptr);
  const std::string vpc_id = vpc->vpc_id;
  CHECK(Refusal(Edited([&](json&, json& east) { east["Instances"][0]["VpcId"] = vpc_id; })).empty());
  CHECK(Refusal(Edited([&](json&, json& east) {
          east["Instances"][0]["VpcId"] = vpc_id;
          east["RemovedDefaults"] = json::array({{{"Key", "removed-default-vpc/" + vpc_id},
                                                  {"Type", "vpc"},
                                                  {"Id", vpc_id},
                                                  {"Tags", json::object()}}});
        })) == at + "VpcId: " + vpc_id + " does not exist in the document");
}
