// The EC2 resources localec2 keeps, as plain values. Each belongs to one account and region (Scope).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace localec2::model {

using Tags = std::map<std::string, std::string>;

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

struct Vpc {
  std::string vpc_id;
  std::string cidr_block;
  std::string cidr_association_id;
  std::string dhcp_options_id;
  std::string owner_id;
  bool is_default = false;
  Tags tags;
};

struct Subnet {
  std::string subnet_id;
  std::string vpc_id;
  std::string availability_zone;
  std::string availability_zone_id;
  std::string cidr_block;
  std::string owner_id;
  int available_ip_address_count = 0;
  int next_host = 4;  // the next host number to hand out (AWS reserves .0 to .3 and the last address)
  bool default_for_az = false;
  bool map_public_ip_on_launch = false;
  Tags tags;
};

// An EBS volume attached to an instance. (Volumes as resources of their own come with the volume API.)
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

using Resource = std::variant<KeyPair, SecurityGroup, Vpc, Subnet, Instance>;

// The AWS resource type name of a resource ("key-pair", "security-group", "vpc", "subnet", "instance").
std::string_view ResourceType(const Resource& resource);
const std::string& ResourceId(const Resource& resource);

}  // namespace localec2::model
