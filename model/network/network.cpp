// The default VPC and its subnets (derived, see AddDefaults) and the account attributes SDKs look up.
#include <algorithm>

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

// Describe* over one id-keyed map: named ids must exist; filters; pagination.
template <class T, size_t N>
Result<Page<T>> DescribeById(const std::map<std::string, T>& all, const std::vector<std::string>& ids,
                             const std::vector<Filter>& filter_list, const FilterField<T> (&table)[N],
                             const PageRequest& page_request, std::string_view prefix,
                             std::string_view malformed, Error (*not_found)(const std::string&),
                             std::string_view ids_parameter) {
  if (auto valid = ValidatePage(page_request, {5, 1000}); !valid) return std::move(valid).error();
  if (page_request.max_results && !ids.empty()) return IdsWithMaxResults(ids_parameter);
  auto filters = CompiledFilters<T>::Compile(filter_list, table);
  if (!filters) return std::move(filters).error();
  for (const std::string& id : ids) {
    if (!IsWellFormedId(prefix, id)) return MalformedId(malformed, id, prefix);
    if (!all.count(id)) return not_found(id);
  }
  std::vector<T> matching;
  for (const auto& [id, item] : all) {
    bool wanted = ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end();
    if (wanted && filters->Matches(item)) matching.push_back(item);
  }
  Page<T> page;
  page.items = TakePage(
      matching, page_request, [](const T& item) { return ResourceId(item); }, page.next_token);
  return page;
}

Error SubnetNotFound(const std::string& id) {
  return MakeError(codes::kSubnetIdNotFound, "The subnet ID '" + id + "' does not exist");
}

}  // namespace

Result<Page<Vpc>> Ec2::DescribeVpcs(const Caller& caller, const DescribeVpcsRequest& request) {
  std::lock_guard lock(mutex_);
  return DescribeById(PartitionFor(caller).vpcs, request.vpc_ids, request.filters, kVpcFilters, request.page,
                      "vpc", codes::kVpcIdMalformed, &ResourceTraits<Vpc>::NotFound, "vpcIds");
}

Result<Page<Subnet>> Ec2::DescribeSubnets(const Caller& caller, const DescribeSubnetsRequest& request) {
  std::lock_guard lock(mutex_);
  return DescribeById(PartitionFor(caller).subnets, request.subnet_ids, request.filters, kSubnetFilters,
                      request.page, "subnet", codes::kSubnetIdMalformed, &SubnetNotFound, "subnetIds");
}

std::vector<AccountAttribute> Ec2::DescribeAccountAttributes(const Caller& caller,
                                                             const std::vector<std::string>& names) {
  std::lock_guard lock(mutex_);
  const Partition& p = PartitionFor(caller);
  std::vector<AccountAttribute> all = {
      {"supported-platforms", {"VPC"}}, {"default-vpc", {p.default_vpc_id}},
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
