// Network ACLs: their lifecycle, entries and subnet associations. Each call runs in the Ec2 engine
// (core/tx.hpp) for the caller's account and region. Every subnet is associated with exactly one ACL of
// its VPC (the default one unless moved by ReplaceNetworkAclAssociation).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

struct CreateNetworkAclRequest {
  std::string vpc_id;
  std::string client_token;  // a repeated token answers the ACL it made
  std::vector<TagSpecification> tag_specifications;
};
// A new ACL of the VPC with only the catch-all deny entries. Errors: InvalidVpcID.*, tag errors.
Result<NetworkAcl> CreateNetworkAcl(Ec2& ec2, const Caller& caller, const CreateNetworkAclRequest& request);
// Erases an ACL. Errors: InvalidNetworkAclID.*, InvalidParameterValue (the default ACL),
// DependencyViolation (subnets associated).
Status DeleteNetworkAcl(Ec2& ec2, const Caller& caller, const std::string& network_acl_id);

struct NetworkAclEntryRequest {
  std::string network_acl_id;
  int rule_number = 0;
  bool egress = false;
  std::string protocol;     // -1, a number 0–255, or tcp / udp / icmp / icmpv6 / all
  std::string rule_action;  // allow | deny
  std::string cidr_block;
  std::optional<int> icmp_type;  // IcmpTypeCode, for icmp
  std::optional<int> icmp_code;
  std::optional<int> from_port;  // PortRange, for tcp and udp
  std::optional<int> to_port;
  std::string unsupported;  // the first member given that localec2 does not emulate
};
// Adds an entry. Errors: InvalidNetworkAclID.*, InvalidParameterValue (rule number outside 1–32766, bad
// protocol, action, CIDR, ports or ICMP, unsupported member), MissingParameter (CidrBlock, PortRange for
// tcp/udp, IcmpTypeCode for icmp), NetworkAclEntryAlreadyExists.
Status CreateNetworkAclEntry(Ec2& ec2, const Caller& caller, const NetworkAclEntryRequest& request);
// Replaces the entry with that rule number and direction. Errors: as Create but AlreadyExists;
// InvalidNetworkAclEntry.NotFound.
Status ReplaceNetworkAclEntry(Ec2& ec2, const Caller& caller, const NetworkAclEntryRequest& request);
// Removes the entry with that rule number and direction. Errors: InvalidNetworkAclID.*,
// InvalidParameterValue (rule number), InvalidNetworkAclEntry.NotFound.
Status DeleteNetworkAclEntry(Ec2& ec2, const Caller& caller, const std::string& network_acl_id,
                             int rule_number, bool egress);
// Moves the subnet of `association_id` to `network_acl_id`; answers the new association id (aclassoc-…).
// Errors: InvalidAssociationID.NotFound, InvalidNetworkAclID.*, InvalidParameterValue (another VPC's ACL).
Result<std::string> ReplaceNetworkAclAssociation(Ec2& ec2, const Caller& caller,
                                                 const std::string& association_id,
                                                 const std::string& network_acl_id);

struct DescribeNetworkAclsRequest {
  std::vector<std::string> network_acl_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
// Filters network-acl-id, vpc-id, default, owner-id, association.*, entry.*, tag:*. Errors: as
// DescribeById.
Result<Page<NetworkAcl>> DescribeNetworkAcls(Ec2& ec2, const Caller& caller,
                                             const DescribeNetworkAclsRequest& request);

}  // namespace localec2::model
