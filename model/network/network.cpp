// DescribeVpcs, DescribeSubnets (with every documented filter) and DescribeAccountAttributes.
#include "model/network/network.hpp"

#include <algorithm>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/describe.hpp"
#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

// The VPC's IPv4 blocks as (association id, block, state), the primary first.
template <class F>
void EachCidrAssociation(const Vpc& v, F&& f) {
  f(v.cidr_association_id, v.cidr_block, std::string(states::kAssociated));
  for (const VpcCidrAssociation& a : v.secondary_cidrs) f(a.association_id, a.cidr_block, a.state);
}

// Filters on IPv6 members, which localec2 VPCs and subnets never have: known names that match nothing.
template <class T>
void NoValues(const T&, std::string_view, std::vector<std::string>&) {}

constexpr FilterField<Vpc> kVpcFilters[] = {
    {"vpc-id", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.vpc_id); }},
    {"cidr", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.cidr_block); }},
    {"cidr-block", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.cidr_block); }},
    {"cidr-block-association.cidr-block",
     [](const Vpc& v, std::string_view, auto& out) {
       EachCidrAssociation(v, [&](const auto&, const auto& block, const auto&) { out.push_back(block); });
     }},
    {"cidr-block-association.association-id",
     [](const Vpc& v, std::string_view, auto& out) {
       EachCidrAssociation(v, [&](const auto& id, const auto&, const auto&) { out.push_back(id); });
     }},
    {"cidr-block-association.state",
     [](const Vpc& v, std::string_view, auto& out) {
       EachCidrAssociation(v, [&](const auto&, const auto&, const auto& state) { out.push_back(state); });
     }},
    {"dhcp-options-id", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.dhcp_options_id); }},
    {"is-default", [](const Vpc& v, std::string_view, auto& out) { out.push_back(BoolText(v.is_default)); }},
    {"owner-id", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.owner_id); }},
    {"state", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.state); }},
    {"instance-tenancy",
     [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.instance_tenancy); }},
    {"ipv6-cidr-block-association.ipv6-cidr-block", &NoValues<Vpc>},
    {"ipv6-cidr-block-association.ipv6-pool", &NoValues<Vpc>},
    {"ipv6-cidr-block-association.association-id", &NoValues<Vpc>},
    {"ipv6-cidr-block-association.state", &NoValues<Vpc>},
    LOCALEC2_TAG_FILTERS(Vpc),
};

// The region of a subnet's zone (a filter field sees only the subnet, which keeps its zone, not its region).
std::string RegionOfZone(const std::string& zone_name) {
  for (const RegionInfo& region : AllRegions()) {
    for (const ZoneInfo& zone : region.zones) {
      if (zone.zone_name == zone_name) return region.region_name;
    }
  }
  return "";
}

constexpr FilterField<Subnet> kSubnetFilters[] = {
    {"subnet-id", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.subnet_id); }},
    {"subnet-arn",
     [](const Subnet& s, std::string_view, auto& out) {
       out.push_back("arn:aws:ec2:" + RegionOfZone(s.availability_zone) + ":" + s.owner_id + ":subnet/" +
                     s.subnet_id);
     }},
    {"vpc-id", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.vpc_id); }},
    {"availability-zone",
     [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.availability_zone); }},
    {"availability-zone-id",
     [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.availability_zone_id); }},
    {"available-ip-address-count",
     [](const Subnet& s, std::string_view, auto& out) {
       out.push_back(std::to_string(s.available_ip_address_count));
     }},
    {"cidr-block", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.cidr_block); }},
    {"cidr", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.cidr_block); }},
    {"default-for-az",
     [](const Subnet& s, std::string_view, auto& out) { out.push_back(BoolText(s.default_for_az)); }},
    {"enable-dns64",
     [](const Subnet& s, std::string_view, auto& out) { out.push_back(BoolText(s.enable_dns64)); }},
    {"ipv6-native", [](const Subnet&, std::string_view, auto& out) { out.push_back("false"); }},
    {"map-customer-owned-ip-on-launch",
     [](const Subnet&, std::string_view, auto& out) { out.push_back("false"); }},
    {"map-public-ip-on-launch", [](const Subnet& s, std::string_view,
                                   auto& out) { out.push_back(BoolText(s.map_public_ip_on_launch)); }},
    {"owner-id", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.owner_id); }},
    {"private-dns-name-options-on-launch.hostname-type",
     [](const Subnet& s, std::string_view, auto& out) {
       out.push_back(s.private_dns_hostname_type_on_launch);
     }},
    {"private-dns-name-options-on-launch.enable-resource-name-dns-a-record",
     [](const Subnet& s, std::string_view, auto& out) {
       out.push_back(BoolText(s.enable_resource_name_dns_a_record_on_launch));
     }},
    {"private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record",
     [](const Subnet& s, std::string_view, auto& out) {
       out.push_back(BoolText(s.enable_resource_name_dns_aaaa_record_on_launch));
     }},
    {"state", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.state); }},
    {"ipv6-cidr-block-association.ipv6-cidr-block", &NoValues<Subnet>},
    {"ipv6-cidr-block-association.association-id", &NoValues<Subnet>},
    {"ipv6-cidr-block-association.state", &NoValues<Subnet>},
    {"outpost-arn", &NoValues<Subnet>},
    LOCALEC2_TAG_FILTERS(Subnet),
};

}  // namespace

Result<Page<Vpc>> DescribeVpcs(Ec2& ec2, const Caller& caller, const DescribeVpcsRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    return DescribeById<Vpc>(view, request.vpc_ids, request.filters, kVpcFilters, request.page);
  });
}

Result<Page<Subnet>> DescribeSubnets(Ec2& ec2, const Caller& caller, const DescribeSubnetsRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    return DescribeById<Subnet>(view, request.subnet_ids, request.filters, kSubnetFilters, request.page);
  });
}

std::vector<AccountAttribute> DescribeAccountAttributes(Ec2& ec2, const Caller& caller,
                                                        const std::vector<std::string>& names) {
  const std::string default_vpc_id =
      ec2.Read(caller, [](const View& view) { return view.partition().default_vpc_id; });
  std::vector<AccountAttribute> all = {
      {"supported-platforms", {"VPC"}}, {"default-vpc", {default_vpc_id}},
      {"max-instances", {"20"}},        {"vpc-max-security-groups-per-interface", {"5"}},
      {"max-elastic-ips", {"5"}},       {"vpc-max-elastic-ips", {"5"}},
  };
  if (names.empty()) return all;
  std::vector<AccountAttribute> chosen;
  for (const AccountAttribute& attribute : all) {
    if (std::find(names.begin(), names.end(), attribute.name) != names.end()) chosen.push_back(attribute);
  }
  return chosen;
}

}  // namespace localec2::model
