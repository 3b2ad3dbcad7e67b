#include "model/instances/instance_network.hpp"

#include "model/core/tx.hpp"
#include "model/network/interface_records.hpp"

namespace localec2::model {
namespace {

// The Elastic IP associated with `eni`, disassociated.
void DisassociateElasticIp(Tx& tx, const NetworkInterface& eni) {
  if (!eni.has_public || eni.public_address.allocation_id.empty()) return;
  const Address* address = Lookup<Address>(tx.partition(), eni.public_address.allocation_id);
  if (address == nullptr) return;
  Address released = *address;
  released.association_id.clear();
  released.instance_id.clear();
  released.network_interface_id.clear();
  released.network_interface_owner_id.clear();
  released.private_ip.clear();
  tx.Put(std::move(released));
}

}  // namespace

void ReleasePublicAddressesOnStop(Tx& tx, const Instance& instance) {
  for (const NetworkInterface* eni : InterfacesOf(tx.partition(), instance.instance_id)) {
    if (!eni->has_public || !eni->public_address.allocation_id.empty()) continue;
    NetworkInterface released = *eni;
    ReleaseLaunchPublicAddress(released);
    tx.Put(std::move(released));
  }
}

void RenewPublicAddressOnStart(Tx& tx, const Instance& instance, PublicAddressAllocator& public_addresses) {
  for (const NetworkInterface* eni : InterfacesOf(tx.partition(), instance.instance_id)) {
    if (!eni->launch_public_ip || eni->has_public) continue;
    NetworkInterface renewed = *eni;
    renewed.has_public = true;
    renewed.public_address = {public_addresses.NextLaunchAddress(), "", "", "amazon"};
    tx.Put(std::move(renewed));
  }
}

void ReleaseInterfacesOnTermination(Tx& tx, const Instance& instance) {
  for (const NetworkInterface* eni : InterfacesOf(tx.partition(), instance.instance_id)) {
    if (eni->attachment.delete_on_termination) {
      DisassociateElasticIp(tx, *eni);
      tx.Erase<NetworkInterface>(eni->network_interface_id);
      continue;
    }
    NetworkInterface detached = *eni;
    DetachInterface(detached);
    if (detached.has_public) {  // an Elastic IP stays with its interface, no longer with the instance
      if (const Address* address = Lookup<Address>(tx.partition(), detached.public_address.allocation_id)) {
        Address moved = *address;
        moved.instance_id.clear();
        tx.Put(std::move(moved));
      }
    }
    tx.Put(std::move(detached));
  }
}

void SyncPrimaryInterface(Tx& tx, const Instance& instance) {
  for (const NetworkInterface* eni : InterfacesOf(tx.partition(), instance.instance_id)) {
    if (eni->attachment.device_index != 0) continue;
    if (eni->group_ids == instance.group_ids && eni->source_dest_check == instance.source_dest_check) return;
    NetworkInterface synced = *eni;
    synced.group_ids = instance.group_ids;
    synced.source_dest_check = instance.source_dest_check;
    tx.Put(std::move(synced));
  }
}

}  // namespace localec2::model
