// CreateVpc, DeleteVpc, Modify/DescribeVpcAttribute and the VPC's secondary IPv4 blocks.
#include "model/network/vpcs.hpp"

#include <algorithm>

#include "model/core/ids.hpp"
#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/gateways.hpp"
#include "model/network/one_attribute.hpp"
#include "model/network/vpc_cidrs.hpp"
#include "model/network/vpc_defaults.hpp"

namespace localec2::model {
namespace {

// AWS's limit on a VPC's IPv4 blocks, the primary one included (a quota raised on request).
constexpr size_t kMaxVpcCidrBlocks = 5;

Error VpcDependencies(const std::string& vpc_id) {
  return MakeError(codes::kDependencyViolation,
                   "The vpc '" + vpc_id + "' has dependencies and cannot be deleted.");
}

// Whether anything the user made still lives in the VPC; what every VPC comes with (main route table,
// default ACL, default group) does not count.
Status CheckVpcEmpty(const View& view, const Vpc& vpc) {
  const Partition& p = view.partition();
  const std::string& id = vpc.vpc_id;
  auto in_vpc = [&](const auto& map, auto&& counts) {
    return std::any_of(map.begin(), map.end(),
                       [&](const auto& entry) { return entry.second.vpc_id == id && counts(entry.second); });
  };
  auto always = [](const auto&) { return true; };
  if (in_vpc(p.subnets, always) || in_vpc(p.internet_gateways, always) ||
      in_vpc(p.egress_only_internet_gateways, always) || in_vpc(p.network_interfaces, always) ||
      in_vpc(p.groups, [](const SecurityGroup& g) { return g.group_name != "default"; }) ||
      in_vpc(p.route_tables, [](const RouteTable& t) { return MainAssociationOf(t) == nullptr; }) ||
      in_vpc(p.network_acls, [](const NetworkAcl& a) { return !a.is_default; }) ||
      in_vpc(p.nat_gateways,
             [&](const NatGateway& g) {
               return CurrentNatState(g, view.now(), view.timing()) != nat_states::kDeleted;
             }) ||
      in_vpc(p.instances, [&](const Instance& i) {
        return CurrentState(i, view.now(), view.timing()) != states::kTerminated;
      })) {
    return VpcDependencies(id);
  }
  return Ok{};
}

}  // namespace

Result<Vpc> CreateVpc(Ec2& ec2, const Caller& caller, const CreateVpcRequest& request) {
  auto cidr = ParseVpcCidr(request.cidr_block, "cidrBlock");
  if (!cidr) return std::move(cidr).error();
  if (auto sized = CheckVpcCidrSize(*cidr, request.cidr_block); !sized) return std::move(sized).error();
  const std::string tenancy = request.instance_tenancy.empty() ? "default" : request.instance_tenancy;
  if (tenancy != "default" && tenancy != "dedicated") {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + tenancy + ") for parameter instanceTenancy is invalid.");
  }
  auto tags = TagsFor(request.tag_specifications, "vpc", {"vpc"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<Vpc> {
    Vpc vpc;
    vpc.vpc_id = tx.NewId("vpc");
    vpc.cidr_block = CidrText(*cidr);
    vpc.cidr_association_id = tx.NewId("vpc-cidr-assoc");
    // The region's AmazonProvidedDNS set (default_vpc.cpp derives its id; it cannot be deleted), whatever
    // set the default VPC was moved to.
    vpc.dhcp_options_id = DerivedId("dopt", PartitionKey(tx.scope().account_id, tx.scope().region));
    vpc.owner_id = caller.account_id;
    vpc.instance_tenancy = tenancy;
    vpc.create_time_ms = tx.now();
    vpc.tags = std::move(*tags);
    tx.Put(MainRouteTable(tx.scope(), vpc, tx.NewId("rtb"), tx.NewId("rtbassoc")));
    tx.Put(DefaultNetworkAcl(tx.scope(), vpc, tx.NewId("acl")));
    const std::string group_id = tx.NewId("sg");
    tx.Put(DefaultSecurityGroup(tx.scope(), vpc.vpc_id, group_id, tx.NewId("sgr"), tx.NewId("sgr")));
    tx.Put(vpc);
    return vpc;
  });
}

Status DeleteVpc(Ec2& ec2, const Caller& caller, const std::string& vpc_id) {
  if (vpc_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter vpcId");
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<Vpc>(vpc_id);
    if (!found) return std::move(found).error();
    const Vpc& vpc = **found;
    if (vpc.is_default) {
      return MakeError(
          codes::kOperationNotPermitted,
          "localec2 does not delete the default VPC '" + vpc_id +
              "': it is derived for every account and region and would return on the next start.");
    }
    if (auto empty = CheckVpcEmpty(tx, vpc); !empty) return empty;
    const Partition& p = tx.partition();
    for (const auto& [id, table] : p.route_tables) {
      if (table.vpc_id == vpc_id) tx.Erase<RouteTable>(id);
    }
    for (const auto& [id, acl] : p.network_acls) {
      if (acl.vpc_id == vpc_id) tx.Erase<NetworkAcl>(id);
    }
    for (const auto& [id, group] : p.groups) {
      if (group.vpc_id == vpc_id) tx.Erase<SecurityGroup>(id);
    }
    tx.Erase<Vpc>(vpc_id);
    return Ok{};
  });
}

Status ModifyVpcAttribute(Ec2& ec2, const Caller& caller, const ModifyVpcAttributeRequest& request) {
  if (request.vpc_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter vpcId");
  }
  std::vector<std::string> named;
  if (request.enable_dns_support) named.push_back("enableDnsSupport");
  if (request.enable_dns_hostnames) named.push_back("enableDnsHostnames");
  if (request.enable_network_address_usage_metrics) named.push_back("enableNetworkAddressUsageMetrics");
  if (auto one = CheckOneAttribute(named); !one) return one;
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<Vpc>(request.vpc_id);
    if (!found) return std::move(found).error();
    Vpc vpc = **found;
    if (request.enable_dns_hostnames.value_or(false) && !vpc.enable_dns_support) {
      return MakeError(codes::kInvalidParameterValue, "Cannot enable DNS hostnames on VPC '" + vpc.vpc_id +
                                                          "' while DNS support is disabled.");
    }
    if (request.enable_dns_support) vpc.enable_dns_support = *request.enable_dns_support;
    if (request.enable_dns_hostnames) vpc.enable_dns_hostnames = *request.enable_dns_hostnames;
    if (request.enable_network_address_usage_metrics) {
      vpc.enable_network_address_usage_metrics = *request.enable_network_address_usage_metrics;
    }
    tx.Put(vpc);
    return Ok{};
  });
}

Result<bool> DescribeVpcAttribute(Ec2& ec2, const Caller& caller, const std::string& vpc_id,
                                  const std::string& attribute) {
  if (vpc_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter vpcId");
  if (attribute.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter attribute");
  }
  bool Vpc::*member = nullptr;
  if (attribute == "enableDnsSupport") member = &Vpc::enable_dns_support;
  if (attribute == "enableDnsHostnames") member = &Vpc::enable_dns_hostnames;
  if (attribute == "enableNetworkAddressUsageMetrics") member = &Vpc::enable_network_address_usage_metrics;
  if (member == nullptr) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
  }
  return ec2.Read(caller, [&](const View& view) -> Result<bool> {
    auto found = view.Find<Vpc>(vpc_id);
    if (!found) return std::move(found).error();
    return (**found).*member;
  });
}

Result<VpcCidrChange> AssociateVpcCidrBlock(Ec2& ec2, const Caller& caller, const std::string& vpc_id,
                                            const std::string& cidr_block) {
  if (vpc_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter vpcId");
  auto cidr = ParseVpcCidr(cidr_block, "cidrBlock");
  if (!cidr) return std::move(cidr).error();
  if (auto sized = CheckVpcCidrSize(*cidr, cidr_block); !sized) return std::move(sized).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<VpcCidrChange> {
    auto found = tx.Find<Vpc>(vpc_id);
    if (!found) return std::move(found).error();
    Vpc vpc = **found;
    if (1 + vpc.secondary_cidrs.size() >= kMaxVpcCidrBlocks) {
      return MakeError(codes::kCidrLimitExceeded, "This network '" + vpc_id +
                                                      "' has met its maximum number of allowed CIDRs: " +
                                                      std::to_string(kMaxVpcCidrBlocks));
    }
    if (auto fits = CheckSecondaryCidr(vpc, *cidr); !fits) return std::move(fits).error();
    VpcCidrAssociation association{tx.NewId("vpc-cidr-assoc"), CidrText(*cidr),
                                   std::string(states::kAssociated)};
    vpc.secondary_cidrs.push_back(association);
    if (const RouteTable* main = MainRouteTableOf(tx.partition(), vpc_id)) {
      RouteTable table = *main;
      Route local;
      local.destination_cidr_block = association.cidr_block;
      local.gateway_id = "local";
      local.origin = "CreateRouteTable";
      table.routes.push_back(local);
      tx.Put(table);
    }
    tx.Put(vpc);
    association.state = states::kAssociating;
    return VpcCidrChange{vpc_id, association};
  });
}

Result<VpcCidrChange> DisassociateVpcCidrBlock(Ec2& ec2, const Caller& caller,
                                               const std::string& association_id) {
  if (association_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter associationId");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Result<VpcCidrChange> {
    const Partition& p = tx.partition();
    for (const auto& [id, found] : p.vpcs) {
      if (found.cidr_association_id == association_id) {
        return MakeError(codes::kOperationNotPermitted,
                         "The vpc CIDR block with association ID " + association_id +
                             " may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
      }
      auto it = std::find_if(found.secondary_cidrs.begin(), found.secondary_cidrs.end(),
                             [&](const VpcCidrAssociation& a) { return a.association_id == association_id; });
      if (it == found.secondary_cidrs.end()) continue;
      const Cidr block = *ParseCidr(it->cidr_block);
      for (const auto& [subnet_id, subnet] : p.subnets) {
        if (subnet.vpc_id == id && block.Contains(*ParseCidr(subnet.cidr_block))) {
          return MakeError(codes::kDependencyViolation, "The vpc CIDR block " + it->cidr_block +
                                                            " has dependencies (subnet " + subnet_id +
                                                            ") and cannot be disassociated.");
        }
      }
      VpcCidrChange change{id, *it};
      change.association.state = states::kDisassociating;
      Vpc vpc = found;
      vpc.secondary_cidrs.erase(vpc.secondary_cidrs.begin() + (it - found.secondary_cidrs.begin()));
      if (const RouteTable* main = MainRouteTableOf(p, id)) {
        RouteTable table = *main;
        std::erase_if(table.routes, [&](const Route& r) {
          return r.gateway_id == "local" && r.destination_cidr_block == change.association.cidr_block;
        });
        tx.Put(table);
      }
      tx.Put(vpc);
      return change;
    }
    return MakeError(codes::kVpcCidrAssociationIdNotFound,
                     "The vpc CIDR block association ID '" + association_id + "' does not exist");
  });
}

}  // namespace localec2::model
