// AssignPrivateIpAddresses and UnassignPrivateIpAddresses: an interface's secondary private addresses.
// Addresses in use are indexed from the interfaces (partition_index.cpp), so putting the changed records
// is what takes and frees them.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/interface_rules.hpp"
#include "model/network/network_interfaces.hpp"

namespace localec2::model {
namespace {

Status ValidateAssign(const AssignPrivateIpsRequest& request) {
  if (auto refused = RefuseUnsupported(request.unsupported); !refused) return refused;
  if (request.addresses.empty() == !request.count.has_value()) {
    return MakeError(
        codes::kInvalidParameterCombination,
        "Exactly one of PrivateIpAddresses and SecondaryPrivateIpAddressCount must be specified");
  }
  if (request.count && *request.count < 1) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + std::to_string(*request.count) +
                         ") for parameter secondaryPrivateIpAddressCount is invalid.");
  }
  return Ok{};
}

// With AllowReassignment: takes `address` off the other interface of the subnet that has it as a
// secondary address. Errors: InvalidIPAddress.InUse when it is another interface's primary address.
Status Reassign(Tx& tx, const NetworkInterface& to, const std::string& address) {
  for (const auto& [id, other] : tx.partition().network_interfaces) {
    if (id == to.network_interface_id || other.subnet_id != to.subnet_id || !HasPrivateIp(other, address))
      continue;
    if (other.private_ip == address)
      return MakeError(codes::kIpAddressInUse, "Address " + address + " is in use.");
    NetworkInterface released = other;
    std::erase(released.secondary_private_ips, address);
    for (const auto& [allocation_id, eip] : tx.partition().addresses) {
      if (eip.network_interface_id != id || eip.private_ip != address) continue;
      Address moved = eip;
      ClearAssociation(moved);
      tx.Put(std::move(moved));
    }
    tx.Put(std::move(released));
  }
  return Ok{};
}

}  // namespace

Result<std::vector<std::string>> AssignPrivateIpAddresses(Ec2& ec2, const Caller& caller,
                                                          const AssignPrivateIpsRequest& request) {
  if (auto valid = ValidateAssign(request); !valid) return std::move(valid).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::vector<std::string>> {
    auto found = tx.Find<NetworkInterface>(request.network_interface_id);
    if (!found) return std::move(found).error();
    NetworkInterface eni = **found;
    const int wanted = request.count ? *request.count : static_cast<int>(request.addresses.size());
    if (1 + static_cast<int>(eni.secondary_private_ips.size()) + wanted > kMaxPrivateAddressesPerInterface) {
      return MakeError(codes::kPrivateIpAddressLimitExceeded,
                       "Number of private addresses will exceed limit of " +
                           std::to_string(kMaxPrivateAddressesPerInterface) + " per interface.");
    }
    auto subnet = tx.Find<Subnet>(eni.subnet_id);
    if (!subnet) return std::move(subnet).error();
    PrivateAddressAllocator allocator(tx.partition(), **subnet);
    std::vector<std::string> assigned;
    for (const std::string& address : request.addresses) {
      if (HasPrivateIp(eni, address)) {
        return MakeError(codes::kInvalidParameterValue,
                         "Address " + address + " is already assigned to " + eni.network_interface_id);
      }
      Status took = allocator.Take(address);
      if (!took && took.error().code == codes::kIpAddressInUse && request.allow_reassignment) {
        took = Reassign(tx, eni, address);
      }
      if (!took) return std::move(took).error();
      assigned.push_back(address);
    }
    for (int i = 0; request.count && i < *request.count; ++i) {
      auto next = allocator.Next();
      if (!next) {
        return MakeError(codes::kInsufficientFreeAddresses,
                         "There are not enough free addresses in subnet '" + eni.subnet_id +
                             "' to satisfy the requested number of IP addresses.");
      }
      assigned.push_back(*next);
    }
    eni.secondary_private_ips.insert(eni.secondary_private_ips.end(), assigned.begin(), assigned.end());
    tx.Put(std::move(eni));
    return assigned;
  });
}

Status UnassignPrivateIpAddresses(Ec2& ec2, const Caller& caller, const std::string& network_interface_id,
                                  const std::vector<std::string>& addresses, const std::string& unsupported) {
  if (auto refused = RefuseUnsupported(unsupported); !refused) return refused;
  if (addresses.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter PrivateIpAddresses");
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<NetworkInterface>(network_interface_id);
    if (!found) return std::move(found).error();
    NetworkInterface eni = **found;
    for (const std::string& address : addresses) {
      auto it = std::find(eni.secondary_private_ips.begin(), eni.secondary_private_ips.end(), address);
      if (it == eni.secondary_private_ips.end()) {
        return MakeError(
            codes::kInvalidParameterValue,
            "Some of the specified addresses are not assigned to interface " + network_interface_id);
      }
      eni.secondary_private_ips.erase(it);
    }
    // An Elastic IP on an unassigned address is disassociated.
    for (const auto& [id, eip] : tx.partition().addresses) {
      if (eip.network_interface_id != network_interface_id ||
          std::find(addresses.begin(), addresses.end(), eip.private_ip) == addresses.end())
        continue;
      Address moved = eip;
      ClearAssociation(moved);
      tx.Put(std::move(moved));
    }
    tx.Put(std::move(eni));
    return Ok{};
  });
}

}  // namespace localec2::model
