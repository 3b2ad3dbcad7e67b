#include "storage/sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "model/core/clock.hpp"
#include "model/core/ec2.hpp"
#include "model/network/network.hpp"
#include "model/security/security.hpp"
#include "model/tags/tags.hpp"
#include "platform/key_sources.hpp"
#include "platform/random_id_source.hpp"
#include "storage/record_codec.hpp"
#include "tests/support/fake_clock.hpp"

using namespace localec2;

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("localec2-storage-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string db() const { return (path / "localec2.db").string(); }
  static inline int counter = 0;
};

model::SecurityGroup Group(std::string id, std::string name) {
  model::SecurityGroup g;
  g.group_id = std::move(id);
  g.group_name = std::move(name);
  g.tags = {{"k", "v \"quoted\" é"}};
  model::SecurityGroupRule rule;
  rule.rule_id = "sgr-0000000000000000a";
  rule.ip_protocol = "tcp";
  rule.from_port = 22;
  rule.to_port = 22;
  rule.cidr_ipv4 = "0.0.0.0/0";
  g.rules.push_back(rule);
  return g;
}

}  // namespace

TEST_CASE("records written, closed and reopened read back identically", "[storage]") {
  TempDir dir;
  model::Scope scope{"111111111111", "us-east-1"};
  {
    auto store = storage::SqliteStore::Open(dir.db());
    REQUIRE(store);
    model::ChangeSet change;
    change.puts.push_back({scope, Group("sg-0000000000000000a", "a")});
    change.puts.push_back({scope, Group("sg-0000000000000000b", "b")});
    model::KeyPair key{"key-0000000000000000a", "lab", "rsa", "aa:bb", "ssh-rsa AAAA lab", 1767225600000, {}};
    change.puts.push_back({{"222222222222", "eu-west-1"}, key});
    REQUIRE((*store)->Commit(change));
    model::ChangeSet remove;
    remove.deletes.push_back({scope, "security-group", "sg-0000000000000000b"});
    REQUIRE((*store)->Commit(remove));
  }
  auto reopened = storage::SqliteStore::Open(dir.db());
  REQUIRE(reopened);
  CHECK((*reopened)->IntegrityCheck() == "ok");
  auto records = (*reopened)->LoadAll();
  REQUIRE(records);
  REQUIRE(records->size() == 2);
  int groups = 0;
  for (const model::Record& record : *records) {
    if (const auto* g = std::get_if<model::SecurityGroup>(&record.resource)) {
      ++groups;
      CHECK(record.scope == scope);
      CHECK(g->group_name == "a");
      CHECK(g->tags.at("k") == "v \"quoted\" é");
      REQUIRE(g->rules.size() == 1);
      CHECK(g->rules[0].from_port == 22);
    } else {
      const auto& key = std::get<model::KeyPair>(record.resource);
      CHECK(key.key_name == "lab");
      CHECK(key.create_time_ms == 1767225600000);
      CHECK(record.scope.region == "eu-west-1");
    }
  }
  CHECK(groups == 1);
}

TEST_CASE("wiping an account removes only its records", "[storage]") {
  TempDir dir;
  auto store = storage::SqliteStore::Open(dir.db());
  model::ChangeSet change;
  change.puts.push_back({{"111111111111", "us-east-1"}, Group("sg-0000000000000000a", "a")});
  change.puts.push_back({{"222222222222", "us-east-1"}, Group("sg-0000000000000000b", "b")});
  REQUIRE((*store)->Commit(change));
  model::ChangeSet wipe;
  wipe.wipe_account = "111111111111";
  REQUIRE((*store)->Commit(wipe));
  auto records = (*store)->LoadAll();
  REQUIRE(records->size() == 1);
  CHECK((*records)[0].scope.account_id == "222222222222");
}

TEST_CASE("the model restored from storage answers as before the restart", "[storage][model]") {
  TempDir dir;
  model::FakeClock clock;
  model::Caller alice{"111111111111", "ap-south-1"};
  std::string group_id, key_id;
  {
    auto store = storage::SqliteStore::Open(dir.db());
    platform::RandomIdSource ids(1);
    platform::DirectKeySource keys;
    model::Ec2 ec2(**store, clock, ids, keys);
    auto group = CreateSecurityGroup(ec2, alice, {"web", "web", "", {{"security-group", {{"Name", "web"}}}}});
    group_id = group->group_id;
    auto key = CreateKeyPair(ec2, alice, {"lab", "ed25519", "pem", {}});
    key_id = key->key_pair.key_pair_id;
    std::string default_vpc = DescribeVpcs(ec2, alice, {})->items[0].vpc_id;
    REQUIRE(CreateTags(ec2, alice, {default_vpc}, {{"edited", "yes"}}));
  }
  auto store = storage::SqliteStore::Open(dir.db());
  platform::RandomIdSource ids(2);
  platform::DirectKeySource key_source;
  model::Ec2 ec2(**store, clock, ids, key_source);
  ec2.Restore(std::move(*(*store)->LoadAll()));
  auto groups = DescribeSecurityGroups(ec2, alice, {{group_id}, {}, {}, {}});
  REQUIRE(groups);
  CHECK(groups->items[0].tags.at("Name") == "web");
  auto keys = DescribeKeyPairs(ec2, alice, {{}, {key_id}, {}});
  REQUIRE(keys);
  CHECK((*keys)[0].key_name == "lab");
  auto vpcs = DescribeVpcs(ec2, alice, {});
  REQUIRE(vpcs->items.size() == 1);  // the stored edit replaced the derived default, no duplicate
  CHECK(vpcs->items[0].tags.at("edited") == "yes");
}

TEST_CASE("a database from a newer localec2 or an unwritable path is refused with a reason", "[storage]") {
  TempDir dir;
  {
    auto store = storage::SqliteStore::Open(dir.db());
    REQUIRE(store);
  }
  {
    SQLite::Database db(dir.db(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  auto newer = storage::SqliteStore::Open(dir.db());
  REQUIRE_FALSE(newer);
  CHECK(newer.error().message.find("schema version 99") != std::string::npos);
  auto nowhere = storage::SqliteStore::Open((dir.path / "missing" / "x.db").string());
  REQUIRE_FALSE(nowhere);
  CHECK(nowhere.error().code == "InternalError");
}

TEST_CASE("a corrupt record is reported, not guessed", "[storage]") {
  CHECK(storage::DecodeResource("security-group", "{not json").error().code == "InternalError");
  CHECK(storage::DecodeResource("spaceship", "{}").error().code == "InternalError");
  auto decoded = storage::DecodeResource("vpc", R"({"vpc_id":"vpc-1"})");
  REQUIRE(decoded);
  CHECK(std::get<model::Vpc>(*decoded).cidr_block.empty());  // missing fields take defaults
}

TEST_CASE("the fast instance encoding equals nlohmann's and decodes back to the same instance", "[storage]") {
  model::Instance i;
  i.instance_id = "i-0123456789abcdef0";
  i.reservation_id = "r-1";
  i.owner_id = "111111111111";
  i.image_id = "ami-1";
  i.instance_type = "t3.micro";
  i.key_name = "lab \"quoted\" \\ back";
  i.key_public_key = "ssh-ed25519 AAAA lab";
  i.group_ids = {"sg-1", "sg-2"};
  i.subnet_id = "subnet-1";
  i.vpc_id = "vpc-1";
  i.availability_zone = "us-east-1a";
  i.private_ip = "172.31.0.4";
  i.user_data = "SGVsbG8=";
  i.iam_profile_arn = "arn:aws:iam::111111111111:instance-profile/x";
  i.iam_profile_id = "AIPA0123";
  i.iam_association_id = "iip-assoc-1";
  i.architecture = "arm64";
  i.platform = "windows";
  i.platform_details = "Windows";
  i.root_device_type = "ebs";
  i.root_device_name = "/dev/sda1";
  i.boot_mode = "uefi";
  i.volumes = {{"/dev/sda1", "vol-1", "snap-1", "io2", 30, false, 1767225600123},
               {"/dev/sdf", "vol-2", "", "gp3", 100, true, 1767225600124}};
  i.ebs_optimized = true;
  i.monitoring = true;
  i.disable_api_termination = true;
  i.disable_api_stop = true;
  i.source_dest_check = false;
  i.shutdown_behavior = "terminate";
  i.http_tokens = "optional";
  i.http_endpoint = "disabled";
  i.http_put_response_hop_limit = 3;
  i.http_protocol_ipv6 = "enabled";
  i.instance_metadata_tags = "enabled";
  i.hibernation_configured = true;
  i.core_count = 1;
  i.threads_per_core = 1;
  i.cpu_credits = "standard";
  i.auto_recovery = "disabled";
  i.hostname_type = "resource-name";
  i.dns_a_record = true;
  i.dns_aaaa_record = true;
  i.enclave_enabled = true;
  i.capacity_reservation_preference = "none";
  i.tenancy = "default";
  i.placement_group = "web";
  i.partition_number = 2;
  i.client_token = "tok\x01\n";
  i.ami_launch_index = 4;
  i.launch_time_ms = 1767225600000;
  i.state = "stopping";
  i.state_since_ms = 1767225601000;
  i.state_transition_reason = "User initiated (2026-01-01 00:00:01 GMT)";
  i.state_reason_code = "Client.UserInitiatedShutdown";
  i.state_reason_message = "Client.UserInitiatedShutdown: User initiated shutdown";
  i.tags = {{"Name", "web é"}, {"empty", ""}};
  const std::string fast = storage::EncodeResource(i);
  CHECK(nlohmann::json::parse(fast) == storage::GenericEncoding(i));
  auto decoded = storage::DecodeResource("instance", fast);
  REQUIRE(decoded);
  CHECK(storage::GenericEncoding(*decoded) == storage::GenericEncoding(i));
}

TEST_CASE("images, snapshots, volumes and placement groups round-trip through their encoding", "[storage]") {
  model::Image image;
  image.image_id = "ami-0000000000000000a";
  image.name = "golden";
  image.state = "deregistered";
  image.launch_permissions = {"222222222222"};
  image.product_codes = {{"abc", "marketplace"}};
  model::BlockDevice root;
  root.device_name = "/dev/xvda";
  root.ebs = true;
  root.snapshot_id = "snap-0000000000000000a";
  root.volume_size_gib = 12;
  root.encrypted = true;
  image.block_devices = {root};
  image.deprecation_time_ms = 1767225600000;
  image.protection = "enabled-with-cooldown";
  model::Snapshot snapshot;
  snapshot.snapshot_id = "snap-0000000000000000a";
  snapshot.volume_size_gib = 12;
  snapshot.create_volume_permissions = {"333333333333"};
  snapshot.tags = {{"Name", "root"}};
  model::Volume volume;
  volume.volume_id = "vol-0000000000000000a";
  volume.instance_id = "i-0000000000000000a";
  volume.attach_state = "attaching";
  volume.modifications = {{"modifying", 5, 8, "gp2", 100, 0, 16, "gp3", 3000, 125}};
  model::PlacementGroup group{"pg-0000000000000000a", "web", "partition", 3, "", "available",
                              {{"team", "a"}}};
  for (const model::Resource& resource :
       {model::Resource(image), model::Resource(snapshot), model::Resource(volume), model::Resource(group)}) {
    auto decoded = storage::DecodeResource(model::ResourceType(resource), storage::EncodeResource(resource));
    REQUIRE(decoded);
    CHECK(storage::GenericEncoding(*decoded) == storage::GenericEncoding(resource));
    CHECK(nlohmann::json::parse(storage::EncodeResource(resource)) == storage::GenericEncoding(resource));
  }
}

TEST_CASE("the network family's records round-trip through their encoding", "[storage]") {
  model::NetworkInterface eni;
  eni.network_interface_id = "eni-0000000000000000a";
  eni.subnet_id = "subnet-0000000000000000a";
  eni.description = "data \"quoted\"";
  eni.private_ip = "10.0.0.4";
  eni.secondary_private_ips = {"10.0.0.5", "10.0.0.6"};
  eni.group_ids = {"sg-0000000000000000a"};
  eni.source_dest_check = false;
  eni.attached = true;
  eni.attachment = {
      "eni-attach-0000000000000000a", "i-0000000000000000a", "111111111111", 1, 0, "attached", 5, true};
  eni.has_public = true;
  eni.public_address = {"198.51.100.7", "eipalloc-0000000000000000a", "eipassoc-0000000000000000a",
                        "111111111111"};
  eni.launch_public_ip = true;
  eni.tags = {{"Name", "data"}};
  model::Vpc vpc;
  vpc.vpc_id = "vpc-0000000000000000a";
  vpc.secondary_cidrs = {{"vpc-cidr-assoc-0000000000000000a", "10.1.0.0/16", "associated"}};
  model::RouteTable table;
  table.route_table_id = "rtb-0000000000000000a";
  model::Route route;
  route.destination_cidr_block = "0.0.0.0/0";
  route.nat_gateway_id = "nat-0000000000000000a";
  table.routes = {route};
  table.associations = {{"rtbassoc-0000000000000000a", true, "", ""}};
  model::NetworkAcl acl;
  acl.network_acl_id = "acl-0000000000000000a";
  acl.entries = {{100, true, "6", "allow", "0.0.0.0/0", "", -1, -1, 22, 22}};
  model::DhcpOptions options;
  options.dhcp_options_id = "dopt-0000000000000000a";
  options.configurations = {{"domain-name", {"example.internal"}}};
  model::Address address;
  address.allocation_id = "eipalloc-0000000000000000a";
  address.public_ip = "198.51.100.7";
  model::NatGateway nat;
  nat.nat_gateway_id = "nat-0000000000000000a";
  nat.state = "deleting";
  for (const model::Resource& resource :
       {model::Resource(eni), model::Resource(vpc), model::Resource(table), model::Resource(acl),
        model::Resource(options), model::Resource(address), model::Resource(nat)}) {
    auto decoded = storage::DecodeResource(model::ResourceType(resource), storage::EncodeResource(resource));
    REQUIRE(decoded);
    CHECK(storage::GenericEncoding(*decoded) == storage::GenericEncoding(resource));
    CHECK(nlohmann::json::parse(storage::EncodeResource(resource)) == storage::GenericEncoding(resource));
  }
}

TEST_CASE("a record replaced, deleted or wiped in the journal leaves exactly its last version", "[storage]") {
  TempDir dir;
  model::Scope alice{"111111111111", "us-east-1"};
  model::Scope bob{"222222222222", "us-east-1"};
  {
    auto store = storage::SqliteStore::Open(dir.db());
    REQUIRE(store);
    model::ChangeSet first;
    first.puts.push_back({alice, Group("sg-0000000000000000a", "a1")});
    first.puts.push_back({alice, Group("sg-0000000000000000a", "a2")});  // twice in one change
    first.puts.push_back({alice, Group("sg-0000000000000000b", "b")});
    first.puts.push_back({bob, Group("sg-0000000000000000c", "c")});
    REQUIRE((*store)->Commit(first));
    model::ChangeSet second;
    second.puts.push_back({alice, Group("sg-0000000000000000b", "b2")});
    second.deletes.push_back({alice, "security-group", "sg-0000000000000000b"});  // put, then gone
    second.puts.push_back({alice, Group("sg-0000000000000000a", "a3")});
    REQUIRE((*store)->Commit(second));
    model::ChangeSet wipe;
    wipe.wipe_account = "222222222222";
    wipe.puts.push_back({bob, Group("sg-0000000000000000c", "c2")});  // after the wipe, so it stays
    REQUIRE((*store)->Commit(wipe));
  }
  auto store = storage::SqliteStore::Open(dir.db());
  auto records = (*store)->LoadAll();
  REQUIRE(records);
  std::map<std::string, std::string> names;
  for (const model::Record& record : *records) {
    const auto& group = std::get<model::SecurityGroup>(record.resource);
    names[record.scope.account_id + "/" + group.group_id] = group.group_name;
  }
  CHECK(names == std::map<std::string, std::string>{{"111111111111/sg-0000000000000000a", "a3"},
                                                    {"222222222222/sg-0000000000000000c", "c2"}});
  // After a load, a replacement still finds the row it supersedes.
  model::ChangeSet again;
  again.puts.push_back({alice, Group("sg-0000000000000000a", "a4")});
  REQUIRE((*store)->Commit(again));
  auto reloaded = (*store)->LoadAll();
  REQUIRE(reloaded->size() == 2);
  CHECK((*store)->IntegrityCheck() == "ok");
}

TEST_CASE("a version 1 database is migrated to the journal with its records", "[storage]") {
  TempDir dir;
  {
    SQLite::Database db(dir.db(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(
        "CREATE TABLE resources (account_id TEXT NOT NULL, region TEXT NOT NULL, type TEXT NOT NULL, id TEXT "
        "NOT "
        "NULL, body TEXT NOT NULL, PRIMARY KEY (account_id, region, type, id)) WITHOUT ROWID");
    SQLite::Statement insert(
        db, "INSERT INTO resources VALUES ('111111111111', 'us-east-1', 'security-group', ?, ?)");
    insert.bind(1, "sg-0000000000000000a");
    insert.bind(2, storage::EncodeResource(Group("sg-0000000000000000a", "old")));
    insert.exec();
    db.exec("PRAGMA user_version = 1");
  }
  auto store = storage::SqliteStore::Open(dir.db());
  REQUIRE(store);
  auto records = (*store)->LoadAll();
  REQUIRE(records);
  REQUIRE(records->size() == 1);
  CHECK(std::get<model::SecurityGroup>((*records)[0].resource).group_name == "old");
  model::ChangeSet replace;
  replace.puts.push_back({{"111111111111", "us-east-1"}, Group("sg-0000000000000000a", "new")});
  REQUIRE((*store)->Commit(replace));
  auto after = (*store)->LoadAll();
  REQUIRE(after->size() == 1);
  CHECK(std::get<model::SecurityGroup>((*after)[0].resource).group_name == "new");
}

TEST_CASE("a group of changes commits in order in one transaction", "[storage]") {
  TempDir dir;
  model::Scope alice{"111111111111", "us-east-1"};
  auto store = storage::SqliteStore::Open(dir.db());
  REQUIRE(store);
  model::ChangeSet seed;
  seed.puts.push_back({alice, Group("sg-0000000000000000a", "a")});
  REQUIRE((*store)->Commit(seed));
  std::vector<model::ChangeSet> group(4);
  group[0].deletes.push_back({alice, "security-group", "sg-0000000000000000a"});
  group[1].puts.push_back({alice, Group("sg-0000000000000000a", "a again")});  // deleted, then back
  group[2].puts.push_back({alice, Group("sg-0000000000000000b", "b")});
  group[3].deletes.push_back({alice, "security-group", "sg-0000000000000000b"});  // put, then gone
  REQUIRE((*store)->CommitGroup(group));
  auto records = (*store)->LoadAll();
  REQUIRE(records);
  REQUIRE(records->size() == 1);
  CHECK(std::get<model::SecurityGroup>((*records)[0].resource).group_name == "a again");
}
