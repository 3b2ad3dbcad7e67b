#include "model/instances/instance_metadata.hpp"

#include "model/catalogs/region_catalog.hpp"
#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

constexpr std::string_view kAnyAccount = "000000000000";

// The account and region whose partition holds `instance_id`, else nullopt. Instance ids are unique
// across partitions; each region's partitions are reached through a read as the default account.
std::optional<Caller> OwnerOf(Ec2& ec2, const std::string& instance_id) {
  for (const RegionInfo& region : AllRegions()) {
    const Caller probe{std::string(kAnyAccount), region.region_name};
    auto owner = ec2.Read(probe, [&](const View& view) -> std::optional<Caller> {
      for (const Partition* p : view.RegionPartitions(probe.region)) {
        if (p->instances.contains(instance_id)) return Caller{p->scope.account_id, p->scope.region};
      }
      return std::nullopt;
    });
    if (owner) return owner;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindInstanceId(Ec2& ec2, const std::function<bool(const std::string&)>& matches) {
  for (const RegionInfo& region : AllRegions()) {
    const Caller probe{std::string(kAnyAccount), region.region_name};
    auto found = ec2.Read(probe, [&](const View& view) -> std::optional<std::string> {
      for (const Partition* p : view.RegionPartitions(probe.region)) {
        for (const auto& entry : p->instances) {
          if (IsVisible(entry.second, view.now(), view.timing()) && matches(entry.first)) return entry.first;
        }
      }
      return std::nullopt;
    });
    if (found) return found;
  }
  return std::nullopt;
}

Result<InstanceMetadata> DescribeInstanceMetadata(Ec2& ec2, const std::string& instance_id) {
  std::optional<Caller> owner = IsWellFormedId("i", instance_id) ? OwnerOf(ec2, instance_id) : std::nullopt;
  // An unknown id is looked up as the default account only for FindInstances' exact error.
  const Caller caller = owner ? *owner : Caller{std::string(kAnyAccount), "us-east-1"};
  return ec2.Read(caller, [&](const View& view) -> Result<InstanceMetadata> {
    auto found = FindInstances(view, {instance_id});
    if (!found) return std::move(found).error();
    const Partition& p = view.partition();
    InstanceMetadata metadata{p.scope, ViewOf(view, *(*found)[0]), {}, {}, {}, {}};
    const Instance& instance = metadata.view.instance;
    metadata.public_key = instance.key_public_key;  // recorded at launch: it outlives DeleteKeyPair
    for (const auto& [id, pair] : p.key_pairs) {
      if (metadata.public_key.empty() && !instance.key_name.empty() && pair.key_name == instance.key_name)
        metadata.public_key = pair.public_key;
    }
    if (auto subnet = p.subnets.find(instance.subnet_id); subnet != p.subnets.end())
      metadata.availability_zone_id = subnet->second.availability_zone_id;
    for (const InstanceInterfaceView& shown : metadata.view.interfaces) {
      if (auto subnet = p.subnets.find(shown.eni.subnet_id); subnet != p.subnets.end())
        metadata.subnet_cidrs[subnet->first] = subnet->second.cidr_block;
      if (auto vpc = p.vpcs.find(shown.eni.vpc_id); vpc != p.vpcs.end())
        metadata.vpc_cidrs[vpc->first] = vpc->second.cidr_block;
    }
    return metadata;
  });
}

}  // namespace localec2::model
