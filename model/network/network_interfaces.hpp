// Network interfaces (ENIs) through the API: creating and deleting them, attaching them to instances,
// their attributes, their secondary private addresses and DescribeNetworkInterfaces. Interfaces also
// come from launches (the lead's RunInstances) through interface_records.hpp; every call here treats an
// instance's primary interface (device index 0) as AWS does: it cannot be detached, and its groups and
// source/destination check are the instance's.
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

// A sane bound on an interface's private addresses (AWS's depends on the instance type: 50 for the
// largest); localec2 does not model per-type limits.
inline constexpr int kMaxPrivateAddressesPerInterface = 50;

// AWS's default quota of security groups per interface (DescribeAccountAttributes'
// vpc-max-security-groups-per-interface).
inline constexpr int kMaxGroupsPerInterface = 5;

struct PrivateIpSpec {
  std::string address;
  bool primary = false;
};

struct CreateNetworkInterfaceRequest {
  std::string subnet_id;
  std::string description;
  std::vector<std::string> group_ids;
  std::string private_ip;
  std::vector<PrivateIpSpec> private_ips;
  std::optional<int> secondary_count;
  std::string interface_type;  // interface (or empty); efa, trunk, … refused
  std::vector<TagSpecification> tag_specifications;
  std::string client_token;
  std::string unsupported;  // the first member given that localec2 does not emulate (IPv6, prefixes, …)
};

struct AttachNetworkInterfaceRequest {
  std::string network_interface_id;
  std::string instance_id;
  std::optional<int> device_index;
  std::optional<int> network_card_index;
  std::string unsupported;  // EnaSrdSpecification, EnaQueueCount
};

struct InterfaceAttachmentChange {
  std::string attachment_id;
  std::optional<bool> delete_on_termination;
};

// One attribute per call, as AWS requires.
struct ModifyNetworkInterfaceRequest {
  std::string network_interface_id;
  std::optional<std::string> description;
  std::optional<bool> source_dest_check;
  std::optional<std::vector<std::string>> group_ids;
  std::optional<InterfaceAttachmentChange> attachment;
  std::string unsupported;
};

struct AssignPrivateIpsRequest {
  std::string network_interface_id;
  std::vector<std::string> addresses;
  std::optional<int> count;
  bool allow_reassignment = false;
  std::string unsupported;  // Ipv4Prefixes, Ipv4PrefixCount
};

struct DescribeNetworkInterfacesRequest {
  std::vector<std::string> ids;
  std::vector<Filter> filters;
  PageRequest page;
};

// An interface as Describe* shows it: the record and what it refers to.
struct NetworkInterfaceView {
  NetworkInterface eni;
  std::vector<std::pair<std::string, std::string>> groups;  // id, name
  // The Elastic IPs on its secondary private addresses (the primary's is eni.public_address).
  std::vector<std::pair<std::string, PublicAddress>> secondary_public;
};

// A new available interface in the subnet (addresses: PrivateIpAddress / the primary of
// PrivateIpAddresses, else the next free one; secondaries as named or counted), with the groups named or
// the VPC's default group. The same ClientToken answers the interface it created again. Errors:
// MissingParameter, InvalidParameterValue (an unemulated member, InterfaceType, addresses outside the
// subnet or reserved, several primaries, a count out of bounds), InvalidParameterCombination,
// InvalidSubnetID.*, InvalidGroupId.Malformed, InvalidGroup.NotFound, InvalidParameter (a group of another
// VPC), SecurityGroupsPerInterfaceLimitExceeded (more than 5), InvalidIPAddress.InUse,
// InsufficientFreeAddressesInSubnet, PrivateIpAddressLimitExceeded, tag errors.
Result<NetworkInterfaceView> CreateNetworkInterface(Ec2& ec2, const Caller& caller,
                                                    const CreateNetworkInterfaceRequest& request);
// Deletes an available interface (its addresses go back to the subnet). Errors: InvalidNetworkInterfaceID.*,
// InvalidNetworkInterface.InUse (attached, or requester-managed: a NAT gateway's).
Status DeleteNetworkInterface(Ec2& ec2, const Caller& caller, const std::string& network_interface_id);

// Attaches an available interface to a running or stopped instance of its VPC and zone at DeviceIndex
// (DeleteOnTermination false); returns the attachment id. Errors: MissingParameter, InvalidParameterValue
// (an unemulated member, NetworkCardIndex other than 0, a device index out of range or taken),
// InvalidNetworkInterfaceID.*, InvalidInstanceID.*, InvalidNetworkInterface.InUse, IncorrectInstanceState,
// InvalidParameterCombination (another zone or VPC).
Result<std::string> AttachNetworkInterface(Ec2& ec2, const Caller& caller,
                                           const AttachNetworkInterfaceRequest& request);
// Detaches the attachment (a launch public address is released, an Elastic IP stays). Force is accepted:
// detaching is immediate anyway. Errors: InvalidAttachmentID.NotFound, OperationNotPermitted (device
// index 0, the instance's primary interface).
Status DetachNetworkInterface(Ec2& ec2, const Caller& caller, const std::string& attachment_id);

// Changes one attribute: Description, SourceDestCheck, Groups (those two also the instance's when the
// interface is its primary) or Attachment.DeleteOnTermination. Errors: InvalidParameterCombination (none
// or several), InvalidParameterValue (unemulated), InvalidNetworkInterfaceID.*, group errors as Create,
// InvalidAttachmentID.NotFound, MissingParameter.
Status ModifyNetworkInterfaceAttribute(Ec2& ec2, const Caller& caller,
                                       const ModifyNetworkInterfaceRequest& request);
// The interface, for DescribeNetworkInterfaceAttribute (description | groupSet | sourceDestCheck |
// attachment). Errors: MissingParameter, InvalidParameterValue (another attribute),
// InvalidNetworkInterfaceID.*.
Result<NetworkInterfaceView> DescribeNetworkInterfaceAttribute(Ec2& ec2, const Caller& caller,
                                                               const std::string& network_interface_id,
                                                               const std::string& attribute);
// Resets sourceDestCheck to true (the only resettable attribute). Errors: InvalidParameterValue,
// MissingParameter, InvalidNetworkInterfaceID.*.
Status ResetNetworkInterfaceAttribute(Ec2& ec2, const Caller& caller, const std::string& network_interface_id,
                                      const std::string& attribute);

// Adds secondary private addresses (named, or `count` free ones); returns those assigned. With
// AllowReassignment a named address held by another interface of the subnet moves here. Errors:
// InvalidParameterValue, InvalidParameterCombination (both or neither), InvalidNetworkInterfaceID.*,
// InvalidIPAddress.InUse, InsufficientFreeAddressesInSubnet, PrivateIpAddressLimitExceeded.
Result<std::vector<std::string>> AssignPrivateIpAddresses(Ec2& ec2, const Caller& caller,
                                                          const AssignPrivateIpsRequest& request);
// Removes secondary private addresses (an Elastic IP on one is disassociated). Errors: MissingParameter,
// InvalidParameterValue (an address that is not a secondary address of the interface, prefixes),
// InvalidNetworkInterfaceID.*.
Status UnassignPrivateIpAddresses(Ec2& ec2, const Caller& caller, const std::string& network_interface_id,
                                  const std::vector<std::string>& addresses, const std::string& unsupported);

// The interfaces named (all when none), filtered, paginated in id order. A literal subnet-id, vpc-id or
// attachment.instance-id filter narrows the scan before the generic filters run. Errors: pagination
// errors, InvalidParameterCombination (ids with MaxResults), unknown filter,
// InvalidNetworkInterfaceID.Malformed/NotFound.
Result<Page<NetworkInterfaceView>> DescribeNetworkInterfaces(Ec2& ec2, const Caller& caller,
                                                             const DescribeNetworkInterfacesRequest& request);

}  // namespace localec2::model
