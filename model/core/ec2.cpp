#include "model/core/ec2.hpp"

#include "model/catalogs/region_catalog.hpp"
#include "model/core/ec2_state.hpp"

namespace localec2::model {
namespace {

std::string PartitionKey(const std::string& account_id, const std::string& region) {
  return account_id + "/" + region;
}

struct PutInto {
  Ec2::Partition& p;
  void operator()(const KeyPair& r) const { p.key_pairs[r.key_pair_id] = r; }
  void operator()(const SecurityGroup& r) const { p.groups[r.group_id] = r; }
  void operator()(const Vpc& r) const { p.vpcs[r.vpc_id] = r; }
  void operator()(const Subnet& r) const { p.subnets[r.subnet_id] = r; }
  void operator()(const Image& r) const { p.images[r.image_id] = r; }
  void operator()(const Snapshot& r) const { p.snapshots[r.snapshot_id] = r; }
  void operator()(const Volume& r) const { p.volumes[r.volume_id] = r; }
  void operator()(const Instance& r) const {
    auto it = p.instances.find(r.instance_id);
    if (it != p.instances.end()) p.IndexTags(it->second, false);
    p.instances[r.instance_id] = r;
    p.IndexTags(r, true);
  }
};

}  // namespace

void AddDefaults(Ec2::Partition& p) {
  const std::string seed = PartitionKey(p.scope.account_id, p.scope.region);
  Vpc vpc;
  vpc.vpc_id = DerivedId("vpc", seed + "/default-vpc");
  vpc.cidr_block = "172.31.0.0/16";
  vpc.cidr_association_id = DerivedId("vpc-cidr-assoc", seed + "/default-vpc");
  vpc.dhcp_options_id = DerivedId("dopt", seed);
  vpc.owner_id = p.scope.account_id;
  vpc.is_default = true;
  p.default_vpc_id = vpc.vpc_id;

  if (const RegionInfo* region = FindRegion(p.scope.region)) {
    int third_octet = 0;
    for (const ZoneInfo& zone : region->zones) {
      Subnet subnet;
      subnet.subnet_id = DerivedId("subnet", seed + "/" + zone.zone_name);
      subnet.vpc_id = vpc.vpc_id;
      subnet.availability_zone = zone.zone_name;
      subnet.availability_zone_id = zone.zone_id;
      subnet.cidr_block = "172.31." + std::to_string(third_octet) + ".0/20";
      subnet.owner_id = p.scope.account_id;
      subnet.available_ip_address_count = 4091;  // a /20 less the 5 addresses AWS reserves
      subnet.default_for_az = true;
      subnet.map_public_ip_on_launch = true;
      third_octet += 16;
      p.subnets[subnet.subnet_id] = std::move(subnet);
    }
  }

  SecurityGroup group;
  group.group_id = DerivedId("sg", seed + "/default-sg");
  group.group_name = "default";
  group.description = "default VPC security group";
  group.vpc_id = vpc.vpc_id;
  group.owner_id = p.scope.account_id;
  SecurityGroupRule from_self;
  from_self.rule_id = DerivedId("sgr", group.group_id + "/ingress");
  from_self.ip_protocol = "-1";
  from_self.referenced_group_id = group.group_id;
  from_self.referenced_user_id = p.scope.account_id;
  SecurityGroupRule to_anywhere;
  to_anywhere.rule_id = DerivedId("sgr", group.group_id + "/egress");
  to_anywhere.is_egress = true;
  to_anywhere.ip_protocol = "-1";
  to_anywhere.cidr_ipv4 = "0.0.0.0/0";
  group.rules = {from_self, to_anywhere};
  p.default_group_id = group.group_id;
  p.groups[group.group_id] = std::move(group);
  p.vpcs[vpc.vpc_id] = std::move(vpc);
}

void Ec2::Partition::IndexTags(const Instance& instance, bool add) {
  for (const auto& [key, value] : instance.tags) {
    if (add) {
      instance_tags[key][value].insert(instance.instance_id);
      continue;
    }
    auto by_key = instance_tags.find(key);
    if (by_key == instance_tags.end()) continue;
    auto by_value = by_key->second.find(value);
    if (by_value == by_key->second.end()) continue;
    by_value->second.erase(instance.instance_id);
    if (by_value->second.empty()) by_key->second.erase(by_value);
    if (by_key->second.empty()) instance_tags.erase(by_key);
  }
}

Ec2::Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys)
    : store_(store), clock_(clock), ids_(ids), keys_(keys) {}
Ec2::~Ec2() = default;

Ec2::Partition& Ec2::PartitionFor(const Caller& caller) {
  auto& slot = partitions_[PartitionKey(caller.account_id, caller.region)];
  if (!slot) {
    slot = std::make_unique<Partition>();
    slot->scope = {caller.account_id, caller.region};
    AddDefaults(*slot);
  }
  return *slot;
}

void Ec2::Apply(const ChangeSet& change) {
  if (change.wipe_all) partitions_.clear();
  if (change.wipe_account) {
    std::erase_if(partitions_,
                  [&](const auto& entry) { return entry.second->scope.account_id == *change.wipe_account; });
  }
  for (const Record& record : change.puts) {
    std::visit(PutInto{PartitionFor({record.scope.account_id, record.scope.region})}, record.resource);
  }
  for (const RecordKey& key : change.deletes) {
    Partition& p = PartitionFor({key.scope.account_id, key.scope.region});
    if (key.type == "key-pair") p.key_pairs.erase(key.id);
    if (key.type == "security-group") p.groups.erase(key.id);
    if (key.type == "vpc") p.vpcs.erase(key.id);
    if (key.type == "subnet") p.subnets.erase(key.id);
    if (key.type == "image") p.images.erase(key.id);
    if (key.type == "snapshot") p.snapshots.erase(key.id);
    if (key.type == "volume") p.volumes.erase(key.id);
    if (key.type == "instance") {
      if (auto it = p.instances.find(key.id); it != p.instances.end()) p.IndexTags(it->second, false);
      p.instances.erase(key.id);
    }
  }
}

Status Ec2::CommitAndApply(ChangeSet change) {
  if (auto committed = store_.Commit(change); !committed) return committed;
  Apply(change);
  return Ok{};
}

void Ec2::Restore(std::vector<Record> records) {
  std::lock_guard lock(mutex_);
  ChangeSet change;
  change.puts = std::move(records);
  Apply(change);
}

Status Ec2::Reset(const std::optional<std::string>& account_id) {
  std::lock_guard lock(mutex_);
  ChangeSet change;
  change.wipe_all = !account_id.has_value();
  change.wipe_account = account_id;
  return CommitAndApply(std::move(change));
}

}  // namespace localec2::model
