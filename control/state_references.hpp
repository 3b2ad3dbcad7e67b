// The cross-references of an imported state document (state_document.hpp): what one record names must
// exist in the document, among the region's derived defaults (minus the document's RemovedDefaults) or,
// for images and their snapshots, in the public catalog. Only references AWS keeps live are checked;
// those that are history are checked for their shape only, because AWS keeps them after the resource is
// gone: a volume's SnapshotId and a snapshot's VolumeId (either may be deleted later), a deregistered
// image's snapshots, a route's target (a blackhole route), a launch template's data, a rule's peer group
// in another account, and what a terminated instance or a deleted NAT gateway named.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "control/state_document.hpp"
#include "model/core/result.hpp"

namespace localec2::control {

// The public catalog's image ids and their snapshot ids in a region.
struct CatalogIds {
  std::set<std::string, std::less<>> images;
  std::set<std::string, std::less<>> snapshots;
};
using CatalogOf = std::function<CatalogIds(const std::string& region)>;

// The first dangling reference of `parsed`, named by its path. Checked: an instance's ImageId (document
// or catalog), and unless terminated its SubnetId, VpcId, GroupIds and Volumes[].VolumeId; a volume's
// InstanceId; an available image's block device snapshots (document or catalog); a subnet's, security
// group's, route table's, network ACL's and internet gateway's VpcId; a route table's and ACL's
// association SubnetIds; an interface's SubnetId, VpcId, GroupIds and attached InstanceId; an address's
// NetworkInterfaceId and InstanceId; a VPC's DhcpOptionsId (unless "default"); a live NAT gateway's
// SubnetId and VpcId. The history references above must have their type's id form. Errors:
// InvalidParameterValue, "PATH: ID does not exist in the document…" or "PATH: "ID" is not an id of…".
model::Status CheckStateReferences(const ParsedState& parsed, const CatalogOf& catalog);

}  // namespace localec2::control
