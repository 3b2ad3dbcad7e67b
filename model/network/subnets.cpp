// CreateSubnet, DeleteSubnet and ModifySubnetAttribute.
#include <algorithm>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/gateways.hpp"
#include "model/network/one_attribute.hpp"
#include "model/network/vpc_cidrs.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::model {
namespace {

Error UnknownZone(const RegionInfo& region, const std::string& parameter, const std::string& value) {
  std::string zones;
  for (const ZoneInfo& zone : region.zones) {
    zones += (zones.empty() ? "" : ", ") + (parameter == "availabilityZone" ? zone.zone_name : zone.zone_id);
  }
  return MakeError(
      codes::kInvalidParameterValue,
      "Value (" + value + ") for parameter " + parameter +
          " is invalid. Subnets can currently only be created in the following availability zones: " + zones +
          ".");
}

// The zone the request names (by name or id), or the one of the region with the fewest of the VPC's
// subnets when it names none. Errors: InvalidParameterValue, InvalidParameterCombination.
Result<const ZoneInfo*> ZoneFor(const View& view, const CreateSubnetRequest& request) {
  const RegionInfo* region = FindRegion(view.scope().region);
  if (region == nullptr || region->zones.empty()) {
    return MakeError(codes::kInvalidParameterValue, "The region " + view.scope().region + " has no zones.");
  }
  const ZoneInfo* by_name = nullptr;
  const ZoneInfo* by_id = nullptr;
  for (const ZoneInfo& zone : region->zones) {
    if (zone.zone_name == request.availability_zone) by_name = &zone;
    if (zone.zone_id == request.availability_zone_id) by_id = &zone;
  }
  if (!request.availability_zone.empty() && by_name == nullptr) {
    return UnknownZone(*region, "availabilityZone", request.availability_zone);
  }
  if (!request.availability_zone_id.empty() && by_id == nullptr) {
    return UnknownZone(*region, "availabilityZoneId", request.availability_zone_id);
  }
  if (by_name != nullptr && by_id != nullptr && by_name != by_id) {
    return MakeError(codes::kInvalidParameterCombination,
                     "The parameters availabilityZone and availabilityZoneId name different zones.");
  }
  if (by_name != nullptr) return by_name;
  if (by_id != nullptr) return by_id;
  const ZoneInfo* emptiest = nullptr;
  long fewest = 0;
  for (const ZoneInfo& zone : region->zones) {
    const auto& subnets = view.partition().subnets;
    long count = std::count_if(subnets.begin(), subnets.end(), [&](const auto& entry) {
      return entry.second.vpc_id == request.vpc_id && entry.second.availability_zone == zone.zone_name;
    });
    if (emptiest == nullptr || count < fewest) {
      emptiest = &zone;
      fewest = count;
    }
  }
  return emptiest;
}

// Errors: InvalidSubnet.Range (size, or not inside one of the VPC's blocks), InvalidSubnet.Conflict.
Status CheckSubnetCidr(const Partition& p, const Vpc& vpc, const Cidr& cidr, const std::string& text) {
  const std::vector<Cidr> blocks = VpcCidrs(vpc);
  const bool inside =
      std::any_of(blocks.begin(), blocks.end(), [&](const Cidr& b) { return b.Contains(cidr); });
  if (cidr.prefix < 16 || cidr.prefix > 28 || !inside) {
    return MakeError(codes::kSubnetRange, "The CIDR '" + text + "' is invalid.");
  }
  for (const auto& [id, subnet] : p.subnets) {
    if (subnet.vpc_id != vpc.vpc_id) continue;
    if (auto other = ParseCidr(subnet.cidr_block); other && other->Overlaps(cidr)) {
      return MakeError(codes::kSubnetConflict, "The CIDR '" + text + "' conflicts with another subnet");
    }
  }
  return Ok{};
}

Status CheckSubnetUnused(const View& view, const Subnet& subnet) {
  const Partition& p = view.partition();
  auto used = [&](const auto& map, auto&& counts) {
    return std::any_of(map.begin(), map.end(), [&](const auto& entry) {
      return entry.second.subnet_id == subnet.subnet_id && counts(entry.second);
    });
  };
  if (used(p.network_interfaces, [](const NetworkInterface&) { return true; }) ||
      used(p.nat_gateways,
           [&](const NatGateway& g) {
             return CurrentNatState(g, view.now(), view.timing()) != nat_states::kDeleted;
           }) ||
      used(p.instances, [&](const Instance& i) {
        return CurrentState(i, view.now(), view.timing()) != states::kTerminated;
      })) {
    return MakeError(codes::kDependencyViolation,
                     "The subnet '" + subnet.subnet_id + "' has dependencies and cannot be deleted.");
  }
  return Ok{};
}

}  // namespace

Result<Subnet> CreateSubnet(Ec2& ec2, const Caller& caller, const CreateSubnetRequest& request) {
  if (request.vpc_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter vpcId");
  }
  auto cidr = ParseVpcCidr(request.cidr_block, "cidrBlock");
  if (!cidr) return std::move(cidr).error();
  auto tags = TagsFor(request.tag_specifications, "subnet", {"subnet"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<Subnet> {
    auto vpc = tx.Find<Vpc>(request.vpc_id);
    if (!vpc) return std::move(vpc).error();
    const Partition& p = tx.partition();
    if (auto fits = CheckSubnetCidr(p, **vpc, *cidr, request.cidr_block); !fits) return fits.error();
    auto zone = ZoneFor(tx, request);
    if (!zone) return std::move(zone).error();
    Subnet subnet;
    subnet.subnet_id = tx.NewId("subnet");
    subnet.vpc_id = request.vpc_id;
    subnet.availability_zone = (*zone)->zone_name;
    subnet.availability_zone_id = (*zone)->zone_id;
    subnet.cidr_block = CidrText(*cidr);
    subnet.owner_id = caller.account_id;
    subnet.available_ip_address_count = SubnetCapacity(subnet);
    subnet.tags = std::move(*tags);
    for (const auto& [id, acl] : p.network_acls) {
      if (acl.vpc_id == subnet.vpc_id && acl.is_default) {
        NetworkAcl joined = acl;
        joined.associations.push_back({tx.NewId("aclassoc"), subnet.subnet_id});
        tx.Put(joined);
      }
    }
    tx.Put(subnet);
    return subnet;
  });
}

Status DeleteSubnet(Ec2& ec2, const Caller& caller, const std::string& subnet_id) {
  if (subnet_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter subnetId");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<Subnet>(subnet_id);
    if (!found) return std::move(found).error();
    if (auto unused = CheckSubnetUnused(tx, **found); !unused) return unused;
    if ((*found)->default_for_az) {
      return MakeError(
          codes::kOperationNotPermitted,
          "localec2 does not delete the default subnet '" + subnet_id +
              "': it is derived for every account and region and would return on the next start.");
    }
    const Partition& p = tx.partition();
    auto of_subnet = [&](const auto& association) { return association.subnet_id == subnet_id; };
    for (const auto& [id, acl] : p.network_acls) {
      if (std::none_of(acl.associations.begin(), acl.associations.end(), of_subnet)) continue;
      NetworkAcl left = acl;
      std::erase_if(left.associations, of_subnet);
      tx.Put(left);
    }
    for (const auto& [id, table] : p.route_tables) {
      if (std::none_of(table.associations.begin(), table.associations.end(), of_subnet)) continue;
      RouteTable left = table;
      std::erase_if(left.associations, of_subnet);
      tx.Put(left);
    }
    tx.Erase<Subnet>(subnet_id);
    return Ok{};
  });
}

Status ModifySubnetAttribute(Ec2& ec2, const Caller& caller, const ModifySubnetAttributeRequest& request) {
  if (request.subnet_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter subnetId");
  }
  std::vector<std::string> named;
  if (request.map_public_ip_on_launch) named.push_back("mapPublicIpOnLaunch");
  if (request.assign_ipv6_address_on_creation) named.push_back("assignIpv6AddressOnCreation");
  if (request.enable_dns64) named.push_back("enableDns64");
  if (request.private_dns_hostname_type_on_launch) named.push_back("privateDnsHostnameTypeOnLaunch");
  if (request.enable_resource_name_dns_a_record_on_launch)
    named.push_back("enableResourceNameDnsARecordOnLaunch");
  if (request.enable_resource_name_dns_aaaa_record_on_launch) {
    named.push_back("enableResourceNameDnsAAAARecordOnLaunch");
  }
  if (auto one = CheckOneAttribute(named); !one) return one;
  const std::string hostname_type = request.private_dns_hostname_type_on_launch.value_or("ip-name");
  if (hostname_type != "ip-name" && hostname_type != "resource-name") {
    return MakeError(
        codes::kInvalidParameterValue,
        "Value (" + hostname_type + ") for parameter privateDnsHostnameTypeOnLaunch is invalid.");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<Subnet>(request.subnet_id);
    if (!found) return std::move(found).error();
    Subnet subnet = **found;
    // localec2 subnets have no IPv6 block, so only turning these off is meaningful.
    if (request.assign_ipv6_address_on_creation.value_or(false) || request.enable_dns64.value_or(false) ||
        request.enable_resource_name_dns_aaaa_record_on_launch.value_or(false)) {
      return MakeError(
          codes::kInvalidParameterValue,
          "The subnet '" + subnet.subnet_id +
              "' has no IPv6 CIDR block: its IPv6 attributes "
              "(AssignIpv6AddressOnCreation, EnableDns64, EnableResourceNameDnsAAAARecordOnLaunch) "
              "cannot be enabled.");
    }
    if (request.map_public_ip_on_launch) subnet.map_public_ip_on_launch = *request.map_public_ip_on_launch;
    if (request.assign_ipv6_address_on_creation) subnet.assign_ipv6_address_on_creation = false;
    if (request.enable_dns64) subnet.enable_dns64 = false;
    if (request.private_dns_hostname_type_on_launch)
      subnet.private_dns_hostname_type_on_launch = hostname_type;
    if (request.enable_resource_name_dns_a_record_on_launch) {
      subnet.enable_resource_name_dns_a_record_on_launch =
          *request.enable_resource_name_dns_a_record_on_launch;
    }
    if (request.enable_resource_name_dns_aaaa_record_on_launch) {
      subnet.enable_resource_name_dns_aaaa_record_on_launch = false;
    }
    tx.Put(subnet);
    return Ok{};
  });
}

}  // namespace localec2::model
