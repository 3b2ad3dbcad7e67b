// AllocateAddress, AssociateAddress, DisassociateAddress, ReleaseAddress and DescribeAddresses.
#include "model/network/addresses.hpp"

#include <algorithm>
#include <map>

#include "model/core/describe.hpp"
#include "model/core/tx.hpp"
#include "model/instances/instances.hpp"
#include "model/network/addressing.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/interface_rules.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<Address> kAddressFilters[] = {
    {"allocation-id", [](const Address& a, std::string_view, auto& out) { out.push_back(a.allocation_id); }},
    {"association-id",
     [](const Address& a, std::string_view, auto& out) { out.push_back(a.association_id); }},
    {"domain", [](const Address& a, std::string_view, auto& out) { out.push_back(a.domain); }},
    {"instance-id", [](const Address& a, std::string_view, auto& out) { out.push_back(a.instance_id); }},
    {"network-border-group",
     [](const Address& a, std::string_view, auto& out) { out.push_back(a.network_border_group); }},
    {"network-interface-id",
     [](const Address& a, std::string_view, auto& out) { out.push_back(a.network_interface_id); }},
    {"network-interface-owner-id",
     [](const Address& a, std::string_view, auto& out) { out.push_back(a.network_interface_owner_id); }},
    {"private-ip-address",
     [](const Address& a, std::string_view, auto& out) { out.push_back(a.private_ip); }},
    {"public-ip", [](const Address& a, std::string_view, auto& out) { out.push_back(a.public_ip); }},
    {"public-ipv4-pool",
     [](const Address& a, std::string_view, auto& out) { out.push_back(a.public_ipv4_pool); }},
    LOCALEC2_TAG_FILTERS(Address),
};

Error Refused(std::string_view parameter, const std::string& value, std::string_view why) {
  return MakeError(
      codes::kInvalidParameterValue,
      "Value (" + value + ") for parameter " + std::string(parameter) + " is invalid. " + std::string(why));
}

Status ValidateAllocate(const Scope& scope, const AllocateAddressRequest& request) {
  if (!request.domain.empty() && request.domain != "vpc")
    return Refused("Domain", request.domain,
                   "localec2 emulates vpc addresses only (EC2-Classic is retired).");
  if (!request.address.empty())
    return Refused("Address", request.address, "Bring-your-own-IP pools are not emulated.");
  if (!request.public_ipv4_pool.empty() && request.public_ipv4_pool != "amazon")
    return Refused("PublicIpv4Pool", request.public_ipv4_pool, "Only the amazon pool is emulated.");
  if (!request.network_border_group.empty() && request.network_border_group != scope.region)
    return Refused("NetworkBorderGroup", request.network_border_group,
                   "The network border group of " + scope.region + " is " + scope.region + ".");
  if (!request.customer_owned_ipv4_pool.empty())
    return Refused("CustomerOwnedIpv4Pool", request.customer_owned_ipv4_pool, "Outposts are not emulated.");
  if (!request.ipam_pool_id.empty())
    return Refused("IpamPoolId", request.ipam_pool_id, "IPAM pools are not emulated.");
  return Ok{};
}

// The records a call changes, each copied once from the partition so that two edits of one record
// (an address moving between two addresses of one interface) land in the same copy.
template <class T>
class Edits {
 public:
  T& Of(const T& stored) {
    auto [it, added] = copies_.try_emplace(stored.*ResourceTraits<T>::kId, stored);
    return it->second;
  }
  template <class F>
  void ForEach(F&& f) {
    for (auto& [id, record] : copies_) f(record);
  }
  void PutAll(Tx& tx) {
    for (auto& [id, record] : copies_) tx.Put(std::move(record));
  }

 private:
  std::map<std::string, T> copies_;
};

// Takes `address` off whatever it is associated with (the interface's primary public address included).
void Unassociate(const Partition& p, Edits<Address>& addresses, Edits<NetworkInterface>& interfaces,
                 const Address& address) {
  if (const NetworkInterface* eni = Lookup<NetworkInterface>(p, address.network_interface_id)) {
    NetworkInterface& changed = interfaces.Of(*eni);
    if (changed.has_public && changed.public_address.allocation_id == address.allocation_id) {
      changed.has_public = false;
      changed.public_address = {};
    }
  }
  ClearAssociation(addresses.Of(address));
}

// As on AWS, an interface that had a public address from the launch and lost its Elastic IP gets a new
// launch address while its instance runs (a stopped one gets it at its next start).
void RenewLaunchAddresses(Tx& tx, Edits<NetworkInterface>& interfaces) {
  PublicAddressAllocator public_addresses(tx);
  interfaces.ForEach([&](NetworkInterface& eni) {
    if (eni.has_public || !eni.launch_public_ip || !eni.attached) return;
    const Instance* instance = Lookup<Instance>(tx.partition(), eni.attachment.instance_id);
    if (instance == nullptr || CurrentState(*instance, tx.now(), tx.timing()) != states::kRunning) return;
    GiveLaunchPublicAddress(eni, public_addresses);
  });
}

// The interface an AssociateAddress names, directly or as an instance's only interface.
Result<const NetworkInterface*> TargetInterface(const View& view, const AssociateAddressRequest& request) {
  if (!request.network_interface_id.empty()) return view.Find<NetworkInterface>(request.network_interface_id);
  auto instances = FindInstances(view, {request.instance_id});
  if (!instances) return std::move(instances).error();
  const Instance& instance = *(*instances)[0];
  std::string_view state = CurrentState(instance, view.now(), view.timing());
  if (state != states::kRunning && state != states::kStopped && state != states::kStopping) {
    return MakeError(codes::kIncorrectInstanceState, "The instance '" + instance.instance_id +
                                                         "' is not in a valid state for this operation.");
  }
  auto interfaces = InterfacesOf(view.partition(), instance.instance_id);
  if (interfaces.size() > 1) {
    return MakeError(codes::kInvalidInstanceId,
                     "There are multiple interfaces attached to instance '" + instance.instance_id +
                         "'. Please specify an interface ID for the operation instead.");
  }
  if (interfaces.empty()) {
    return MakeError(codes::kInvalidInstanceId, "The instance '" + instance.instance_id +
                                                    "' has no network interface to associate with.");
  }
  return interfaces[0];
}

bool HasAttachedGateway(const Partition& p, const std::string& vpc_id) {
  return std::any_of(p.internet_gateways.begin(), p.internet_gateways.end(),
                     [&](const auto& entry) { return entry.second.vpc_id == vpc_id; });
}

Status CheckAssociateShape(const AssociateAddressRequest& request) {
  if (request.allocation_id.empty() && !request.public_ip.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "You must specify an allocation id when mapping an address to a VPC instance");
  }
  if (request.allocation_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter AllocationId");
  if (!request.public_ip.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "You may specify public IP or allocation id, but not both in the same call");
  }
  if (request.instance_id.empty() == request.network_interface_id.empty()) {
    return MakeError(
        request.instance_id.empty() ? codes::kMissingParameter : codes::kInvalidParameterCombination,
        "The request must contain exactly one of the parameters InstanceId and NetworkInterfaceId");
  }
  return Ok{};
}

}  // namespace

Result<Address> AllocateAddress(Ec2& ec2, const Caller& caller, const AllocateAddressRequest& request) {
  auto tags = TagsFor(request.tag_specifications, "elastic-ip", {"elastic-ip"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<Address> {
    if (auto valid = ValidateAllocate(tx.scope(), request); !valid) return std::move(valid).error();
    if (tx.partition().addresses.size() >= static_cast<size_t>(kMaxElasticIps)) {
      return MakeError(codes::kAddressLimitExceeded, "The maximum number of addresses has been reached.");
    }
    PublicAddressAllocator allocator(tx);
    auto public_ip = allocator.NextElasticAddress();
    if (!public_ip) return std::move(public_ip).error();
    Address address;
    address.allocation_id = tx.NewId("eipalloc");
    address.public_ip = *public_ip;
    address.network_border_group = tx.scope().region;
    address.tags = *tags;
    tx.Put(address);
    return address;
  });
}

Result<std::string> AssociateAddress(Ec2& ec2, const Caller& caller, const AssociateAddressRequest& request) {
  if (auto shape = CheckAssociateShape(request); !shape) return std::move(shape).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    const Partition& p = tx.partition();
    auto found = tx.Find<Address>(request.allocation_id);
    if (!found) return std::move(found).error();
    const Address& address = **found;
    auto target = TargetInterface(tx, request);
    if (!target) return std::move(target).error();
    const NetworkInterface& eni = **target;
    const std::string private_ip = request.private_ip.empty() ? eni.private_ip : request.private_ip;
    if (!HasPrivateIp(eni, private_ip)) {
      return MakeError(codes::kInvalidParameterValue, "The private IP address " + private_ip +
                                                          " is not associated with the network interface " +
                                                          eni.network_interface_id);
    }
    if (!HasAttachedGateway(p, eni.vpc_id)) {
      return MakeError(codes::kGatewayNotAttached,
                       "Network " + eni.vpc_id + " is not attached to any internet gateway");
    }
    const Address* holder = nullptr;  // the Elastic IP already on that private address, if any
    for (const auto& [id, other] : p.addresses) {
      if (other.network_interface_id == eni.network_interface_id && other.private_ip == private_ip)
        holder = &other;
    }
    const Address* busy = !address.association_id.empty() ? &address : holder;
    if (busy != nullptr && !request.allow_reassociation) {
      return MakeError(codes::kResourceAlreadyAssociated, "resource " + busy->allocation_id +
                                                              " is already associated with associate-id " +
                                                              busy->association_id);
    }
    Edits<Address> addresses;
    Edits<NetworkInterface> interfaces;
    if (!address.association_id.empty()) Unassociate(p, addresses, interfaces, address);
    if (holder != nullptr && holder != &address) Unassociate(p, addresses, interfaces, *holder);
    Address& associated = addresses.Of(address);
    associated.association_id = tx.NewId("eipassoc");
    associated.network_interface_id = eni.network_interface_id;
    associated.network_interface_owner_id = eni.owner_id;
    associated.private_ip = private_ip;
    associated.instance_id = eni.attached ? eni.attachment.instance_id : "";
    if (private_ip == eni.private_ip) {
      NetworkInterface& carrier = interfaces.Of(eni);
      carrier.has_public = true;  // replaces a launch public address, which goes back to the pool
      carrier.public_address = {address.public_ip, address.allocation_id, associated.association_id,
                                tx.caller().account_id};
    }
    std::string association_id = associated.association_id;
    RenewLaunchAddresses(tx, interfaces);  // the interface the address left, if any
    addresses.PutAll(tx);
    interfaces.PutAll(tx);
    return association_id;
  });
}

Status DisassociateAddress(Ec2& ec2, const Caller& caller, const std::string& association_id,
                           const std::string& public_ip) {
  if (association_id.empty() && !public_ip.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "You must specify an association id when unmapping an address from a VPC instance");
  }
  if (association_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter AssociationId");
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    const Partition& p = tx.partition();
    auto it = std::find_if(p.addresses.begin(), p.addresses.end(),
                           [&](const auto& entry) { return entry.second.association_id == association_id; });
    if (it == p.addresses.end()) {
      return MakeError(codes::kAssociationIdNotFound,
                       "The association ID '" + association_id + "' does not exist");
    }
    Edits<Address> addresses;
    Edits<NetworkInterface> interfaces;
    Unassociate(p, addresses, interfaces, it->second);
    RenewLaunchAddresses(tx, interfaces);
    addresses.PutAll(tx);
    interfaces.PutAll(tx);
    return Ok{};
  });
}

Status ReleaseAddress(Ec2& ec2, const Caller& caller, const std::string& allocation_id,
                      const std::string& public_ip, const std::string& network_border_group) {
  if (!allocation_id.empty() && !public_ip.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "You may specify public IP or allocation id, but not both in the same call");
  }
  if (allocation_id.empty() && !public_ip.empty()) {
    return MakeError(codes::kInvalidParameterValue,
                     "You must specify an allocation id when releasing a VPC elastic IP address");
  }
  if (allocation_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter AllocationId");
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    if (!network_border_group.empty() && network_border_group != tx.scope().region) {
      return Refused("NetworkBorderGroup", network_border_group,
                     "The network border group of " + tx.scope().region + " is " + tx.scope().region + ".");
    }
    auto found = tx.Find<Address>(allocation_id);
    if (!found) return std::move(found).error();
    if (!(*found)->association_id.empty()) {
      return MakeError(codes::kIpAddressInUse, "Address " + allocation_id + " is in use.");
    }
    tx.Erase<Address>(allocation_id);
    return Ok{};
  });
}

Result<std::vector<Address>> DescribeAddresses(Ec2& ec2, const Caller& caller,
                                               const DescribeAddressesRequest& request) {
  return ec2.Read(caller, [&](const View& view) -> Result<std::vector<Address>> {
    const Partition& p = view.partition();
    auto compiled = CompiledFilters<Address>::Compile(request.filters, kAddressFilters);
    if (!compiled) return std::move(compiled).error();
    for (const std::string& id : request.allocation_ids) {
      if (auto found = view.Find<Address>(id); !found) return std::move(found).error();
    }
    for (const std::string& ip : request.public_ips) {
      bool known = std::any_of(p.addresses.begin(), p.addresses.end(),
                               [&](const auto& entry) { return entry.second.public_ip == ip; });
      if (!known) return MakeError(codes::kAddressNotFound, "Address '" + ip + "' not found.");
    }
    auto named = [](const std::vector<std::string>& names, const std::string& value) {
      return names.empty() || std::find(names.begin(), names.end(), value) != names.end();
    };
    std::vector<Address> found;
    for (const auto& [id, stored] : p.addresses) {
      if (!named(request.allocation_ids, id) || !named(request.public_ips, stored.public_ip)) continue;
      Address seen = stored;
      // The instance follows the interface's attachment, which can change after the association.
      const NetworkInterface* eni = Lookup<NetworkInterface>(p, stored.network_interface_id);
      seen.instance_id = eni != nullptr && eni->attached ? eni->attachment.instance_id : "";
      if (compiled->Matches(seen)) found.push_back(std::move(seen));
    }
    return found;
  });
}

Result<Page<Address>> DescribeAddressesAttribute(Ec2& ec2, const Caller& caller,
                                                 const std::vector<std::string>& allocation_ids,
                                                 const std::string& attribute, const PageRequest& page) {
  if (!attribute.empty() && attribute != "domain-name") {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + attribute + ") for parameter Attribute is invalid.");
  }
  if (auto valid = ValidatePage(page, {1, 1000}); !valid) return std::move(valid).error();
  auto addresses = DescribeAddresses(ec2, caller, {allocation_ids, {}, {}});
  if (!addresses) return std::move(addresses).error();
  Page<Address> answer;
  answer.items = TakePage(
      *addresses, page, [](const Address& a) { return a.allocation_id; }, answer.next_token);
  return answer;
}

}  // namespace localec2::model
