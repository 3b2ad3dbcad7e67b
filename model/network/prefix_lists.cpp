// The AWS-managed prefix lists of a region (one per gateway endpoint service) and DescribeVpcEndpoints,
// which localec2 answers empty after AWS's input checks.
#include <algorithm>

#include "model/core/ids.hpp"
#include "model/core/tx.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::model {
namespace {

constexpr std::string_view kServices[] = {"dynamodb", "s3"};

// What the region's lists are, in id order: derived from the region, so the same on every start.
std::vector<ManagedPrefixList> ListsOf(const std::string& region) {
  std::vector<ManagedPrefixList> lists;
  for (std::string_view service : kServices) {
    const std::string name = "com.amazonaws." + region + "." + std::string(service);
    lists.push_back({DerivedId("pl", name), name, {}});
  }
  std::sort(lists.begin(), lists.end(),
            [](const auto& a, const auto& b) { return a.prefix_list_id < b.prefix_list_id; });
  return lists;
}

constexpr FilterField<ManagedPrefixList> kPrefixListFilters[] = {
    {"prefix-list-id",
     [](const ManagedPrefixList& l, std::string_view, auto& out) { out.push_back(l.prefix_list_id); }},
    {"prefix-list-name",
     [](const ManagedPrefixList& l, std::string_view, auto& out) { out.push_back(l.prefix_list_name); }},
};
constexpr FilterField<ManagedPrefixList> kManagedPrefixListFilters[] = {
    {"prefix-list-id",
     [](const ManagedPrefixList& l, std::string_view, auto& out) { out.push_back(l.prefix_list_id); }},
    {"prefix-list-name",
     [](const ManagedPrefixList& l, std::string_view, auto& out) { out.push_back(l.prefix_list_name); }},
    {"owner-id", [](const ManagedPrefixList&, std::string_view, auto& out) { out.push_back("AWS"); }},
};

// A VPC endpoint's fields, for checking filter names only (there are never endpoints to match).
struct NoEndpoint {};
constexpr auto kNothing = [](const NoEndpoint&, std::string_view, std::vector<std::string>&) {};
constexpr FilterField<NoEndpoint> kEndpointFilters[] = {
    {"ip-address-type", kNothing},
    {"service-name", kNothing},
    {"service-region", kNothing},
    {"tag:", kNothing, true},
    {"tag-key", kNothing},
    {"tag-value", kNothing},
    {"vpc-id", kNothing},
    {"vpc-endpoint-id", kNothing},
    {"vpc-endpoint-state", kNothing},
    {"vpc-endpoint-type", kNothing},
};

}  // namespace

Result<Page<ManagedPrefixList>> DescribePrefixLists(Ec2& ec2, const Caller& caller,
                                                    const DescribePrefixListsRequest& request, bool managed) {
  const PageBounds bounds = managed ? PageBounds{1, 100} : PageBounds{5, 1000};
  if (auto valid = ValidatePage(request.page, bounds); !valid) return std::move(valid).error();
  std::span<const FilterField<ManagedPrefixList>> table = kPrefixListFilters;
  if (managed) table = kManagedPrefixListFilters;
  auto compiled = CompiledFilters<ManagedPrefixList>::Compile(request.filters, table);
  if (!compiled) return std::move(compiled).error();
  const std::string region = ec2.Read(caller, [](const View& view) { return view.scope().region; });
  const std::vector<ManagedPrefixList> all = ListsOf(region);
  for (const std::string& id : request.prefix_list_ids) {
    if (!IsWellFormedId("pl", id)) {
      return MakeError(codes::kPrefixListIdMalformed, "Invalid id: \"" + id + "\" (expecting \"pl-...\")");
    }
    if (std::none_of(all.begin(), all.end(), [&](const auto& l) { return l.prefix_list_id == id; })) {
      return MakeError(codes::kPrefixListIdNotFound, "The prefix list ID '" + id + "' does not exist");
    }
  }
  std::vector<ManagedPrefixList> matching;
  for (const ManagedPrefixList& list : all) {
    const auto& ids = request.prefix_list_ids;
    bool wanted = ids.empty() || std::find(ids.begin(), ids.end(), list.prefix_list_id) != ids.end();
    if (wanted && compiled->Matches(list)) matching.push_back(list);
  }
  Page<ManagedPrefixList> page;
  page.items = TakePage(
      matching, request.page, [](const ManagedPrefixList& l) { return l.prefix_list_id; }, page.next_token);
  return page;
}

Status DescribeVpcEndpoints(const DescribeVpcEndpointsRequest& request) {
  if (auto valid = ValidatePage(request.page, {1, 1000}); !valid) return std::move(valid).error();
  if (request.page.max_results && !request.vpc_endpoint_ids.empty())
    return IdsWithMaxResults("vpcEndpointIds");
  if (auto compiled = CompiledFilters<NoEndpoint>::Compile(request.filters, kEndpointFilters); !compiled) {
    return std::move(compiled).error();
  }
  for (const std::string& id : request.vpc_endpoint_ids) {
    if (!IsWellFormedId("vpce", id)) {
      return MakeError(codes::kVpcEndpointIdMalformed, "Invalid id: \"" + id + "\" (expecting \"vpce-...\")");
    }
    return MakeError(codes::kVpcEndpointIdNotFound, "The Vpc Endpoint Id '" + id + "' does not exist");
  }
  return Ok{};
}

}  // namespace localec2::model
