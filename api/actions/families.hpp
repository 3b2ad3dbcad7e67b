// Every family's table of actions, one line each; registry.cpp merges them into the one sorted index.
// A new family: its handlers and table in api/actions/<family>/, one line here and one in registry.cpp.
#pragma once

#include <span>

#include "api/actions/action.hpp"

namespace localec2::api {

std::span<const ActionEntry> DhcpOptionsActions();
std::span<const ActionEntry> GatewayActions();  // network: internet, egress-only and NAT gateways
std::span<const ActionEntry> IamAssociationActions();
std::span<const ActionEntry> ImageActions();
std::span<const ActionEntry> ImageAttributeActions();
std::span<const ActionEntry> InstanceActions();
std::span<const ActionEntry> InstanceInfoActions();
std::span<const ActionEntry> InstanceOptionActions();
std::span<const ActionEntry> KeyPairActions();
std::span<const ActionEntry> LaunchTemplateActions();
std::span<const ActionEntry> NetworkAclActions();
std::span<const ActionEntry> NetworkActions();
std::span<const ActionEntry> AddressActions();    // Elastic IPs (network family)
std::span<const ActionEntry> InterfaceActions();  // network interfaces (network family)
std::span<const ActionEntry> PlacementGroupActions();
std::span<const ActionEntry> RegionActions();
std::span<const ActionEntry> RouteTableActions();
std::span<const ActionEntry> SecurityGroupActions();
std::span<const ActionEntry> SnapshotActions();
std::span<const ActionEntry> SubnetActions();
std::span<const ActionEntry> TagActions();
std::span<const ActionEntry> VolumeActions();
std::span<const ActionEntry> VpcActions();

}  // namespace localec2::api
