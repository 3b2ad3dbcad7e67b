#include "api/actions/families.hpp"
#include "model/network/network.hpp"

namespace localec2::api {
namespace {

model::Result<Json> DescribeVpcs(ActionContext& context, const Json& input) {
  auto page = model::DescribeVpcs(context.ec2, context.caller,
                                  {StringList(input, "VpcIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Vpc& v : page->items) {
    Json item = {{"VpcId", v.vpc_id},
                 {"CidrBlock", v.cidr_block},
                 {"DhcpOptionsId", v.dhcp_options_id},
                 {"State", "available"},
                 {"OwnerId", v.owner_id},
                 {"InstanceTenancy", "default"},
                 {"IsDefault", v.is_default},
                 {"CidrBlockAssociationSet",
                  {{{"AssociationId", v.cidr_association_id},
                    {"CidrBlock", v.cidr_block},
                    {"CidrBlockState", {{"State", "associated"}}}}}}};
    PutTags(item, v.tags);
    items.push_back(std::move(item));
  }
  return PagedOutput("Vpcs", std::move(items), page->next_token);
}

model::Result<Json> DescribeSubnets(ActionContext& context, const Json& input) {
  auto page = model::DescribeSubnets(context.ec2, context.caller,
                                     {StringList(input, "SubnetIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Subnet& s : page->items) {
    Json item = {{"SubnetId", s.subnet_id},
                 {"VpcId", s.vpc_id},
                 {"State", "available"},
                 {"AvailabilityZone", s.availability_zone},
                 {"AvailabilityZoneId", s.availability_zone_id},
                 {"CidrBlock", s.cidr_block},
                 {"AvailableIpAddressCount", s.available_ip_address_count},
                 {"DefaultForAz", s.default_for_az},
                 {"MapPublicIpOnLaunch", s.map_public_ip_on_launch},
                 {"AssignIpv6AddressOnCreation", false},
                 {"Ipv6CidrBlockAssociationSet", Json::array()},
                 {"OwnerId", s.owner_id},
                 {"SubnetArn", Arn(context.caller, "subnet", s.subnet_id)}};
    PutTags(item, s.tags);
    items.push_back(std::move(item));
  }
  return PagedOutput("Subnets", std::move(items), page->next_token);
}

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

}  // namespace

std::span<const ActionEntry> NetworkActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(DescribeAccountAttributes),
                                             LOCALEC2_ACTION(DescribeSubnets), LOCALEC2_ACTION(DescribeVpcs)};
  return kActions;
}

}  // namespace localec2::api
