// The network family's resources, as plain values (resources.hpp puts them in the Resource variant). Each
// belongs to one account and region. Addresses in use (private and public) are not kept on the subnet:
// the partition indexes them from the interfaces and Elastic IPs (partition.hpp), so freeing an address
// is erasing or changing the record that held it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace localec2::model {

using Tags = std::map<std::string, std::string>;

// An IPv4 CIDR block of a VPC beyond its primary one (AssociateVpcCidrBlock).
struct VpcCidrAssociation {
  std::string association_id;  // vpc-cidr-assoc-…
  std::string cidr_block;
  std::string state = "associated";  // associated | disassociated (kept until the VPC's next change)
};

struct Vpc {
  std::string vpc_id;
  std::string cidr_block;  // the primary block, never disassociated
  std::string cidr_association_id;
  std::vector<VpcCidrAssociation> secondary_cidrs;
  std::string dhcp_options_id;  // "default" when none
  std::string owner_id;
  std::string instance_tenancy = "default";  // default | dedicated
  bool is_default = false;
  bool enable_dns_support = true;
  bool enable_dns_hostnames = false;  // true for the default VPC
  bool enable_network_address_usage_metrics = false;
  std::string state = "available";  // pending settles into available with the clock
  std::int64_t create_time_ms = 0;
  Tags tags;
};

struct Subnet {
  std::string subnet_id;
  std::string vpc_id;
  std::string availability_zone;
  std::string availability_zone_id;
  std::string cidr_block;
  std::string owner_id;
  bool default_for_az = false;
  bool map_public_ip_on_launch = false;
  bool assign_ipv6_address_on_creation = false;
  bool enable_dns64 = false;
  std::string private_dns_hostname_type_on_launch = "ip-name";  // ip-name | resource-name
  bool enable_resource_name_dns_a_record_on_launch = false;
  bool enable_resource_name_dns_aaaa_record_on_launch = false;
  std::string state = "available";
  // Derived, never stored: the subnet's capacity less the addresses its interfaces use, kept by Apply from
  // the partition's address index.
  int available_ip_address_count = 0;
  Tags tags;
};

// An interface's attachment to an instance.
struct InterfaceAttachment {
  std::string attachment_id;  // eni-attach-…
  std::string instance_id;
  std::string instance_owner_id;
  int device_index = 0;
  int network_card_index = 0;
  std::string status = "attached";  // attaching | attached | detaching | detached
  std::int64_t attach_time_ms = 0;
  bool delete_on_termination = false;
};

// The public address an interface's primary private address carries: a public IP given at launch (owner
// "amazon", released when the instance stops) or an Elastic IP (allocation_id set; it stays).
struct PublicAddress {
  std::string public_ip;
  std::string allocation_id;   // eipalloc-… when an Elastic IP
  std::string association_id;  // eipassoc-… when an Elastic IP
  std::string ip_owner_id;     // "amazon" or the Elastic IP's account
};

struct NetworkInterface {
  std::string network_interface_id;  // eni-…
  std::string subnet_id;
  std::string vpc_id;
  std::string availability_zone;
  std::string description;
  std::string owner_id;
  std::string interface_type = "interface";  // interface | nat_gateway | …
  bool requester_managed = false;            // true for interfaces AWS makes (a NAT gateway's)
  std::string requester_id;
  std::string mac_address;
  std::string private_ip;  // the primary private address
  std::vector<std::string> secondary_private_ips;
  std::vector<std::string> group_ids;
  bool source_dest_check = true;
  std::string status = "available";  // available | in-use (attached)
  bool attached = false;
  InterfaceAttachment attachment;  // when attached
  bool has_public = false;
  PublicAddress public_address;  // when has_public
  // The launch gave it a public address from Amazon's pool: a new one at every start of its instance
  // while no Elastic IP is associated (the address is released at stop).
  bool launch_public_ip = false;
  std::string client_token;  // CreateNetworkInterface's, to answer a retry with the same interface
  Tags tags;
};

// An Elastic IP address (domain vpc).
struct Address {
  std::string allocation_id;  // eipalloc-…
  std::string public_ip;
  std::string association_id;  // eipassoc-…, while associated
  std::string instance_id;     // while associated with an instance's interface
  std::string network_interface_id;
  std::string network_interface_owner_id;
  std::string private_ip;
  std::string network_border_group;  // the region
  std::string public_ipv4_pool = "amazon";
  std::string domain = "vpc";
  Tags tags;
};

struct InternetGateway {
  std::string internet_gateway_id;  // igw-…
  std::string owner_id;
  std::string vpc_id;  // attached to, or empty
  Tags tags;
};

struct EgressOnlyInternetGateway {
  std::string egress_only_internet_gateway_id;  // eigw-…
  std::string vpc_id;                           // always attached (to the VPC it was created for)
  std::string attachment_state = "attached";
  std::string client_token;  // CreateEgressOnlyInternetGateway's, for its idempotency
  Tags tags;
};

struct NatGateway {
  std::string nat_gateway_id;  // nat-…
  std::string subnet_id;
  std::string vpc_id;
  std::string connectivity_type = "public";  // public | private
  std::string allocation_id;                 // public: its Elastic IP
  std::string network_interface_id;          // the requester-managed interface it made
  std::string private_ip;
  std::string public_ip;
  std::string state = "pending";  // pending settles into available; deleting settles into deleted
  std::int64_t state_since_ms = 0;
  std::int64_t create_time_ms = 0;
  std::int64_t delete_time_ms = 0;
  std::string client_token;
  Tags tags;
};

// One route of a route table; exactly one destination and one target.
struct Route {
  std::string destination_cidr_block;
  std::string destination_ipv6_cidr_block;
  std::string destination_prefix_list_id;
  std::string gateway_id;  // igw-… or "local"
  std::string egress_only_internet_gateway_id;
  std::string nat_gateway_id;
  std::string network_interface_id;
  std::string instance_id;
  std::string vpc_peering_connection_id;
  std::string origin = "CreateRoute";  // CreateRouteTable (the local route) | CreateRoute
  // The state (active | blackhole) is not kept: it follows from whether the target still exists.
};

struct RouteTableAssociation {
  std::string association_id;  // rtbassoc-…
  bool main = false;           // the VPC's main association (no subnet)
  std::string subnet_id;
  std::string gateway_id;
};

struct RouteTable {
  std::string route_table_id;  // rtb-…
  std::string vpc_id;
  std::string owner_id;
  std::vector<Route> routes;
  std::vector<RouteTableAssociation> associations;
  std::string client_token;  // CreateRouteTable's, for its idempotency
  Tags tags;
};

struct NetworkAclEntry {
  int rule_number = 0;  // 32767: the default rule that denies what no other rule matched
  bool egress = false;
  std::string protocol = "-1";
  std::string rule_action = "allow";  // allow | deny
  std::string cidr_block;
  std::string ipv6_cidr_block;
  int icmp_type = -1;  // icmp only
  int icmp_code = -1;
  int from_port = -1;  // tcp and udp only
  int to_port = -1;
};

struct NetworkAclAssociation {
  std::string association_id;  // aclassoc-…
  std::string subnet_id;
};

struct NetworkAcl {
  std::string network_acl_id;  // acl-…
  std::string vpc_id;
  std::string owner_id;
  bool is_default = false;
  std::vector<NetworkAclEntry> entries;
  std::vector<NetworkAclAssociation> associations;
  std::string client_token;  // CreateNetworkAcl's, for its idempotency
  Tags tags;
};

struct DhcpConfiguration {
  std::string key;  // domain-name, domain-name-servers, ntp-servers, netbios-name-servers, netbios-node-type
  std::vector<std::string> values;
};

struct DhcpOptions {
  std::string dhcp_options_id;  // dopt-…
  std::string owner_id;
  std::vector<DhcpConfiguration> configurations;
  Tags tags;
};

}  // namespace localec2::model
