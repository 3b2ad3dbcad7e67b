// The VPCs, subnets and DHCP options a user makes (the default VPC is derived, see default_vpc.cpp), and
// the AWS-managed prefix lists of a region. Each call reads or writes the Ec2 engine (core/tx.hpp) for the
// caller's account and region; an error changes nothing.
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
#include "model/network/network.hpp"

namespace localec2::model {

// ---- VPCs (vpcs.cpp) ----

struct CreateVpcRequest {
  std::string cidr_block;
  std::string instance_tenancy;  // empty: default
  std::vector<TagSpecification> tag_specifications;
};
// A new VPC with its main route table, default network ACL, `default` security group and the region's
// default DHCP options. Errors: MissingParameter, InvalidParameterValue (malformed CIDR, tenancy, tags),
// InvalidVpc.Range (not /16 to /28).
Result<Vpc> CreateVpc(Ec2& ec2, const Caller& caller, const CreateVpcRequest& request);

// Deletes the VPC with its main route table, default network ACL and default security group. Errors:
// InvalidVpcID.Malformed/NotFound, DependencyViolation (subnets, gateways, other groups, tables, ACLs,
// interfaces), OperationNotPermitted (the default VPC: localec2 derives it, so it cannot stay deleted).
Status DeleteVpc(Ec2& ec2, const Caller& caller, const std::string& vpc_id);

// Exactly one attribute set. Errors: InvalidVpcID.*, InvalidParameterCombination (none or several),
// InvalidParameterValue (DNS hostnames without DNS support).
struct ModifyVpcAttributeRequest {
  std::string vpc_id;
  std::optional<bool> enable_dns_support;
  std::optional<bool> enable_dns_hostnames;
  std::optional<bool> enable_network_address_usage_metrics;
};
Status ModifyVpcAttribute(Ec2& ec2, const Caller& caller, const ModifyVpcAttributeRequest& request);

// The value of `attribute` (enableDnsSupport | enableDnsHostnames | enableNetworkAddressUsageMetrics).
// Errors: MissingParameter, InvalidParameterValue (another name), InvalidVpcID.*.
Result<bool> DescribeVpcAttribute(Ec2& ec2, const Caller& caller, const std::string& vpc_id,
                                  const std::string& attribute);

struct VpcCidrChange {
  std::string vpc_id;
  VpcCidrAssociation association;  // its state as the call answers it: associating | disassociating
};
// Adds an IPv4 block to the VPC (at most 5 in all) and its `local` route to the main route table. Errors:
// InvalidParameterValue (malformed), InvalidVpc.Range (size, overlap, restricted range), CidrLimitExceeded.
Result<VpcCidrChange> AssociateVpcCidrBlock(Ec2& ec2, const Caller& caller, const std::string& vpc_id,
                                            const std::string& cidr_block);
// Removes a secondary block and its `local` route. Errors: InvalidVpcCidrBlockAssociationID.NotFound,
// OperationNotPermitted (the primary block), DependencyViolation (a subnet in it).
Result<VpcCidrChange> DisassociateVpcCidrBlock(Ec2& ec2, const Caller& caller,
                                               const std::string& association_id);

// ---- Subnets (subnets.cpp) ----

struct CreateSubnetRequest {
  std::string vpc_id;
  std::string cidr_block;
  std::string availability_zone;     // by name, or
  std::string availability_zone_id;  // by id; neither: the zone with the fewest of the VPC's subnets
  std::vector<TagSpecification> tag_specifications;
};
// A new subnet, joined to the VPC's default network ACL (and so implicitly to its main route table).
// Errors: MissingParameter, InvalidVpcID.*, InvalidParameterValue (malformed CIDR, unknown zone, tags),
// InvalidParameterCombination (zone name and id disagree), InvalidSubnet.Range (size, outside the VPC's
// blocks), InvalidSubnet.Conflict (overlaps another subnet).
Result<Subnet> CreateSubnet(Ec2& ec2, const Caller& caller, const CreateSubnetRequest& request);

// Deletes the subnet, its network ACL association and its route table associations. Errors:
// InvalidSubnetID.*, DependencyViolation (an interface, instance or NAT gateway in it),
// OperationNotPermitted (a default subnet: derived, it would return on the next start).
Status DeleteSubnet(Ec2& ec2, const Caller& caller, const std::string& subnet_id);

struct ModifySubnetAttributeRequest {
  std::string subnet_id;
  std::optional<bool> map_public_ip_on_launch;
  std::optional<bool> assign_ipv6_address_on_creation;
  std::optional<bool> enable_dns64;
  std::optional<std::string> private_dns_hostname_type_on_launch;  // ip-name | resource-name
  std::optional<bool> enable_resource_name_dns_a_record_on_launch;
  std::optional<bool> enable_resource_name_dns_aaaa_record_on_launch;
};
// Exactly one attribute set. Errors: InvalidSubnetID.*, InvalidParameterCombination (none or several),
// InvalidParameterValue (a hostname type, or an IPv6 attribute: localec2 subnets have no IPv6 block).
Status ModifySubnetAttribute(Ec2& ec2, const Caller& caller, const ModifySubnetAttributeRequest& request);

// ---- DHCP options (dhcp_options.cpp) ----

struct CreateDhcpOptionsRequest {
  std::vector<DhcpConfiguration> configurations;
  std::vector<TagSpecification> tag_specifications;
};
// Errors: MissingParameter (no configuration), InvalidParameterValue (an unknown key, no values, a
// netbios-node-type other than 1, 2, 4 or 8, more than 4 servers, a server that is not an address (or
// AmazonProvidedDNS for domain-name-servers), a key twice, tags).
Result<DhcpOptions> CreateDhcpOptions(Ec2& ec2, const Caller& caller,
                                      const CreateDhcpOptionsRequest& request);
// Errors: InvalidDhcpOptionsId.Malformed, InvalidDhcpOptionID.NotFound, DependencyViolation (a VPC uses it),
// OperationNotPermitted (the region's AmazonProvidedDNS set: derived, it would return on the next start).
Status DeleteDhcpOptions(Ec2& ec2, const Caller& caller, const std::string& dhcp_options_id);
// Sets the VPC's options set; `default` means none. Errors: InvalidDhcpOptionsId.*, InvalidVpcID.*.
Status AssociateDhcpOptions(Ec2& ec2, const Caller& caller, const std::string& dhcp_options_id,
                            const std::string& vpc_id);
struct DescribeDhcpOptionsRequest {
  std::vector<std::string> dhcp_options_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
// Filters: dhcp-options-id, key, value, owner-id, tag:*, tag-key, tag-value.
Result<Page<DhcpOptions>> DescribeDhcpOptions(Ec2& ec2, const Caller& caller,
                                              const DescribeDhcpOptionsRequest& request);

// ---- Prefix lists and VPC endpoints (prefix_lists.cpp) ----

// An AWS-managed prefix list: one per gateway endpoint service of the region (S3, DynamoDB). Its CIDRs
// are not published by localec2 (the real ones are AWS's), so the list is empty.
struct ManagedPrefixList {
  std::string prefix_list_id;    // pl-…, derived from the region and the service
  std::string prefix_list_name;  // com.amazonaws.REGION.s3
  std::vector<std::string> cidrs;
};
struct DescribePrefixListsRequest {
  std::vector<std::string> prefix_list_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
// DescribePrefixLists (filters prefix-list-id, prefix-list-name) and DescribeManagedPrefixLists (owner-id
// too; `managed` true). Errors: pagination errors, unknown filter, InvalidPrefixListId.Malformed,
// InvalidPrefixListID.NotFound.
Result<Page<ManagedPrefixList>> DescribePrefixLists(Ec2& ec2, const Caller& caller,
                                                    const DescribePrefixListsRequest& request, bool managed);

struct DescribeVpcEndpointsRequest {
  std::vector<std::string> vpc_endpoint_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
// Always empty (localec2 makes no endpoints), after AWS's checks: pagination, filter names,
// InvalidVpcEndpointId.Malformed / NotFound for any id named.
Status DescribeVpcEndpoints(const DescribeVpcEndpointsRequest& request);

}  // namespace localec2::model
