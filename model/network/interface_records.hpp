// Making and changing interface records, shared by every call that creates or moves an interface
// (RunInstances, CreateNetworkInterface, CreateNatGateway, Attach/DetachNetworkInterface, terminations).
// These only build values; the caller checks its rules and puts them through its Tx.
#pragma once

#include <string>
#include <vector>

#include "model/core/resources.hpp"

namespace localec2::model {

class Tx;
class PublicAddressAllocator;
struct Partition;

// A new, unattached interface in `subnet` at `private_ip`, with `group_ids`, a fresh id and MAC address.
NetworkInterface NewInterface(Tx& tx, const Subnet& subnet, const std::string& private_ip,
                              std::vector<std::string> group_ids);
// `eni` attached to `instance` at `device_index`, now (status in-use).
void AttachInterface(Tx& tx, NetworkInterface& eni, const Instance& instance, int device_index,
                     bool delete_on_termination);
// `eni` detached (status available), its launch public address released (an Elastic IP stays).
void DetachInterface(NetworkInterface& eni);
// Releases the public address AWS gave at launch (stop, detach); an Elastic IP is kept.
void ReleaseLaunchPublicAddress(NetworkInterface& eni);
// Gives `eni` a public address from Amazon's pool (a launch's, renewed at start and when an Elastic IP
// leaves it), which a stop releases.
void GiveLaunchPublicAddress(NetworkInterface& eni, PublicAddressAllocator& public_addresses);

// `address` no longer associated (its association, interface, instance and private address cleared); the
// caller also clears the interface's public address when it carried this one.
void ClearAssociation(Address& address);

// Puts every Elastic IP associated with the interface `network_interface_id` disassociated (the interface is
// being deleted: DeleteNetworkInterface, a terminated instance's DeleteOnTermination interfaces).
void DisassociateAddressesOf(Tx& tx, const std::string& network_interface_id);
// Puts every Elastic IP associated with the interface with its instance now `instance_id` (empty: detached).
void SetAddressesInstance(Tx& tx, const std::string& network_interface_id, const std::string& instance_id);

// The interfaces attached to `instance_id`, ordered by device index (the primary first).
std::vector<const NetworkInterface*> InterfacesOf(const Partition& p, const std::string& instance_id);

}  // namespace localec2::model
