// Rules and views shared by the network interface calls (network_interfaces.cpp, interface_attachments.cpp,
// interface_attributes.cpp, private_addresses.cpp, describe_network_interfaces.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/core/partition.hpp"
#include "model/core/result.hpp"
#include "model/network/network_interfaces.hpp"

namespace localec2::model {

class View;

// InvalidParameterValue naming a member localec2 does not emulate; Ok when `unsupported` is empty.
Status RefuseUnsupported(const std::string& unsupported);

// The groups `ids` names, each in the VPC of `subnet`, in the order given; the VPC's default group when none
// (RunInstances and CreateNetworkInterface alike). Errors: InvalidGroupId.Malformed, InvalidGroup.NotFound,
// InvalidParameter (a group of another VPC).
Result<std::vector<std::string>> GroupsInSubnetVpc(const View& view, const std::vector<std::string>& ids,
                                                   const Subnet& subnet);
// GroupsInSubnetVpc for an interface's own groups: at most kMaxGroupsPerInterface, each once. Errors: also
// SecurityGroupsPerInterfaceLimitExceeded.
Result<std::vector<std::string>> ResolveInterfaceGroups(const View& view,
                                                        const std::vector<std::string>& group_ids,
                                                        const Subnet& subnet);

// True when `ip` is the primary or a secondary private address of `eni`.
bool HasPrivateIp(const NetworkInterface& eni, const std::string& ip);

// `eni` with its groups' names and the Elastic IPs on its secondary addresses.
NetworkInterfaceView ViewOfInterface(const Partition& p, const NetworkInterface& eni);

}  // namespace localec2::model
