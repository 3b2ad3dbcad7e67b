// DHCP options handlers: create, delete, associate with a VPC, describe.
#include "api/actions/families.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::api {
namespace {

Json DhcpOptionsJson(const model::DhcpOptions& d) {
  Json configurations = Json::array();
  for (const model::DhcpConfiguration& c : d.configurations) {
    Json values = Json::array();
    for (const std::string& v : c.values) values.push_back(ValueJson(v));
    configurations.push_back({{"Key", c.key}, {"Values", std::move(values)}});
  }
  Json item = {{"DhcpOptionsId", d.dhcp_options_id},
               {"OwnerId", d.owner_id},
               {"DhcpConfigurations", std::move(configurations)}};
  PutTags(item, d.tags);
  return item;
}

model::Result<Json> CreateDhcpOptions(ActionContext& context, const Json& input) {
  model::CreateDhcpOptionsRequest request;
  if (auto it = input.find("DhcpConfigurations"); it != input.end()) {
    for (const Json& c : *it)
      request.configurations.push_back({StringMember(c, "Key"), StringList(c, "Values")});
  }
  request.tag_specifications = TagSpecificationList(input);
  auto options = model::CreateDhcpOptions(context.ec2, context.caller, request);
  if (!options) return std::move(options).error();
  return Json{{"DhcpOptions", DhcpOptionsJson(*options)}};
}

model::Result<Json> DeleteDhcpOptions(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteDhcpOptions(context.ec2, context.caller, StringMember(input, "DhcpOptionsId"));
  if (!deleted) return deleted.error();
  return Json::object();
}

model::Result<Json> AssociateDhcpOptions(ActionContext& context, const Json& input) {
  auto associated = model::AssociateDhcpOptions(
      context.ec2, context.caller, StringMember(input, "DhcpOptionsId"), StringMember(input, "VpcId"));
  if (!associated) return associated.error();
  return Json::object();
}

model::Result<Json> DescribeDhcpOptions(ActionContext& context, const Json& input) {
  auto page = model::DescribeDhcpOptions(
      context.ec2, context.caller, {StringList(input, "DhcpOptionsIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::DhcpOptions& d : page->items) items.push_back(DhcpOptionsJson(d));
  return PagedOutput("DhcpOptions", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> DhcpOptionsActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AssociateDhcpOptions), LOCALEC2_ACTION(CreateDhcpOptions),
      LOCALEC2_ACTION(DeleteDhcpOptions), LOCALEC2_ACTION(DescribeDhcpOptions)};
  return kActions;
}

}  // namespace localec2::api
