// VPC handlers: create, delete, describe, attributes and secondary IPv4 blocks.
#include "api/actions/families.hpp"
#include "api/actions/network/unemulated_members.hpp"
#include "model/core/states.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::api {
namespace {

Json CidrAssociationJson(const std::string& association_id, const std::string& cidr_block,
                         const std::string& state) {
  return {
      {"AssociationId", association_id}, {"CidrBlock", cidr_block}, {"CidrBlockState", {{"State", state}}}};
}

Json VpcJson(const model::Vpc& v, const std::string& state) {
  Json blocks = Json::array(
      {CidrAssociationJson(v.cidr_association_id, v.cidr_block, std::string(model::states::kAssociated))});
  for (const model::VpcCidrAssociation& a : v.secondary_cidrs) {
    blocks.push_back(CidrAssociationJson(a.association_id, a.cidr_block, a.state));
  }
  Json item = {{"VpcId", v.vpc_id},
               {"CidrBlock", v.cidr_block},
               {"DhcpOptionsId", v.dhcp_options_id},
               {"State", state},
               {"OwnerId", v.owner_id},
               {"InstanceTenancy", v.instance_tenancy},
               {"IsDefault", v.is_default},
               {"CidrBlockAssociationSet", std::move(blocks)},
               {"Ipv6CidrBlockAssociationSet", Json::array()}};
  PutTags(item, v.tags);
  return item;
}

model::Result<Json> CreateVpc(ActionContext& context, const Json& input) {
  if (auto refused = RefuseUnemulatedMembers(
          input,
          {"AmazonProvidedIpv6CidrBlock", "Ipv6Pool", "Ipv6CidrBlock", "Ipv4IpamPoolId", "Ipv4NetmaskLength",
           "Ipv6IpamPoolId", "Ipv6NetmaskLength", "Ipv6CidrBlockNetworkBorderGroup", "VpcEncryptionControl"});
      !refused) {
    return refused.error();
  }
  auto vpc = model::CreateVpc(context.ec2, context.caller,
                              {StringMember(input, "CidrBlock"), StringMember(input, "InstanceTenancy"),
                               TagSpecificationList(input)});
  if (!vpc) return std::move(vpc).error();
  // AWS answers a new VPC `pending`; it is `available` by the first DescribeVpcs (what waiters poll for).
  return Json{{"Vpc", VpcJson(*vpc, std::string(model::states::kPending))}};
}

model::Result<Json> DeleteVpc(ActionContext& context, const Json& input) {
  if (auto deleted = model::DeleteVpc(context.ec2, context.caller, StringMember(input, "VpcId")); !deleted) {
    return deleted.error();
  }
  return Json::object();
}

model::Result<Json> DescribeVpcs(ActionContext& context, const Json& input) {
  auto page = model::DescribeVpcs(context.ec2, context.caller,
                                  {StringList(input, "VpcIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Vpc& v : page->items) items.push_back(VpcJson(v, v.state));
  return PagedOutput("Vpcs", std::move(items), page->next_token);
}

model::Result<Json> ModifyVpcAttribute(ActionContext& context, const Json& input) {
  auto modified = model::ModifyVpcAttribute(
      context.ec2, context.caller,
      {StringMember(input, "VpcId"), ValueOf<bool>(input, "EnableDnsSupport"),
       ValueOf<bool>(input, "EnableDnsHostnames"), ValueOf<bool>(input, "EnableNetworkAddressUsageMetrics")});
  if (!modified) return modified.error();
  return Json::object();
}

model::Result<Json> DescribeVpcAttribute(ActionContext& context, const Json& input) {
  const std::string vpc_id = StringMember(input, "VpcId"), attribute = StringMember(input, "Attribute");
  auto value = model::DescribeVpcAttribute(context.ec2, context.caller, vpc_id, attribute);
  if (!value) return std::move(value).error();
  std::string member = attribute;
  member[0] = static_cast<char>(member[0] - 'a' + 'A');  // enableDnsSupport → EnableDnsSupport
  return Json{{"VpcId", vpc_id}, {member, ValueJson(*value)}};
}

Json CidrChangeJson(const model::VpcCidrChange& change) {
  const model::VpcCidrAssociation& a = change.association;
  return {{"VpcId", change.vpc_id},
          {"CidrBlockAssociation", CidrAssociationJson(a.association_id, a.cidr_block, a.state)}};
}

model::Result<Json> AssociateVpcCidrBlock(ActionContext& context, const Json& input) {
  if (auto refused =
          RefuseUnemulatedMembers(input, {"AmazonProvidedIpv6CidrBlock", "Ipv6CidrBlockNetworkBorderGroup",
                                          "Ipv6Pool", "Ipv6CidrBlock", "Ipv4IpamPoolId", "Ipv4NetmaskLength",
                                          "Ipv6IpamPoolId", "Ipv6NetmaskLength"});
      !refused) {
    return refused.error();
  }
  auto change = model::AssociateVpcCidrBlock(context.ec2, context.caller, StringMember(input, "VpcId"),
                                             StringMember(input, "CidrBlock"));
  if (!change) return std::move(change).error();
  return CidrChangeJson(*change);
}

model::Result<Json> DisassociateVpcCidrBlock(ActionContext& context, const Json& input) {
  auto change =
      model::DisassociateVpcCidrBlock(context.ec2, context.caller, StringMember(input, "AssociationId"));
  if (!change) return std::move(change).error();
  return CidrChangeJson(*change);
}

}  // namespace

std::span<const ActionEntry> VpcActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AssociateVpcCidrBlock),
      LOCALEC2_ACTION(CreateVpc),
      LOCALEC2_ACTION(DeleteVpc),
      LOCALEC2_ACTION(DescribeVpcAttribute),
      LOCALEC2_ACTION(DescribeVpcs),
      LOCALEC2_ACTION(DisassociateVpcCidrBlock),
      LOCALEC2_ACTION(ModifyVpcAttribute),
  };
  return kActions;
}

}  // namespace localec2::api
