// Network ACLs, their entries and associations (model/network/network_acls.hpp).
#include "api/actions/families.hpp"
#include "model/network/network_acls.hpp"

namespace localec2::api {
namespace {

Json EntryJson(const model::NetworkAclEntry& e) {
  Json out = {{"RuleNumber", e.rule_number},
              {"Egress", e.egress},
              {"Protocol", e.protocol},
              {"RuleAction", e.rule_action},
              {"CidrBlock", e.cidr_block}};
  if (e.protocol == "6" || e.protocol == "17") out["PortRange"] = {{"From", e.from_port}, {"To", e.to_port}};
  if (e.protocol == "1") out["IcmpTypeCode"] = {{"Type", e.icmp_type}, {"Code", e.icmp_code}};
  return out;
}

Json NetworkAclJson(const model::NetworkAcl& acl) {
  Json entries = Json::array();
  for (const model::NetworkAclEntry& e : acl.entries) entries.push_back(EntryJson(e));
  Json associations = Json::array();
  for (const model::NetworkAclAssociation& a : acl.associations) {
    associations.push_back({{"NetworkAclAssociationId", a.association_id},
                            {"NetworkAclId", acl.network_acl_id},
                            {"SubnetId", a.subnet_id}});
  }
  Json out = {{"NetworkAclId", acl.network_acl_id},
              {"VpcId", acl.vpc_id},
              {"OwnerId", acl.owner_id},
              {"IsDefault", acl.is_default},
              {"Entries", std::move(entries)},
              {"Associations", std::move(associations)}};
  PutTags(out, acl.tags);
  return out;
}

model::NetworkAclEntryRequest EntryRequestOf(const Json& input) {
  model::NetworkAclEntryRequest request;
  request.network_acl_id = StringMember(input, "NetworkAclId");
  request.rule_number = OptionalInt(input, "RuleNumber").value_or(0);
  request.egress = BoolMember(input, "Egress");
  request.protocol = StringMember(input, "Protocol");
  request.rule_action = StringMember(input, "RuleAction");
  request.cidr_block = StringMember(input, "CidrBlock");
  if (auto icmp = input.find("IcmpTypeCode"); icmp != input.end()) {
    request.icmp_type = OptionalInt(*icmp, "Type");
    request.icmp_code = OptionalInt(*icmp, "Code");
  }
  if (auto ports = input.find("PortRange"); ports != input.end()) {
    request.from_port = OptionalInt(*ports, "From");
    request.to_port = OptionalInt(*ports, "To");
  }
  if (input.contains("Ipv6CidrBlock")) request.unsupported = "Ipv6CidrBlock";
  return request;
}

model::Result<Json> CreateNetworkAcl(ActionContext& context, const Json& input) {
  model::CreateNetworkAclRequest request{StringMember(input, "VpcId"), StringMember(input, "ClientToken"),
                                         TagSpecificationList(input)};
  auto acl = model::CreateNetworkAcl(context.ec2, context.caller, request);
  if (!acl) return std::move(acl).error();
  Json out = {{"NetworkAcl", NetworkAclJson(*acl)}};
  if (!request.client_token.empty()) out["ClientToken"] = request.client_token;
  return out;
}

model::Result<Json> DeleteNetworkAcl(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteNetworkAcl(context.ec2, context.caller, StringMember(input, "NetworkAclId"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> CreateNetworkAclEntry(ActionContext& context, const Json& input) {
  auto created = model::CreateNetworkAclEntry(context.ec2, context.caller, EntryRequestOf(input));
  if (!created) return std::move(created).error();
  return Json::object();
}

model::Result<Json> ReplaceNetworkAclEntry(ActionContext& context, const Json& input) {
  auto replaced = model::ReplaceNetworkAclEntry(context.ec2, context.caller, EntryRequestOf(input));
  if (!replaced) return std::move(replaced).error();
  return Json::object();
}

model::Result<Json> DeleteNetworkAclEntry(ActionContext& context, const Json& input) {
  auto deleted =
      model::DeleteNetworkAclEntry(context.ec2, context.caller, StringMember(input, "NetworkAclId"),
                                   OptionalInt(input, "RuleNumber").value_or(0), BoolMember(input, "Egress"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> ReplaceNetworkAclAssociation(ActionContext& context, const Json& input) {
  auto association = model::ReplaceNetworkAclAssociation(
      context.ec2, context.caller, StringMember(input, "AssociationId"), StringMember(input, "NetworkAclId"));
  if (!association) return std::move(association).error();
  return Json{{"NewAssociationId", *association}};
}

model::Result<Json> DescribeNetworkAcls(ActionContext& context, const Json& input) {
  auto page = model::DescribeNetworkAcls(
      context.ec2, context.caller, {StringList(input, "NetworkAclIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::NetworkAcl& acl : page->items) items.push_back(NetworkAclJson(acl));
  return PagedOutput("NetworkAcls", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> NetworkAclActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(CreateNetworkAcl),       LOCALEC2_ACTION(CreateNetworkAclEntry),
      LOCALEC2_ACTION(DeleteNetworkAcl),       LOCALEC2_ACTION(DeleteNetworkAclEntry),
      LOCALEC2_ACTION(DescribeNetworkAcls),    LOCALEC2_ACTION(ReplaceNetworkAclAssociation),
      LOCALEC2_ACTION(ReplaceNetworkAclEntry),
  };
  return kActions;
}

}  // namespace localec2::api
