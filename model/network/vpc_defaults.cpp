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

SecurityGroup DefaultSecurityGroup(const Scope& scope, const std::string& vpc_id, const std::string& group_id,
                                   const std::string& ingress_rule_id, const std::string& egress_rule_id) {
  SecurityGroup group;
  group.group_id = group_id;
  group.group_name = "default";
  group.description = "default VPC security group";
  group.vpc_id = vpc_id;
  group.owner_id = scope.account_id;
  SecurityGroupRule from_self;
  from_self.rule_id = ingress_rule_id;
  from_self.ip_protocol = "-1";
  from_self.referenced_group_id = group.group_id;
  from_self.referenced_user_id = scope.account_id;
  SecurityGroupRule to_anywhere;
  to_anywhere.rule_id = egress_rule_id;
  to_anywhere.is_egress = true;
  to_anywhere.ip_protocol = "-1";
  to_anywhere.cidr_ipv4 = "0.0.0.0/0";
  group.rules = {from_self, to_anywhere};
  return group;
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
