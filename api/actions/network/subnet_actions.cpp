// Subnet handlers: create, delete, describe and attributes.
#include "api/actions/families.hpp"
#include "api/actions/network/unemulated_members.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::api {
namespace {

Json SubnetJson(const model::Caller& caller, const model::Subnet& s) {
  Json item = {{"SubnetId", s.subnet_id},
               {"VpcId", s.vpc_id},
               {"State", s.state},
               {"AvailabilityZone", s.availability_zone},
               {"AvailabilityZoneId", s.availability_zone_id},
               {"CidrBlock", s.cidr_block},
               {"AvailableIpAddressCount", s.available_ip_address_count},
               {"DefaultForAz", s.default_for_az},
               {"MapPublicIpOnLaunch", s.map_public_ip_on_launch},
               {"MapCustomerOwnedIpOnLaunch", false},
               {"AssignIpv6AddressOnCreation", s.assign_ipv6_address_on_creation},
               {"Ipv6CidrBlockAssociationSet", Json::array()},
               {"Ipv6Native", false},
               {"EnableDns64", s.enable_dns64},
               {"PrivateDnsNameOptionsOnLaunch",
                {{"HostnameType", s.private_dns_hostname_type_on_launch},
                 {"EnableResourceNameDnsARecord", s.enable_resource_name_dns_a_record_on_launch},
                 {"EnableResourceNameDnsAAAARecord", s.enable_resource_name_dns_aaaa_record_on_launch}}},
               {"OwnerId", s.owner_id},
               {"SubnetArn", Arn(caller, "subnet", s.subnet_id)}};
  PutTags(item, s.tags);
  return item;
}

model::Result<Json> CreateSubnet(ActionContext& context, const Json& input) {
  if (auto refused =
          RefuseUnemulatedMembers(input, {"Ipv6CidrBlock", "OutpostArn", "Ipv6Native", "Ipv4IpamPoolId",
                                          "Ipv4NetmaskLength", "Ipv6IpamPoolId", "Ipv6NetmaskLength"});
      !refused) {
    return refused.error();
  }
  auto subnet = model::CreateSubnet(context.ec2, context.caller,
                                    {StringMember(input, "VpcId"), StringMember(input, "CidrBlock"),
                                     StringMember(input, "AvailabilityZone"),
                                     StringMember(input, "AvailabilityZoneId"), TagSpecificationList(input)});
  if (!subnet) return std::move(subnet).error();
  return Json{{"Subnet", SubnetJson(context.caller, *subnet)}};
}

model::Result<Json> DeleteSubnet(ActionContext& context, const Json& input) {
  if (auto deleted = model::DeleteSubnet(context.ec2, context.caller, StringMember(input, "SubnetId"));
      !deleted) {
    return deleted.error();
  }
  return Json::object();
}

model::Result<Json> DescribeSubnets(ActionContext& context, const Json& input) {
  auto page = model::DescribeSubnets(context.ec2, context.caller,
                                     {StringList(input, "SubnetIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Subnet& s : page->items) items.push_back(SubnetJson(context.caller, s));
  return PagedOutput("Subnets", std::move(items), page->next_token);
}

model::Result<Json> ModifySubnetAttribute(ActionContext& context, const Json& input) {
  // Customer-owned IPs (Outposts) and LNI device indexes are not emulated; a `false` asks for nothing.
  if (auto refused = RefuseUnemulatedMembers(input, {"CustomerOwnedIpv4Pool", "EnableLniAtDeviceIndex"});
      !refused) {
    return refused.error();
  }
  for (const char* member : {"MapCustomerOwnedIpOnLaunch", "DisableLniAtDeviceIndex"}) {
    if (ValueOf<bool>(input, member).value_or(false)) {
      return model::MakeError(model::codes::kInvalidParameterValue,
                              "The parameter " + std::string(member) + " is not supported by localec2.");
    }
  }
  model::ModifySubnetAttributeRequest request;
  request.subnet_id = StringMember(input, "SubnetId");
  request.map_public_ip_on_launch = ValueOf<bool>(input, "MapPublicIpOnLaunch");
  request.assign_ipv6_address_on_creation = ValueOf<bool>(input, "AssignIpv6AddressOnCreation");
  request.enable_dns64 = ValueOf<bool>(input, "EnableDns64");
  if (input.contains("PrivateDnsHostnameTypeOnLaunch")) {
    request.private_dns_hostname_type_on_launch = StringMember(input, "PrivateDnsHostnameTypeOnLaunch");
  }
  request.enable_resource_name_dns_a_record_on_launch =
      ValueOf<bool>(input, "EnableResourceNameDnsARecordOnLaunch");
  request.enable_resource_name_dns_aaaa_record_on_launch =
      ValueOf<bool>(input, "EnableResourceNameDnsAAAARecordOnLaunch");
  if (auto modified = model::ModifySubnetAttribute(context.ec2, context.caller, request); !modified) {
    return modified.error();
  }
  return Json::object();
}

}  // namespace

std::span<const ActionEntry> SubnetActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(CreateSubnet), LOCALEC2_ACTION(DeleteSubnet),
                                             LOCALEC2_ACTION(DescribeSubnets),
                                             LOCALEC2_ACTION(ModifySubnetAttribute)};
  return kActions;
}

}  // namespace localec2::api
