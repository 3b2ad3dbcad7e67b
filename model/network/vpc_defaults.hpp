// What every VPC comes with, the default VPC and CreateVpc's alike: its main route table (one `local`
// route per CIDR block), its default network ACL (allow all, then the catch-all deny, both directions), its
// `default` security group and the region's AmazonProvidedDNS DHCP options.
#pragma once

#include <string>

#include "model/core/resources.hpp"

namespace localec2::model {

// The main route table of `vpc`, with its main association.
RouteTable MainRouteTable(const Scope& scope, const Vpc& vpc, const std::string& route_table_id,
                          const std::string& association_id);
// The default network ACL of `vpc`, with no subnet associated yet.
NetworkAcl DefaultNetworkAcl(const Scope& scope, const Vpc& vpc, const std::string& network_acl_id);
// The entries a new network ACL starts with: the catch-all deny, ingress and egress (rule 32767).
std::vector<NetworkAclEntry> CatchAllDenyEntries();
// The `default` security group of `vpc_id`: all traffic in from the group itself, all traffic out.
SecurityGroup DefaultSecurityGroup(const Scope& scope, const std::string& vpc_id, const std::string& group_id,
                                   const std::string& ingress_rule_id, const std::string& egress_rule_id);
// domain-name (ec2.internal in us-east-1, REGION.compute.internal elsewhere), domain-name-servers
// AmazonProvidedDNS.
DhcpOptions AmazonProvidedDhcpOptions(const Scope& scope, const std::string& dhcp_options_id);

}  // namespace localec2::model
