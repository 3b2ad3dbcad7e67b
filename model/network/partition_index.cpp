// The partition's derived indexes of the network family (partition.hpp): addresses in use per subnet,
// interfaces per instance, public addresses in use. Apply keeps them as records are put and erased.
#include "model/core/partition.hpp"
#include "model/network/addressing.hpp"

namespace localec2::model {

void Partition::Index(const NetworkInterface& eni, bool add) {
  auto each_private = [&](auto&& f) {
    if (!eni.private_ip.empty()) f(eni.private_ip);
    for (const std::string& ip : eni.secondary_private_ips) f(ip);
  };
  if (add) {
    if (!eni.subnet_id.empty()) {
      auto& used = subnet_addresses[eni.subnet_id];
      each_private([&](const std::string& ip) {
        if (auto n = ParseIpv4(ip)) used.insert(*n);
      });
      RefreshAvailable(eni.subnet_id);
    }
    if (eni.attached) instance_interfaces[eni.attachment.instance_id].insert(eni.network_interface_id);
    if (eni.has_public && eni.public_address.allocation_id.empty())
      if (auto n = ParseIpv4(eni.public_address.public_ip)) public_ips.insert(*n);
    return;
  }
  if (auto used = subnet_addresses.find(eni.subnet_id); used != subnet_addresses.end()) {
    each_private([&](const std::string& ip) {
      if (auto n = ParseIpv4(ip)) used->second.erase(*n);
    });
    if (used->second.empty()) subnet_addresses.erase(used);
    RefreshAvailable(eni.subnet_id);
  }
  if (eni.attached) {
    if (auto it = instance_interfaces.find(eni.attachment.instance_id); it != instance_interfaces.end()) {
      it->second.erase(eni.network_interface_id);
      if (it->second.empty()) instance_interfaces.erase(it);
    }
  }
  if (eni.has_public && eni.public_address.allocation_id.empty())
    if (auto n = ParseIpv4(eni.public_address.public_ip)) public_ips.erase(*n);
}

void Partition::Index(const Address& address, bool add) {
  if (address.public_ip.empty()) return;
  if (add) {
    if (auto n = ParseIpv4(address.public_ip)) public_ips.insert(*n);
  } else {
    if (auto n = ParseIpv4(address.public_ip)) public_ips.erase(*n);
  }
}

void Partition::RefreshAvailable(const std::string& subnet_id) {
  auto subnet = subnets.find(subnet_id);
  if (subnet != subnets.end())
    subnet->second.available_ip_address_count = AvailableAddressCount(*this, subnet->second);
}

}  // namespace localec2::model
