#include "model/core/ec2.hpp"

#include "model/catalogs/region_catalog.hpp"
#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

std::string PartitionKey(const std::string& account_id, const std::string& region) {
  return account_id + "/" + region;
}

}  // namespace

void AddDefaults(Partition& p) {
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

void Partition::IndexTags(const Instance& instance, bool add) {
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

std::vector<const Partition*> View::RegionPartitions(std::string_view region) const {
  std::vector<const Partition*> found;
  for (const auto& [key, partition] : engine_.partitions_) {
    if (partition->scope.region == region) found.push_back(partition.get());
  }
  return found;
}

Ec2::Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys)
    : store_(store), clock_(clock), ids_(ids), keys_(keys) {}
Ec2::~Ec2() = default;

Partition& Ec2::PartitionFor(const Caller& caller) {
  auto& slot = partitions_[PartitionKey(caller.account_id, caller.region)];
  if (!slot) {
    slot = std::make_unique<Partition>();
    slot->scope = {caller.account_id, caller.region};
    AddDefaults(*slot);
  }
  return *slot;
}

View Ec2::ViewFor(const Caller& caller) { return View(*this, caller, PartitionFor(caller), clock_.NowMs()); }

void Ec2::Apply(const ChangeSet& change) {
  if (change.wipe_all) partitions_.clear();
  if (change.wipe_account) {
    std::erase_if(partitions_,
                  [&](const auto& entry) { return entry.second->scope.account_id == *change.wipe_account; });
  }
  for (const Record& record : change.puts) {
    Partition& p = PartitionFor({record.scope.account_id, record.scope.region});
    std::visit(
        [&]<class T>(const T& resource) {
          auto& slot = MapOf<T>(p)[resource.*ResourceTraits<T>::kId];
          if constexpr (std::is_same_v<T, Instance>) {
            p.IndexTags(slot, false);  // the old tags (none for a new instance)
            p.IndexTags(resource, true);
          }
          slot = resource;
        },
        record.resource);
  }
  for (const RecordKey& key : change.deletes) {
    Partition& p = PartitionFor({key.scope.account_id, key.scope.region});
    ForEachResourceType([&]<class T>() {
      if (key.type != ResourceTraits<T>::kType) return;
      auto& map = MapOf<T>(p);
      auto it = map.find(key.id);
      if (it == map.end()) return;
      if constexpr (std::is_same_v<T, Instance>) p.IndexTags(it->second, false);
      map.erase(it);
    });
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
