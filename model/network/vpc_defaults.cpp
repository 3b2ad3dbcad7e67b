#include "model/network/vpc_defaults.hpp"

namespace localec2::model {

RouteTable MainRouteTable(const Scope& scope, const Vpc& vpc, const std::string& route_table_id,
                          const std::string& association_id) {
  RouteTable table;
  table.route_table_id = route_table_id;
  table.vpc_id = vpc.vpc_id;
  table.owner_id = scope.account_id;
  Route local;
  local.destination_cidr_block = vpc.cidr_block;
  local.gateway_id = "local";
  local.origin = "CreateRouteTable";
  table.routes.push_back(local);
  RouteTableAssociation main;
  main.association_id = association_id;
  main.main = true;
  table.associations.push_back(main);
  return table;
}

std::vector<NetworkAclEntry> CatchAllDenyEntries() {
  std::vector<NetworkAclEntry> entries;
  for (bool egress : {false, true}) {
    NetworkAclEntry deny;
    deny.rule_number = 32767;
    deny.egress = egress;
    deny.rule_action = "deny";
    deny.cidr_block = "0.0.0.0/0";
    entries.push_back(deny);
  }
  return entries;
}

NetworkAcl DefaultNetworkAcl(const Scope& scope, const Vpc& vpc, const std::string& network_acl_id) {
  NetworkAcl acl;
  acl.network_acl_id = network_acl_id;
  acl.vpc_id = vpc.vpc_id;
  acl.owner_id = scope.account_id;
  acl.is_default = true;
  for (bool egress : {false, true}) {
    NetworkAclEntry allow;
    allow.rule_number = 100;
    allow.egress = egress;
    allow.cidr_block = "0.0.0.0/0";
    acl.entries.push_back(allow);
  }
  for (NetworkAclEntry& deny : CatchAllDenyEntries()) acl.entries.push_back(std::move(deny));
  return acl;
}

DhcpOptions AmazonProvidedDhcpOptions(const Scope& scope, const std::string& dhcp_options_id) {
  DhcpOptions options;
  options.dhcp_options_id = dhcp_options_id;
  options.owner_id = scope.account_id;
  const std::string domain =
      scope.region == "us-east-1" ? "ec2.internal" : scope.region + ".compute.internal";
  options.configurations = {{"domain-name", {domain}}, {"domain-name-servers", {"AmazonProvidedDNS"}}};
  return options;
}

}  // namespace localec2::model
