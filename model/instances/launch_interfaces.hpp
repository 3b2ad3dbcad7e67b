// The network interfaces RunInstances gives each instance it launches (launch_interfaces.cpp): the
// interfaces the request names (NetworkInterfaces), or one in the subnet it names or picks, with the
// instance-level groups and PrivateIpAddress. Each instance gets its own new interfaces; an existing
// interface named by id is attached (one instance only).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/instances/instances.hpp"
#include "model/network/addressing.hpp"

namespace localec2::model {

class View;
class Tx;

// One interface of the plan, resolved against the state.
struct PlannedInterface {
  LaunchInterface spec;
  const NetworkInterface* existing = nullptr;  // spec.network_interface_id's interface
  const Subnet* subnet = nullptr;
  std::vector<std::string> group_ids;
  bool public_ip = false;  // a public address from Amazon's pool (released at stop, renewed at start)
  bool delete_on_termination = true;
};

// The request's interfaces as one list, the primary (device index 0) first: the NetworkInterfaces given,
// else one made of SubnetId and PrivateIpAddress. Errors, in AWS's words: InvalidParameterCombination
// (interfaces with instance-level SubnetId, groups or PrivateIpAddress; AssociatePublicIpAddress with
// several interfaces or off the primary; an existing interface with subnet, groups or addresses, or with
// more than one instance; a private address with more than one instance), InvalidParameterValue (device
// indices repeated, negative or without 0).
Result<std::vector<LaunchInterface>> LaunchInterfacesOf(const RunInstancesRequest& request);

// The existing interface `id`, which must be available. Errors: InvalidNetworkInterfaceID.*,
// InvalidNetworkInterface.InUse.
Result<const NetworkInterface*> AvailableInterface(const View& view, const std::string& id);

// Every interface of the plan after the primary, whose subnet and groups are resolved already: each one's
// interface or subnet, and its groups (its VPC's default group when none). Errors: those of
// AvailableInterface, InvalidSubnetID.*, InvalidGroupId.Malformed, InvalidGroup.NotFound, InvalidParameter
// (a group of another VPC), InvalidParameterValue (an interface in another zone than the primary).
Result<std::vector<PlannedInterface>> PlanOtherInterfaces(const View& view,
                                                          const std::vector<LaunchInterface>& specs,
                                                          const PlannedInterface& primary);

// How many instances the plan's subnets have addresses for (at most `wanted`).
long long AddressableCount(const View& view, const std::vector<PlannedInterface>& plan, long long wanted);

// Makes (or takes) the instance's interfaces, attached to it, and puts them through `tx`; the instance
// takes its primary interface's address. Answers them, the primary first. Addresses come from
// `allocators` (one per subnet, shared by the launch's instances); new interfaces get `tags`. Errors:
// InvalidIPAddress.InUse, InvalidParameterValue (an address outside its subnet or reserved).
Result<std::vector<NetworkInterface>> RecordInterfaces(
    Tx& tx, const std::vector<PlannedInterface>& plan, Instance& instance,
    std::map<std::string, PrivateAddressAllocator>& allocators, PublicAddressAllocator& public_addresses,
    const Tags& tags);

}  // namespace localec2::model
