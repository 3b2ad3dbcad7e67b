// NAT gateways: their requester-managed interface, their Elastic IP's association and their clock-driven
// states (gateways.hpp).
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/network/addressing.hpp"
#include "model/network/describe_derived.hpp"
#include "model/network/gateways.hpp"
#include "model/network/interface_records.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<DescribedNatGateway> kNatGatewayFilters[] = {
    {"nat-gateway-id",
     [](const DescribedNatGateway& g, std::string_view, auto& out) { out.push_back(g.nat_gateway_id); }},
    {"state", [](const DescribedNatGateway& g, std::string_view, auto& out) { out.push_back(g.state); }},
    {"subnet-id",
     [](const DescribedNatGateway& g, std::string_view, auto& out) { out.push_back(g.subnet_id); }},
    {"vpc-id", [](const DescribedNatGateway& g, std::string_view, auto& out) { out.push_back(g.vpc_id); }},
    LOCALEC2_TAG_FILTERS(DescribedNatGateway),
};

Status ValidateNatRequest(const CreateNatGatewayRequest& request, bool is_public) {
  if (!request.unsupported.empty()) {
    return MakeError(codes::kInvalidParameterValue,
                     "The parameter " + request.unsupported + " is not supported by localec2.");
  }
  if (request.subnet_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter SubnetId");
  }
  if (!is_public && request.connectivity_type != "private") {
    return MakeError(codes::kInvalidParameterValue, "Value (" + request.connectivity_type +
                                                        ") for parameter ConnectivityType is invalid. "
                                                        "Valid values: public, private.");
  }
  if (is_public && request.allocation_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter AllocationId");
  }
  if (!is_public && !request.allocation_id.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "AllocationId cannot be specified for a NAT gateway whose ConnectivityType is private.");
  }
  return Ok{};
}

// The Elastic IP a public gateway takes: it must exist and be free. Errors: InvalidAllocationID.*,
// Resource.AlreadyAssociated.
Result<const Address*> FreeElasticIp(const View& view, const std::string& allocation_id) {
  auto address = view.Find<Address>(allocation_id);
  if (!address) return std::move(address).error();
  if (!(*address)->association_id.empty()) {
    return MakeError(codes::kResourceAlreadyAssociated,
                     "Elastic IP address [" + allocation_id + "] is already associated");
  }
  return *address;
}

// The private address of the gateway's interface: the one asked for, or the subnet's next free one.
Result<std::string> InterfaceAddress(const View& view, const Subnet& subnet, const std::string& wanted) {
  PrivateAddressAllocator allocator(view.partition(), subnet);
  if (!wanted.empty()) {
    if (auto taken = allocator.Take(wanted); !taken) return std::move(taken).error();
    return wanted;
  }
  auto next = allocator.Next();
  if (!next) {
    return MakeError(codes::kInsufficientFreeAddresses,
                     "Subnet has insufficient free addresses to create this NAT gateway");
  }
  return *next;
}

// `gateway` in its state at `view`'s time, with its Elastic IP's association while it has one.
DescribedNatGateway Described(const View& view, const NatGateway& gateway) {
  DescribedNatGateway described;
  static_cast<NatGateway&>(described) = gateway;
  described.state = CurrentNatState(gateway, view.now(), view.timing());
  const Address* address = Lookup<Address>(view.partition(), gateway.allocation_id);
  if (address != nullptr && address->network_interface_id == gateway.network_interface_id) {
    described.association_id = address->association_id;
  }
  return described;
}

const NatGateway* EarlierCreate(const Partition& p, const std::string& client_token) {
  if (client_token.empty()) return nullptr;
  for (const auto& [id, gateway] : p.nat_gateways) {
    if (gateway.client_token == client_token) return &gateway;
  }
  return nullptr;
}

}  // namespace

std::string_view CurrentNatState(const NatGateway& gateway, std::int64_t now_ms,
                                 const LifecycleTiming& timing) {
  const bool settled = now_ms >= gateway.state_since_ms + timing.transition_ms;
  if (gateway.state == nat_states::kPending) return settled ? nat_states::kAvailable : nat_states::kPending;
  if (gateway.state == nat_states::kDeleting) return settled ? nat_states::kDeleted : nat_states::kDeleting;
  return gateway.state;
}

bool IsNatVisible(const NatGateway& gateway, std::int64_t now_ms, const LifecycleTiming& timing) {
  if (CurrentNatState(gateway, now_ms, timing) != nat_states::kDeleted) return true;
  std::int64_t deleted_at =
      gateway.state_since_ms + (gateway.state == nat_states::kDeleted ? 0 : timing.transition_ms);
  return now_ms < deleted_at + timing.terminated_visible_ms;
}

Result<DescribedNatGateway> CreateNatGateway(Ec2& ec2, const Caller& caller,
                                             const CreateNatGatewayRequest& request) {
  const bool is_public = request.connectivity_type.empty() || request.connectivity_type == "public";
  if (auto valid = ValidateNatRequest(request, is_public); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "natgateway", {"natgateway"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<DescribedNatGateway> {
    if (const NatGateway* again = EarlierCreate(tx.partition(), request.client_token))
      return Described(tx, *again);
    auto subnet = tx.Find<Subnet>(request.subnet_id);
    if (!subnet) return std::move(subnet).error();
    const Address* elastic_ip = nullptr;
    if (is_public) {
      auto address = FreeElasticIp(tx, request.allocation_id);
      if (!address) return std::move(address).error();
      elastic_ip = *address;
    }
    auto private_ip = InterfaceAddress(tx, **subnet, request.private_ip);
    if (!private_ip) return std::move(private_ip).error();

    NatGateway gateway;
    gateway.nat_gateway_id = tx.NewId("nat");
    gateway.subnet_id = request.subnet_id;
    gateway.vpc_id = (*subnet)->vpc_id;
    gateway.connectivity_type = is_public ? "public" : "private";
    gateway.private_ip = *private_ip;
    gateway.state = nat_states::kPending;
    gateway.state_since_ms = gateway.create_time_ms = tx.now();
    gateway.client_token = request.client_token;
    gateway.tags = *tags;

    NetworkInterface eni = NewInterface(tx, **subnet, *private_ip, {});
    eni.interface_type = "nat_gateway";
    eni.requester_managed = true;
    eni.description = "Interface for NAT Gateway " + gateway.nat_gateway_id;
    eni.source_dest_check = false;
    eni.status = "in-use";
    gateway.network_interface_id = eni.network_interface_id;
    if (elastic_ip != nullptr) {
      Address associated = *elastic_ip;
      associated.association_id = tx.NewId("eipassoc");
      associated.network_interface_id = eni.network_interface_id;
      associated.network_interface_owner_id = tx.caller().account_id;
      associated.private_ip = *private_ip;
      eni.has_public = true;
      eni.public_address = {associated.public_ip, associated.allocation_id, associated.association_id,
                            tx.caller().account_id};
      gateway.allocation_id = associated.allocation_id;
      gateway.public_ip = associated.public_ip;
      tx.Put(associated);
    }
    tx.Put(eni);
    tx.Put(gateway);
    DescribedNatGateway created;
    static_cast<NatGateway&>(created) = gateway;
    created.association_id = eni.public_address.association_id;
    return created;
  });
}

Status DeleteNatGateway(Ec2& ec2, const Caller& caller, const std::string& nat_gateway_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<NatGateway>(nat_gateway_id);
    if (!found) return std::move(found).error();
    const std::string_view state = CurrentNatState(**found, tx.now(), tx.timing());
    if (state == nat_states::kDeleted) return ResourceTraits<NatGateway>::NotFound(nat_gateway_id);
    if (state == nat_states::kDeleting) return Ok{};
    NatGateway gateway = **found;
    gateway.state = nat_states::kDeleting;
    gateway.state_since_ms = gateway.delete_time_ms = tx.now();
    tx.Put(gateway);
    if (Lookup<NetworkInterface>(tx.partition(), gateway.network_interface_id) != nullptr) {
      tx.Erase<NetworkInterface>(gateway.network_interface_id);
    }
    if (const Address* address = Lookup<Address>(tx.partition(), gateway.allocation_id);
        address != nullptr && address->network_interface_id == gateway.network_interface_id) {
      Address released = *address;
      released.association_id.clear();
      released.network_interface_id.clear();
      released.network_interface_owner_id.clear();
      released.private_ip.clear();
      tx.Put(released);
    }
    return Ok{};
  });
}

Result<Page<DescribedNatGateway>> DescribeNatGateways(Ec2& ec2, const Caller& caller,
                                                      const DescribeGatewaysRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    std::vector<DescribedNatGateway> candidates;
    for (const auto& [id, gateway] : view.partition().nat_gateways) {
      if (IsNatVisible(gateway, view.now(), view.timing())) candidates.push_back(Described(view, gateway));
    }
    return DescribeDerived<NatGateway, DescribedNatGateway>(view.partition(), request.ids, request.filters,
                                                            kNatGatewayFilters, request.page, {5, 1000},
                                                            candidates);
  });
}

}  // namespace localec2::model
