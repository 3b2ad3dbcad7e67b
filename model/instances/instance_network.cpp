#include "model/instances/instance_network.hpp"

#include "model/core/tx.hpp"
#include "model/network/interface_records.hpp"

namespace localec2::model {

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
    GiveLaunchPublicAddress(renewed, public_addresses);
    tx.Put(std::move(renewed));
  }
}

void ReleaseInterfacesOnTermination(Tx& tx, const Instance& instance) {
  for (const NetworkInterface* eni : InterfacesOf(tx.partition(), instance.instance_id)) {
    if (eni->attachment.delete_on_termination) {
      DisassociateAddressesOf(tx, eni->network_interface_id);
      tx.Erase<NetworkInterface>(eni->network_interface_id);
      continue;
    }
    NetworkInterface detached = *eni;
    DetachInterface(detached);
    SetAddressesInstance(tx, detached.network_interface_id,
                         "");  // its Elastic IPs stay, not with the instance
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
