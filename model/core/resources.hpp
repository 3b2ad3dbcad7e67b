// The EC2 resources localec2 keeps, as plain values. Each belongs to one account and region (Scope).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/ebs/block_device_mapping.hpp"
#include "model/network/network_records.hpp"

namespace localec2::model {

struct Scope {
  std::string account_id;
  std::string region;
  bool operator==(const Scope&) const = default;
};

struct KeyPair {
  std::string key_pair_id;  // key-…
  std::string key_name;
  std::string key_type;     // rsa | ed25519
  std::string fingerprint;  // as AWS computes it (see key_material.hpp)
  std::string public_key;   // OpenSSH one-line form; the private key is never kept
  std::int64_t create_time_ms = 0;
  Tags tags;
};

// One rule of a security group, with exactly one peer, as AWS keeps them (sgr-…).
struct SecurityGroupRule {
  std::string rule_id;
  bool is_egress = false;
  std::string ip_protocol;  // "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a protocol number
  int from_port = -1;       // -1 where the protocol has no ports
  int to_port = -1;
  std::string cidr_ipv4;
  std::string cidr_ipv6;
  std::string prefix_list_id;
  std::string referenced_group_id;
  std::string referenced_user_id;
  std::string description;
  Tags tags;
};

struct SecurityGroup {
  std::string group_id;  // sg-…
  std::string group_name;
  std::string description;
  std::string vpc_id;
  std::string owner_id;
  std::vector<SecurityGroupRule> rules;
  Tags tags;
};

// An EBS volume as the instance sees it: its block device mapping entry. The volume itself is a Volume
// record, which holds the same attachment from its side.
struct InstanceVolume {
  std::string device_name;
  std::string volume_id;
  std::string snapshot_id;
  std::string volume_type = "gp3";
  int size_gib = 8;
  bool delete_on_termination = true;
  std::int64_t attach_time_ms = 0;
};

struct Instance {
  std::string instance_id;  // i-…
  std::string reservation_id;
  std::string owner_id;
  std::string image_id;
  std::string instance_type;
  std::string key_name;
  std::string key_public_key;  // the key pair's public key at launch: it outlives DeleteKeyPair, as on AWS
  std::vector<std::string> group_ids;
  std::string subnet_id;
  std::string vpc_id;
  std::string availability_zone;
  std::string private_ip;
  std::string user_data;  // base64, as the client sent it
  std::string iam_profile_arn;
  std::string iam_profile_id;
  std::string iam_association_id;  // iip-assoc-…, while a profile is associated
  std::string architecture;
  std::string platform;          // "windows" or empty
  std::string platform_details;  // "Linux/UNIX", "Windows"
  std::string root_device_type;  // ebs | instance-store
  std::string root_device_name;
  std::string boot_mode;
  std::vector<InstanceVolume> volumes;
  bool ebs_optimized = false;
  bool monitoring = false;
  bool disable_api_termination = false;
  bool disable_api_stop = false;
  bool source_dest_check = true;
  std::string shutdown_behavior = "stop";  // stop | terminate
  std::string http_tokens = "required";
  std::string http_endpoint = "enabled";
  int http_put_response_hop_limit = 2;
  std::string http_protocol_ipv6 = "disabled";      // enabled | disabled
  std::string instance_metadata_tags = "disabled";  // enabled | disabled
  // Launch options (launch_options.hpp), as RunInstances set them.
  bool hibernation_configured = false;
  int core_count = 0;  // 0: the type's default CPU layout
  int threads_per_core = 0;
  std::string cpu_credits;                // standard | unlimited; empty: the type's default (burstable only)
  std::string auto_recovery = "default";  // default | disabled
  std::string hostname_type = "ip-name";  // ip-name | resource-name
  bool dns_a_record = false;              // EnableResourceNameDnsARecord
  bool dns_aaaa_record = false;           // EnableResourceNameDnsAAAARecord
  bool enclave_enabled = false;
  std::string capacity_reservation_preference = "open";  // open | none
  std::string tenancy = "default";
  std::string placement_group;  // a placement group's name, or empty
  int partition_number = 0;     // in a partition placement group: 1–its count; else 0
  std::string client_token;
  int ami_launch_index = 0;
  std::int64_t launch_time_ms = 0;
  // Lifecycle: the state last entered and when; transitional states settle with the clock
  // (instance_lifecycle.hpp), so nothing needs writing when pending becomes running.
  std::string state = "pending";
  std::int64_t state_since_ms = 0;
  std::string state_transition_reason;
  std::string state_reason_code;
  std::string state_reason_message;
  Tags tags;
};

// One entry of an image's block device mapping: an EBS volume (from a snapshot, or empty), an instance
// store volume (virtual_name), or the suppression of a device (no_device).
struct BlockDevice {
  std::string device_name;
  std::string virtual_name;  // ephemeralN
  bool no_device = false;
  bool ebs = false;
  std::string snapshot_id;
  int volume_size_gib = 0;
  std::string volume_type = "gp3";
  int iops = 0;
  int throughput = 0;
  bool delete_on_termination = true;
  bool encrypted = false;
  std::string kms_key_id;
};

struct ProductCode {
  std::string id;
  std::string type;  // marketplace | devpay
};

// An AMI. Catalog images (image_catalog.hpp) are Images too, owned by other accounts and kept in memory.
struct Image {
  std::string image_id;  // ami-…
  std::string name;
  std::string description;
  std::string owner_id;
  std::string owner_alias;  // amazon | aws-marketplace | empty
  std::string platform;     // "windows" or empty
  std::string platform_details;
  std::string usage_operation;
  std::string architecture;
  std::string root_device_type;  // ebs | instance-store
  std::string root_device_name;
  std::string virtualization_type = "hvm";
  std::string boot_mode;
  std::string tpm_support;
  std::string imds_support;
  bool ena_support = true;
  std::string sriov_net_support = "simple";
  std::string image_location;
  std::string creation_date;  // ISO 8601, as AWS shows it
  // pending (settles into available with the clock) | available | disabled | deregistered (a tombstone:
  // hidden from listings, and from lookups by id once LifecycleTiming::terminated_visible_ms passed)
  std::string state = "available";
  std::int64_t state_since_ms = 0;
  bool is_public = false;
  std::vector<std::string> launch_permissions;  // account ids allowed to launch it
  std::vector<ProductCode> product_codes;
  std::vector<BlockDevice> block_devices;
  std::int64_t deprecation_time_ms = 0;  // 0: not scheduled
  std::string protection = "disabled";   // disabled | enabled-without-cooldown | enabled-with-cooldown
  std::int64_t protection_until_ms = 0;  // a disabled protection with cooldown still holds until then
  std::int64_t last_launched_ms = 0;
  std::string source_instance_id;
  std::string source_image_id;
  std::string source_region;
  std::string client_token;
  Tags tags;
};

struct Snapshot {
  std::string snapshot_id;  // snap-…
  std::string volume_id;    // the volume it was taken from (vol-ffffffff for copies, as AWS shows)
  std::string owner_id;
  std::string description;
  int volume_size_gib = 0;
  std::string state = "pending";  // pending settles into completed with the clock
  std::int64_t start_time_ms = 0;
  bool encrypted = false;
  std::string kms_key_id;
  bool is_public = false;
  std::vector<std::string> create_volume_permissions;  // account ids allowed to create volumes from it
  std::string source_snapshot_id;
  Tags tags;
};

// The last ModifyVolume of a volume (DescribeVolumesModifications).
struct VolumeModification {
  std::string state;  // modifying settles into optimizing, then completed
  std::int64_t start_time_ms = 0;
  int original_size_gib = 0;
  std::string original_type;
  int original_iops = 0;
  int original_throughput = 0;
  int target_size_gib = 0;
  std::string target_type;
  int target_iops = 0;
  int target_throughput = 0;
};

struct Volume {
  std::string volume_id;  // vol-…
  std::string availability_zone;
  std::string snapshot_id;
  std::string volume_type = "gp3";
  int size_gib = 0;
  int iops = 0;
  int throughput = 0;
  bool encrypted = false;
  std::string kms_key_id;
  std::int64_t create_time_ms = 0;
  std::string state = "creating";  // creating (settles into available) | available | in-use
  // The attachment, while there is one.
  std::string instance_id;
  std::string device_name;
  std::string attach_state;  // attaching (settles into attached) | attached | detaching (settles: gone)
  std::int64_t attach_since_ms = 0;
  bool delete_on_termination = false;
  std::vector<VolumeModification> modifications;  // at most the last one
  Tags tags;
};

// The account's subscription to an AWS Marketplace product, which the product's images need before they
// launch (model/marketplace/). Marketplace subscriptions are account-wide: each is kept in the account's
// partition of kSubscriptionRegion (marketplace.hpp), whatever region asked for it.
struct MarketplaceSubscription {
  std::string product_code;  // the id of a marketplace ProductCode of a catalog image
  std::int64_t subscribed_ms = 0;
  Tags tags;  // not taggable through EC2; every resource type has tags
};

// A launch template's network interface: the members of RunInstances' NetworkInterfaces it applies.
struct LaunchTemplateInterface {
  int device_index = 0;
  std::string subnet_id;
  std::vector<std::string> group_ids;
  std::optional<bool> delete_on_termination;
  std::string network_interface_id;
  std::string description;
  std::string private_ip;
  std::optional<int> secondary_private_ip_count;
  std::optional<bool> associate_public_ip;
};

// What a launch template version holds: the members of RequestLaunchTemplateData that RunInstances can
// apply, as the request gave them (empty / nullopt: not given). CreateLaunchTemplate refuses the others.
struct LaunchTemplateData {
  std::string image_id;
  std::string instance_type;
  std::string key_name;
  std::vector<std::string> security_group_ids;
  std::vector<std::string> security_groups;  // names
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::string user_data;  // base64
  std::string iam_profile_arn;
  std::string iam_profile_name;
  std::string http_tokens;
  std::string http_endpoint;
  std::optional<int> http_put_response_hop_limit;
  std::map<std::string, Tags> tag_specifications;  // resource type → tags
  std::optional<bool> monitoring;
  std::optional<bool> disable_api_termination;
  std::optional<bool> disable_api_stop;
  std::optional<bool> ebs_optimized;
  std::string shutdown_behavior;
  std::string availability_zone;  // Placement.AvailabilityZone
  std::vector<LaunchTemplateInterface> network_interfaces;
};

struct LaunchTemplateVersion {
  long long version_number = 1;
  std::string description;
  std::int64_t create_time_ms = 0;
  std::string client_token;  // CreateLaunchTemplateVersion's, for its retries
  LaunchTemplateData data;
};

// A launch template keeps its versions inside it (a version is never seen or stored without its template).
struct LaunchTemplate {
  std::string launch_template_id;  // lt-…
  std::string name;
  std::string created_by;  // arn:aws:iam::<account>:root
  std::int64_t create_time_ms = 0;
  long long default_version = 1;
  long long latest_version = 1;  // the highest number ever given; deleted numbers are not reused
  std::string client_token;      // CreateLaunchTemplate's
  std::vector<LaunchTemplateVersion> versions;  // ascending by number
  Tags tags;
};

// A placement group: where the instances launched into it are put relative to each other.
struct PlacementGroup {
  std::string group_id;  // pg-…
  std::string group_name;
  std::string strategy;      // cluster | spread | partition
  int partition_count = 0;   // partition: 1–7; 0 for the others
  std::string spread_level;  // spread: rack; empty for the others
  std::string state = "available";
  Tags tags;
};

// The removal of a resource localec2 derives for every account and region (the default VPC's internet
// gateway, main route table, …: partition.hpp AddDefaults). Derived resources are rebuilt at every start,
// so deleting one is recorded as this, which undoes it again after the rebuild.
struct RemovedDefault {
  std::string key;  // "removed-default-" + type + "/" + id: its own id, never a resource's
  std::string type;
  std::string id;
  Tags tags;  // every resource type has tags
};

using Resource = std::variant<KeyPair, SecurityGroup, Vpc, Subnet, Instance, Image, Snapshot, Volume,
                              MarketplaceSubscription, LaunchTemplate, PlacementGroup, NetworkInterface,
                              Address, InternetGateway, EgressOnlyInternetGateway, NatGateway, RouteTable,
                              NetworkAcl, DhcpOptions, RemovedDefault>;

// The AWS resource type name of a resource ("key-pair", "security-group", "vpc", "subnet", "instance",
// "image", "snapshot", "volume", "marketplace-subscription", "launch-template", "placement-group",
// "network-interface", "elastic-ip", "internet-gateway", "egress-only-internet-gateway", "natgateway",
// "route-table", "network-acl", "dhcp-options").
std::string_view ResourceType(const Resource& resource);
const std::string& ResourceId(const Resource& resource);

}  // namespace localec2::model
