// CreateNetworkInterface and DeleteNetworkInterface, and the rules the interface calls share.
#include "model/network/network_interfaces.hpp"

#include <algorithm>

#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/interface_rules.hpp"

namespace localec2::model {

Status RefuseUnsupported(const std::string& unsupported) {
  if (unsupported.empty()) return Ok{};
  return MakeError(codes::kInvalidParameterValue,
                   "The parameter " + unsupported + " is not supported by localec2.");
}

Result<std::vector<std::string>> GroupsInSubnetVpc(const View& view, const std::vector<std::string>& ids,
                                                   const Subnet& subnet) {
  std::vector<std::string> group_ids;
  for (const std::string& id : ids) {
    auto group = view.Find<SecurityGroup>(id);
    if (!group) return std::move(group).error();
    if ((*group)->vpc_id != subnet.vpc_id) {
      return MakeError(codes::kInvalidParameter, "Security group " + id + " and subnet " + subnet.subnet_id +
                                                     " belong to different networks.");
    }
    group_ids.push_back(id);
  }
  if (group_ids.empty()) {
    for (const auto& [id, group] : view.partition().groups) {
      if (group.vpc_id == subnet.vpc_id && group.group_name == "default") group_ids.push_back(id);
    }
  }
  return group_ids;
}

Result<std::vector<std::string>> ResolveInterfaceGroups(const View& view,
                                                        const std::vector<std::string>& group_ids,
                                                        const Subnet& subnet) {
  if (group_ids.size() > static_cast<size_t>(kMaxGroupsPerInterface)) {
    return MakeError(codes::kGroupsPerInterfaceLimitExceeded,
                     "The maximum number of security groups per interface has been reached.");
  }
  auto groups = GroupsInSubnetVpc(view, group_ids, subnet);
  if (!groups) return groups;
  std::vector<std::string> once;
  for (const std::string& id : *groups) {
    if (std::find(once.begin(), once.end(), id) == once.end()) once.push_back(id);
  }
  return once;
}

bool HasPrivateIp(const NetworkInterface& eni, const std::string& ip) {
  return eni.private_ip == ip || std::find(eni.secondary_private_ips.begin(), eni.secondary_private_ips.end(),
                                           ip) != eni.secondary_private_ips.end();
}

NetworkInterfaceView ViewOfInterface(const Partition& p, const NetworkInterface& eni) {
  NetworkInterfaceView view{eni, {}, {}};
  for (const std::string& id : eni.group_ids) {
    const SecurityGroup* group = Lookup<SecurityGroup>(p, id);
    view.groups.emplace_back(id, group == nullptr ? "" : group->group_name);
  }
  if (!eni.secondary_private_ips.empty()) {
    for (const auto& [id, address] : p.addresses) {  // at most kMaxElasticIps
      if (address.network_interface_id == eni.network_interface_id && address.private_ip != eni.private_ip) {
        view.secondary_public.emplace_back(
            address.private_ip, PublicAddress{address.public_ip, id, address.association_id, eni.owner_id});
      }
    }
  }
  return view;
}

namespace {

// The addresses a CreateNetworkInterface asks for, taken from the subnet: the primary first.
Result<std::vector<std::string>> TakeAddresses(const Partition& p, const Subnet& subnet,
                                               const CreateNetworkInterfaceRequest& request) {
  std::vector<std::string> named;  // primary first, then the secondaries named
  std::string primary = request.private_ip;
  for (const PrivateIpSpec& spec : request.private_ips) {
    if (!spec.primary) continue;
    if (!primary.empty() && primary != spec.address) {
      return MakeError(codes::kInvalidParameterValue, "Multiple primary addresses specified");
    }
    primary = spec.address;
  }
  named.push_back(primary);
  for (const PrivateIpSpec& spec : request.private_ips) {
    if (!spec.primary && spec.address != primary) named.push_back(spec.address);
  }
  const int count = request.secondary_count.value_or(0);
  if (count < 0 || (request.secondary_count && count == 0)) {
    return MakeError(
        codes::kInvalidParameterValue,
        "Value (" + std::to_string(count) + ") for parameter secondaryPrivateIpAddressCount is invalid.");
  }
  if (static_cast<int>(named.size()) + count > kMaxPrivateAddressesPerInterface) {
    return MakeError(codes::kPrivateIpAddressLimitExceeded,
                     "Number of private addresses will exceed limit of " +
                         std::to_string(kMaxPrivateAddressesPerInterface) + " per interface.");
  }
  PrivateAddressAllocator allocator(p, subnet);
  std::vector<std::string> taken;
  for (const std::string& address : named) {
    if (address.empty()) continue;
    if (auto took = allocator.Take(address); !took) return std::move(took).error();
  }
  for (size_t i = 0; i < named.size() + static_cast<size_t>(count); ++i) {
    std::string address = i < named.size() ? named[i] : "";
    if (address.empty()) {
      auto next = allocator.Next();
      if (!next) {
        return MakeError(codes::kInsufficientFreeAddresses,
                         "There are not enough free addresses in subnet '" + subnet.subnet_id +
                             "' to satisfy the requested number of private IP addresses.");
      }
      address = *next;
    }
    taken.push_back(address);
  }
  return taken;
}

Status ValidateCreate(const CreateNetworkInterfaceRequest& request) {
  if (auto refused = RefuseUnsupported(request.unsupported); !refused) return refused;
  if (!request.interface_type.empty() && request.interface_type != "interface") {
    return MakeError(codes::kInvalidParameterValue, "Value (" + request.interface_type +
                                                        ") for parameter InterfaceType is invalid. localec2 "
                                                        "emulates the interface type only.");
  }
  if (request.subnet_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter SubnetId");
  if (request.secondary_count && !request.private_ips.empty() &&
      std::any_of(request.private_ips.begin(), request.private_ips.end(),
                  [](const auto& s) { return !s.primary; })) {
    return MakeError(codes::kInvalidParameterCombination,
                     "Cannot specify both secondaryPrivateIpAddressCount and secondary private IP addresses");
  }
  return Ok{};
}

}  // namespace

Result<NetworkInterfaceView> CreateNetworkInterface(Ec2& ec2, const Caller& caller,
                                                    const CreateNetworkInterfaceRequest& request) {
  if (auto valid = ValidateCreate(request); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "network-interface", {"network-interface"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<NetworkInterfaceView> {
    const Partition& p = tx.partition();
    if (!request.client_token.empty()) {
      for (const auto& [id, earlier] : p.network_interfaces) {
        if (earlier.client_token == request.client_token) return ViewOfInterface(p, earlier);
      }
    }
    auto subnet = tx.Find<Subnet>(request.subnet_id);
    if (!subnet) return std::move(subnet).error();
    auto groups = ResolveInterfaceGroups(tx, request.group_ids, **subnet);
    if (!groups) return std::move(groups).error();
    auto addresses = TakeAddresses(p, **subnet, request);
    if (!addresses) return std::move(addresses).error();
    NetworkInterface eni = NewInterface(tx, **subnet, addresses->front(), std::move(*groups));
    eni.secondary_private_ips.assign(addresses->begin() + 1, addresses->end());
    eni.description = request.description;
    eni.client_token = request.client_token;
    eni.tags = *tags;
    tx.Put(eni);
    return ViewOfInterface(p, eni);
  });
}

Status DeleteNetworkInterface(Ec2& ec2, const Caller& caller, const std::string& network_interface_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<NetworkInterface>(network_interface_id);
    if (!found) return std::move(found).error();
    const NetworkInterface& eni = **found;
    // A requester-managed interface (a NAT gateway's) is in use by its service for as long as it exists.
    if (eni.attached || eni.requester_managed) {
      return MakeError(codes::kNetworkInterfaceInUse,
                       "The network interface '" + network_interface_id + "' is currently in use.");
    }
    DisassociateAddressesOf(tx, network_interface_id);  // as on AWS
    tx.Erase<NetworkInterface>(network_interface_id);
    return Ok{};
  });
}

}  // namespace localec2::model
