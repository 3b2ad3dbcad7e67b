// One table of the resource types localec2 keeps: for each, its AWS type name (storage key and tag
// resource-type), its id prefix, its id member, its Describe* ids parameter (as errors name it), its map
// in a Partition, and its Malformed/NotFound errors. Everything generic over resources (Apply, storage
// decoding, tags, Tx::Find, DescribeById) reads this table instead of an if-chain. A new type is one
// ResourceTraits row, one Resource alternative (resources.hpp), one Partition map and its storage encoding.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "model/core/error_codes.hpp"
#include "model/core/ids.hpp"
#include "model/core/partition.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

// The Malformed error for `id`, which is not `prefix-` and 8 or 17 hex digits.
inline Error MalformedId(std::string_view code, const std::string& id, std::string_view prefix) {
  return MakeError(code, "Invalid id: \"" + id + "\" (expecting \"" + std::string(prefix) + "-...\")");
}

template <class T>
struct ResourceTraits;

template <>
struct ResourceTraits<KeyPair> {
  static constexpr std::string_view kType = "key-pair";
  static constexpr std::string_view kIdPrefix = "key";
  static constexpr auto kId = &KeyPair::key_pair_id;
  static constexpr std::string_view kIdsParameter = "keyPairIds";
  static constexpr auto kMap = &Partition::key_pairs;
  static constexpr std::string_view kMalformed = "";  // AWS answers NotFound for any key pair id
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kKeyPairNotFound, "The key pair ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<SecurityGroup> {
  static constexpr std::string_view kType = "security-group";
  static constexpr std::string_view kIdPrefix = "sg";
  static constexpr auto kId = &SecurityGroup::group_id;
  static constexpr std::string_view kIdsParameter = "groupIds";
  static constexpr auto kMap = &Partition::groups;
  static constexpr std::string_view kMalformed = codes::kGroupIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kGroupNotFound, "The security group '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<Vpc> {
  static constexpr std::string_view kType = "vpc";
  static constexpr std::string_view kIdPrefix = "vpc";
  static constexpr auto kId = &Vpc::vpc_id;
  static constexpr std::string_view kIdsParameter = "vpcIds";
  static constexpr auto kMap = &Partition::vpcs;
  static constexpr std::string_view kMalformed = codes::kVpcIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kVpcIdNotFound, "The vpc ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<Subnet> {
  static constexpr std::string_view kType = "subnet";
  static constexpr std::string_view kIdPrefix = "subnet";
  static constexpr auto kId = &Subnet::subnet_id;
  static constexpr std::string_view kIdsParameter = "subnetIds";
  static constexpr auto kMap = &Partition::subnets;
  static constexpr std::string_view kMalformed = codes::kSubnetIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kSubnetIdNotFound, "The subnet ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<Instance> {
  static constexpr std::string_view kType = "instance";
  static constexpr std::string_view kIdPrefix = "i";
  static constexpr auto kId = &Instance::instance_id;
  static constexpr std::string_view kIdsParameter = "instanceIds";
  static constexpr auto kMap = &Partition::instances;
  static constexpr std::string_view kMalformed = codes::kInstanceIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kInstanceIdNotFound, "The instance ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<Image> {
  static constexpr std::string_view kType = "image";
  static constexpr std::string_view kIdPrefix = "ami";
  static constexpr auto kId = &Image::image_id;
  static constexpr std::string_view kIdsParameter = "imageIds";
  static constexpr auto kMap = &Partition::images;
  static constexpr std::string_view kMalformed = codes::kAmiIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kAmiIdNotFound, "The image id '[" + id + "]' does not exist");
  }
};

template <>
struct ResourceTraits<Snapshot> {
  static constexpr std::string_view kType = "snapshot";
  static constexpr std::string_view kIdPrefix = "snap";
  static constexpr auto kId = &Snapshot::snapshot_id;
  static constexpr std::string_view kIdsParameter = "snapshotIds";
  static constexpr auto kMap = &Partition::snapshots;
  static constexpr std::string_view kMalformed = codes::kSnapshotIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kSnapshotNotFound, "The snapshot '" + id + "' does not exist.");
  }
};

template <>
struct ResourceTraits<Volume> {
  static constexpr std::string_view kType = "volume";
  static constexpr std::string_view kIdPrefix = "vol";
  static constexpr auto kId = &Volume::volume_id;
  static constexpr std::string_view kIdsParameter = "volumeIds";
  static constexpr auto kMap = &Partition::volumes;
  static constexpr std::string_view kMalformed = codes::kVolumeIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kVolumeNotFound, "The volume '" + id + "' does not exist.");
  }
};

template <>
struct ResourceTraits<MarketplaceSubscription> {
  static constexpr std::string_view kType = "marketplace-subscription";
  static constexpr std::string_view kIdPrefix = "marketplace-subscription";  // ids are product codes
  static constexpr auto kId = &MarketplaceSubscription::product_code;
  static constexpr std::string_view kIdsParameter = "productCodes";
  static constexpr auto kMap = &Partition::marketplace_subscriptions;
  static constexpr std::string_view kMalformed = "";
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kInvalidParameterValue,
                     "The account is not subscribed to the AWS Marketplace product '" + id + "'.");
  }
};

template <>
struct ResourceTraits<LaunchTemplate> {
  static constexpr std::string_view kType = "launch-template";
  static constexpr std::string_view kIdPrefix = "lt";
  static constexpr auto kId = &LaunchTemplate::launch_template_id;
  static constexpr std::string_view kIdsParameter = "launchTemplateIds";
  static constexpr auto kMap = &Partition::launch_templates;
  static constexpr std::string_view kMalformed = codes::kLaunchTemplateIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kLaunchTemplateIdNotFound,
                     "The specified launch template, with template ID " + id + ", does not exist.");
  }
};

template <>
struct ResourceTraits<PlacementGroup> {
  static constexpr std::string_view kType = "placement-group";
  static constexpr std::string_view kIdPrefix = "pg";
  static constexpr auto kId = &PlacementGroup::group_id;
  static constexpr std::string_view kIdsParameter = "groupIds";
  static constexpr auto kMap = &Partition::placement_groups;
  static constexpr std::string_view kMalformed = codes::kPlacementGroupIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kPlacementGroupIdNotFound, "The Placement Group ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<NetworkInterface> {
  static constexpr std::string_view kType = "network-interface";
  static constexpr std::string_view kIdPrefix = "eni";
  static constexpr auto kId = &NetworkInterface::network_interface_id;
  static constexpr std::string_view kIdsParameter = "networkInterfaceIds";
  static constexpr auto kMap = &Partition::network_interfaces;
  static constexpr std::string_view kMalformed = codes::kNetworkInterfaceIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kNetworkInterfaceIdNotFound,
                     "The networkInterface ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<Address> {
  static constexpr std::string_view kType = "elastic-ip";
  static constexpr std::string_view kIdPrefix = "eipalloc";
  static constexpr auto kId = &Address::allocation_id;
  static constexpr std::string_view kIdsParameter = "allocationIds";
  static constexpr auto kMap = &Partition::addresses;
  static constexpr std::string_view kMalformed = codes::kAllocationIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kAllocationIdNotFound, "The allocation ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<InternetGateway> {
  static constexpr std::string_view kType = "internet-gateway";
  static constexpr std::string_view kIdPrefix = "igw";
  static constexpr auto kId = &InternetGateway::internet_gateway_id;
  static constexpr std::string_view kIdsParameter = "internetGatewayIds";
  static constexpr auto kMap = &Partition::internet_gateways;
  static constexpr std::string_view kMalformed = codes::kInternetGatewayIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kInternetGatewayIdNotFound, "The internetGateway ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<EgressOnlyInternetGateway> {
  static constexpr std::string_view kType = "egress-only-internet-gateway";
  static constexpr std::string_view kIdPrefix = "eigw";
  static constexpr auto kId = &EgressOnlyInternetGateway::egress_only_internet_gateway_id;
  static constexpr std::string_view kIdsParameter = "egressOnlyInternetGatewayIds";
  static constexpr auto kMap = &Partition::egress_only_internet_gateways;
  static constexpr std::string_view kMalformed = "";
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kGatewayIdNotFound, "The gateway ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<NatGateway> {
  static constexpr std::string_view kType = "natgateway";
  static constexpr std::string_view kIdPrefix = "nat";
  static constexpr auto kId = &NatGateway::nat_gateway_id;
  static constexpr std::string_view kIdsParameter = "natGatewayIds";
  static constexpr auto kMap = &Partition::nat_gateways;
  static constexpr std::string_view kMalformed = codes::kNatGatewayMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kNatGatewayNotFound, "The Nat Gateway " + id + " was not found");
  }
};

template <>
struct ResourceTraits<RouteTable> {
  static constexpr std::string_view kType = "route-table";
  static constexpr std::string_view kIdPrefix = "rtb";
  static constexpr auto kId = &RouteTable::route_table_id;
  static constexpr std::string_view kIdsParameter = "routeTableIds";
  static constexpr auto kMap = &Partition::route_tables;
  static constexpr std::string_view kMalformed = codes::kRouteTableIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kRouteTableIdNotFound, "The routeTable ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<NetworkAcl> {
  static constexpr std::string_view kType = "network-acl";
  static constexpr std::string_view kIdPrefix = "acl";
  static constexpr auto kId = &NetworkAcl::network_acl_id;
  static constexpr std::string_view kIdsParameter = "networkAclIds";
  static constexpr auto kMap = &Partition::network_acls;
  static constexpr std::string_view kMalformed = codes::kNetworkAclIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kNetworkAclIdNotFound, "The networkAcl ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<DhcpOptions> {
  static constexpr std::string_view kType = "dhcp-options";
  static constexpr std::string_view kIdPrefix = "dopt";
  static constexpr auto kId = &DhcpOptions::dhcp_options_id;
  static constexpr std::string_view kIdsParameter = "dhcpOptionsIds";
  static constexpr auto kMap = &Partition::dhcp_options;
  static constexpr std::string_view kMalformed = codes::kDhcpOptionsIdMalformed;
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kDhcpOptionsIdNotFound, "The dhcpOption ID '" + id + "' does not exist");
  }
};

template <>
struct ResourceTraits<RemovedDefault> {
  static constexpr std::string_view kType = "removed-default";
  static constexpr std::string_view kIdPrefix = "removed-default";  // never a resource id's prefix
  static constexpr auto kId = &RemovedDefault::key;
  static constexpr std::string_view kIdsParameter = "";
  static constexpr auto kMap = &Partition::removed_defaults;
  static constexpr std::string_view kMalformed = "";
  static Error NotFound(const std::string& id) {
    return MakeError(codes::kInvalidId, "The ID '" + id + "' is not valid");
  }
};

// Calls `f.template operator()<T>()` for every resource type T of the Resource variant, in its order.
template <class F>
void ForEachResourceType(F&& f) {
  [&]<class... T>(std::variant<T...>*) {
    (f.template operator()<T>(), ...);
  }(static_cast<Resource*>(nullptr));
}

// The map of `T`s in `p`, by id.
template <class T>
auto& MapOf(Partition& p) {
  return p.*ResourceTraits<T>::kMap;
}
template <class T>
const auto& MapOf(const Partition& p) {
  return p.*ResourceTraits<T>::kMap;
}

// The `T` with `id` in `p`, or null. No visibility rule applies (callers add their family's).
template <class T>
const T* Lookup(const Partition& p, const std::string& id) {
  const auto& map = MapOf<T>(p);
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

// The `T` with `id` in `p`: its type's Malformed error for an id not of its shape, NotFound when absent.
template <class T>
Result<const T*> Find(const Partition& p, const std::string& id) {
  using Traits = ResourceTraits<T>;
  if (!Traits::kMalformed.empty() && !IsWellFormedId(Traits::kIdPrefix, id)) {
    return MalformedId(Traits::kMalformed, id, Traits::kIdPrefix);
  }
  const T* found = Lookup<T>(p, id);
  if (found == nullptr) return Traits::NotFound(id);
  return found;
}

}  // namespace localec2::model
