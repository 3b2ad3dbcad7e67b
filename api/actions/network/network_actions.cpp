// The network family's read-only answers: account attributes, the region's AWS-managed prefix lists and
// its (always empty) VPC endpoints.
#include "api/actions/families.hpp"
#include "model/network/network.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::api {
namespace {

model::Result<Json> DescribeAccountAttributes(ActionContext& context, const Json& input) {
  Json items = Json::array();
  for (const model::AccountAttribute& attribute :
       model::DescribeAccountAttributes(context.ec2, context.caller, StringList(input, "AttributeNames"))) {
    Json values = Json::array();
    for (const std::string& v : attribute.values) values.push_back({{"AttributeValue", v}});
    items.push_back({{"AttributeName", attribute.name}, {"AttributeValues", std::move(values)}});
  }
  return Json{{"AccountAttributes", std::move(items)}};
}

model::Result<Json> DescribePrefixLists(ActionContext& context, const Json& input) {
  auto page = model::DescribePrefixLists(
      context.ec2, context.caller, {StringList(input, "PrefixListIds"), FilterList(input), PageOf(input)},
      /*managed=*/false);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::ManagedPrefixList& l : page->items) {
    items.push_back(
        {{"PrefixListId", l.prefix_list_id}, {"PrefixListName", l.prefix_list_name}, {"Cidrs", l.cidrs}});
  }
  return PagedOutput("PrefixLists", std::move(items), page->next_token);
}

model::Result<Json> DescribeManagedPrefixLists(ActionContext& context, const Json& input) {
  auto page = model::DescribePrefixLists(
      context.ec2, context.caller, {StringList(input, "PrefixListIds"), FilterList(input), PageOf(input)},
      /*managed=*/true);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::ManagedPrefixList& l : page->items) {
    items.push_back(
        {{"PrefixListId", l.prefix_list_id},
         {"PrefixListName", l.prefix_list_name},
         {"AddressFamily", "IPv4"},
         {"State", "create-complete"},
         {"PrefixListArn", "arn:aws:ec2:" + context.caller.region + ":aws:prefix-list/" + l.prefix_list_id},
         {"Version", 1},
         {"OwnerId", "AWS"}});
  }
  return PagedOutput("PrefixLists", std::move(items), page->next_token);
}

model::Result<Json> DescribeVpcEndpoints(ActionContext&, const Json& input) {
  auto checked =
      model::DescribeVpcEndpoints({StringList(input, "VpcEndpointIds"), FilterList(input), PageOf(input)});
  if (!checked) return checked.error();
  return Json{{"VpcEndpoints", Json::array()}};
}

}  // namespace

std::span<const ActionEntry> NetworkActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(DescribeAccountAttributes), LOCALEC2_ACTION(DescribeManagedPrefixLists),
      LOCALEC2_ACTION(DescribePrefixLists), LOCALEC2_ACTION(DescribeVpcEndpoints)};
  return kActions;
}

}  // namespace localec2::api
