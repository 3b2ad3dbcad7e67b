// DescribeVpcs, DescribeSubnets (with their filters) and DescribeAccountAttributes.
#include "model/network/network.hpp"

#include <algorithm>

#include "model/core/describe.hpp"
#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<Vpc> kVpcFilters[] = {
    {"vpc-id", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.vpc_id); }},
    {"cidr", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.cidr_block); }},
    {"cidr-block-association.cidr-block",
     [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.cidr_block); }},
    {"cidr-block-association.association-id",
     [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.cidr_association_id); }},
    {"cidr-block-association.state",
     [](const Vpc&, std::string_view, auto& out) { out.push_back("associated"); }},
    {"dhcp-options-id", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.dhcp_options_id); }},
    {"is-default", [](const Vpc& v, std::string_view, auto& out) { out.push_back(BoolText(v.is_default)); }},
    {"owner-id", [](const Vpc& v, std::string_view, auto& out) { out.push_back(v.owner_id); }},
    {"state", [](const Vpc&, std::string_view, auto& out) { out.push_back("available"); }},
    LOCALEC2_TAG_FILTERS(Vpc),
};

constexpr FilterField<Subnet> kSubnetFilters[] = {
    {"subnet-id", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.subnet_id); }},
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
    {"map-public-ip-on-launch", [](const Subnet& s, std::string_view,
                                   auto& out) { out.push_back(BoolText(s.map_public_ip_on_launch)); }},
    {"owner-id", [](const Subnet& s, std::string_view, auto& out) { out.push_back(s.owner_id); }},
    {"state", [](const Subnet&, std::string_view, auto& out) { out.push_back("available"); }},
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
