// The in-memory state behind the Ec2 engine: one Partition per account and region. Families read it
// through a View and change it only through a Tx (tx.hpp); Ec2::Apply is the one writer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tag_filters.hpp"
#include "model/instances/instance_lifecycle.hpp"

namespace localec2::model {

struct Partition {
  Scope scope;
  std::string default_vpc_id;
  std::string default_group_id;
  std::map<std::string, KeyPair> key_pairs;     // by id
  std::map<std::string, SecurityGroup> groups;  // by id
  std::map<std::string, Vpc> vpcs;
  std::map<std::string, Subnet> subnets;
  std::map<std::string, Instance> instances;
  std::map<std::string, Image> images;  // the account's own, tombstones of deregistered ones included
  std::map<std::string, Snapshot> snapshots;
  std::map<std::string, Volume> volumes;
  std::map<std::string, MarketplaceSubscription> marketplace_subscriptions;  // by product code
  std::map<std::string, LaunchTemplate> launch_templates;
  std::map<std::string, PlacementGroup> placement_groups;  // by id
  std::map<std::string, NetworkInterface> network_interfaces;
  std::map<std::string, Address> addresses;  // by allocation id
  std::map<std::string, InternetGateway> internet_gateways;
  std::map<std::string, EgressOnlyInternetGateway> egress_only_internet_gateways;
  std::map<std::string, NatGateway> nat_gateways;
  std::map<std::string, RouteTable> route_tables;
  std::map<std::string, NetworkAcl> network_acls;
  std::map<std::string, DhcpOptions> dhcp_options;
  std::map<std::string, RemovedDefault> removed_defaults;  // by key
  std::set<std::string, std::less<>> derived_ids;  // the ids AddDefaults made (deleting one is recorded)
  // tag key → tag value → ids of the instances that carry it; kept by Apply so that a literal tag filter
  // narrows DescribeInstances to its matches instead of scanning every instance.
  std::map<std::string, std::map<std::string, std::set<std::string>, std::less<>>, std::less<>> instance_tags;

  // Derived from the interfaces and Elastic IPs by Apply (never stored): the private addresses in use per
  // subnet (as 32-bit numbers), the interfaces attached to each instance, the public addresses in use.
  std::map<std::string, std::set<std::uint32_t>, std::less<>> subnet_addresses;
  std::map<std::string, std::set<std::string>, std::less<>> instance_interfaces;
  std::unordered_set<std::uint32_t> public_ips;

  void IndexTags(const Instance& instance, bool add);
  void Index(const NetworkInterface& eni, bool add);
  void Index(const Address& address, bool add);
  // Recomputes the subnet's AvailableIpAddressCount from the address index.
  void RefreshAvailable(const std::string& subnet_id);
};

// The key of the partition of `account_id` in `region`, also the seed of its derived ids.
inline std::string PartitionKey(const std::string& account_id, const std::string& region) {
  return account_id + "/" + region;
}

// The default VPC, its subnets (one per zone) and its default security group for `scope`
// (network/default_vpc.cpp), which the engine adds to every new partition. Derived from the scope alone,
// so they are the same on every start and need no storage until changed.
void AddDefaults(Partition& partition);

inline std::string BoolText(bool b) { return b ? "true" : "false"; }

}  // namespace localec2::model
