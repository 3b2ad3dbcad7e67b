#include "model/network/interface_records.hpp"

#include <algorithm>

#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"

namespace localec2::model {

NetworkInterface NewInterface(Tx& tx, const Subnet& subnet, const std::string& private_ip,
                              std::vector<std::string> group_ids) {
  NetworkInterface eni;
  eni.network_interface_id = tx.NewId("eni");
  eni.subnet_id = subnet.subnet_id;
  eni.vpc_id = subnet.vpc_id;
  eni.availability_zone = subnet.availability_zone;
  eni.owner_id = tx.caller().account_id;
  eni.mac_address = NewMacAddress(tx);
  eni.private_ip = private_ip;
  eni.group_ids = std::move(group_ids);
  return eni;
}

void AttachInterface(Tx& tx, NetworkInterface& eni, const Instance& instance, int device_index,
                     bool delete_on_termination) {
  eni.attached = true;
  eni.status = "in-use";
  eni.attachment.attachment_id = tx.NewId("eni-attach");
  eni.attachment.instance_id = instance.instance_id;
  eni.attachment.instance_owner_id = instance.owner_id;
  eni.attachment.device_index = device_index;
  eni.attachment.network_card_index = 0;
  eni.attachment.status = "attached";
  eni.attachment.attach_time_ms = tx.now();
  eni.attachment.delete_on_termination = delete_on_termination;
}

void ReleaseLaunchPublicAddress(NetworkInterface& eni) {
  if (eni.has_public && eni.public_address.allocation_id.empty()) {
    eni.has_public = false;
    eni.public_address = {};
  }
}

void GiveLaunchPublicAddress(NetworkInterface& eni, PublicAddressAllocator& public_addresses) {
  eni.has_public = true;
  eni.launch_public_ip = true;
  eni.public_address = {public_addresses.NextLaunchAddress(), "", "", "amazon"};
}

void DetachInterface(NetworkInterface& eni) {
  eni.attached = false;
  eni.status = "available";
  eni.attachment = {};
  ReleaseLaunchPublicAddress(eni);
}

void ClearAssociation(Address& address) {
  address.association_id.clear();
  address.instance_id.clear();
  address.network_interface_id.clear();
  address.network_interface_owner_id.clear();
  address.private_ip.clear();
}

void DisassociateAddressesOf(Tx& tx, const std::string& network_interface_id) {
  for (const auto& [id, address] : tx.partition().addresses) {  // at most a handful per partition
    if (address.network_interface_id != network_interface_id) continue;
    Address released = address;
    ClearAssociation(released);
    tx.Put(std::move(released));
  }
}

void SetAddressesInstance(Tx& tx, const std::string& network_interface_id, const std::string& instance_id) {
  for (const auto& [id, address] : tx.partition().addresses) {
    if (address.network_interface_id != network_interface_id || address.instance_id == instance_id) continue;
    Address moved = address;
    moved.instance_id = instance_id;
    tx.Put(std::move(moved));
  }
}

std::vector<const NetworkInterface*> InterfacesOf(const Partition& p, const std::string& instance_id) {
  std::vector<const NetworkInterface*> found;
  auto ids = p.instance_interfaces.find(instance_id);
  if (ids == p.instance_interfaces.end()) return found;
  for (const std::string& id : ids->second) {
    if (const NetworkInterface* eni = Lookup<NetworkInterface>(p, id)) found.push_back(eni);
  }
  std::sort(found.begin(), found.end(), [](const NetworkInterface* a, const NetworkInterface* b) {
    return a->attachment.device_index < b->attachment.device_index;
  });
  return found;
}

}  // namespace localec2::model
