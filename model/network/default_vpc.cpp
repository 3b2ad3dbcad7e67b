// The default VPC of every account and region, derived from the scope alone (see AddDefaults).
#include "model/catalogs/region_catalog.hpp"
#include "model/core/ids.hpp"
#include "model/core/partition.hpp"
#include "model/core/resource_types.hpp"
#include "model/network/vpc_defaults.hpp"

namespace localec2::model {

void AddDefaults(Partition& p) {
  const std::string seed = PartitionKey(p.scope.account_id, p.scope.region);
  Vpc vpc;
  vpc.vpc_id = DerivedId("vpc", seed + "/default-vpc");
  vpc.cidr_block = "172.31.0.0/16";
  vpc.cidr_association_id = DerivedId("vpc-cidr-assoc", seed + "/default-vpc");
  vpc.dhcp_options_id = DerivedId("dopt", seed);
  vpc.owner_id = p.scope.account_id;
  vpc.is_default = true;
  vpc.enable_dns_hostnames = true;
  p.default_vpc_id = vpc.vpc_id;
  DhcpOptions dhcp = AmazonProvidedDhcpOptions(p.scope, vpc.dhcp_options_id);
  p.dhcp_options[dhcp.dhcp_options_id] = std::move(dhcp);
  RouteTable main = MainRouteTable(p.scope, vpc, DerivedId("rtb", seed + "/default-vpc"),
                                   DerivedId("rtbassoc", seed + "/default-vpc"));
  NetworkAcl acl = DefaultNetworkAcl(p.scope, vpc, DerivedId("acl", seed + "/default-vpc"));
  InternetGateway igw;
  igw.internet_gateway_id = DerivedId("igw", seed + "/default-vpc");
  igw.owner_id = p.scope.account_id;
  igw.vpc_id = vpc.vpc_id;
  Route to_internet;
  to_internet.destination_cidr_block = "0.0.0.0/0";
  to_internet.gateway_id = igw.internet_gateway_id;
  main.routes.push_back(to_internet);

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
      acl.associations.push_back({DerivedId("aclassoc", subnet.subnet_id), subnet.subnet_id});
      third_octet += 16;
      p.subnets[subnet.subnet_id] = std::move(subnet);
    }
  }

  const std::string group_id = DerivedId("sg", seed + "/default-sg");
  SecurityGroup group =
      DefaultSecurityGroup(p.scope, vpc.vpc_id, group_id, DerivedId("sgr", group_id + "/ingress"),
                           DerivedId("sgr", group_id + "/egress"));
  p.default_group_id = group.group_id;
  p.groups[group.group_id] = std::move(group);
  p.vpcs[vpc.vpc_id] = std::move(vpc);
  p.route_tables[main.route_table_id] = std::move(main);
  p.network_acls[acl.network_acl_id] = std::move(acl);
  p.internet_gateways[igw.internet_gateway_id] = std::move(igw);
  ForEachResourceType([&]<class T>() {
    for (const auto& entry : MapOf<T>(p)) p.derived_ids.insert(entry.first);
  });
}

}  // namespace localec2::model
