#include <tuple>

#include "api/actions/families.hpp"
#include "model/security/security.hpp"

namespace localec2::api {
namespace {

// IpPermissions, plus the legacy flat parameters (IpProtocol, FromPort, ToPort, CidrIp,
// SourceSecurityGroupName/OwnerId) that older clients send, as one more permission.
std::vector<model::Permission> PermissionsOf(const Json& input) {
  std::vector<model::Permission> permissions;
  if (auto it = input.find("IpPermissions"); it != input.end()) {
    for (const Json& p : *it) {
      model::Permission permission{
          StringMember(p, "IpProtocol"), OptionalInt(p, "FromPort"), OptionalInt(p, "ToPort"), {}};
      auto peers = [&](const char* list, auto fill) {
        if (auto l = p.find(list); l != p.end()) {
          for (const Json& item : *l) {
            model::Permission::Peer peer;
            peer.description = StringMember(item, "Description");
            fill(item, peer);
            permission.peers.push_back(std::move(peer));
          }
        }
      };
      peers("IpRanges", [](const Json& i, auto& peer) { peer.cidr_ipv4 = StringMember(i, "CidrIp"); });
      peers("Ipv6Ranges", [](const Json& i, auto& peer) { peer.cidr_ipv6 = StringMember(i, "CidrIpv6"); });
      peers("PrefixListIds",
            [](const Json& i, auto& peer) { peer.prefix_list_id = StringMember(i, "PrefixListId"); });
      peers("UserIdGroupPairs", [](const Json& i, auto& peer) {
        peer.group_id = StringMember(i, "GroupId");
        peer.group_name = StringMember(i, "GroupName");
        peer.user_id = StringMember(i, "UserId");
      });
      permissions.push_back(std::move(permission));
    }
  }
  const std::string cidr = StringMember(input, "CidrIp"),
                    source = StringMember(input, "SourceSecurityGroupName");
  if (input.contains("IpProtocol") || !cidr.empty() || !source.empty()) {
    model::Permission flat{
        input.value("IpProtocol", "-1"), OptionalInt(input, "FromPort"), OptionalInt(input, "ToPort"), {}};
    model::Permission::Peer peer;
    peer.cidr_ipv4 = cidr;
    peer.group_name = source;
    peer.user_id = StringMember(input, "SourceSecurityGroupOwnerId");
    flat.peers.push_back(std::move(peer));
    permissions.push_back(std::move(flat));
  }
  return permissions;
}

model::ChangeRulesRequest RulesRequest(const Json& input, bool egress) {
  return {{StringMember(input, "GroupId"), StringMember(input, "GroupName")},
          egress,
          PermissionsOf(input),
          StringList(input, "SecurityGroupRuleIds"),
          TagSpecificationList(input)};
}

Json RuleJson(const model::Caller& caller, const model::RuleView& view) {
  const model::SecurityGroupRule& r = view.rule;
  Json out = {{"SecurityGroupRuleId", r.rule_id},
              {"GroupId", view.group_id},
              {"GroupOwnerId", view.owner_id},
              {"IsEgress", r.is_egress},
              {"IpProtocol", r.ip_protocol},
              {"FromPort", r.from_port},
              {"ToPort", r.to_port},
              {"SecurityGroupRuleArn", Arn(caller, "security-group-rule", r.rule_id)}};
  if (!r.cidr_ipv4.empty()) out["CidrIpv4"] = r.cidr_ipv4;
  if (!r.cidr_ipv6.empty()) out["CidrIpv6"] = r.cidr_ipv6;
  if (!r.prefix_list_id.empty()) out["PrefixListId"] = r.prefix_list_id;
  if (!r.referenced_group_id.empty()) {
    out["ReferencedGroupInfo"] = {{"GroupId", r.referenced_group_id}, {"UserId", r.referenced_user_id}};
  }
  if (!r.description.empty()) out["Description"] = r.description;
  PutTags(out, r.tags);
  return out;
}

Json RevokedJson(const model::RuleView& view) {
  const model::SecurityGroupRule& r = view.rule;
  Json out = {{"SecurityGroupRuleId", r.rule_id}, {"GroupId", view.group_id}, {"IsEgress", r.is_egress},
              {"IpProtocol", r.ip_protocol},      {"FromPort", r.from_port},  {"ToPort", r.to_port}};
  if (!r.cidr_ipv4.empty()) out["CidrIpv4"] = r.cidr_ipv4;
  if (!r.cidr_ipv6.empty()) out["CidrIpv6"] = r.cidr_ipv6;
  if (!r.prefix_list_id.empty()) out["PrefixListId"] = r.prefix_list_id;
  if (!r.referenced_group_id.empty()) out["ReferencedGroupId"] = r.referenced_group_id;
  if (!r.description.empty()) out["Description"] = r.description;
  return out;
}

// AWS's IpPermissions view: rules with the same protocol and ports form one permission, in rule order.
Json PermissionsJson(const model::SecurityGroup& group, bool egress) {
  Json permissions = Json::array();
  std::vector<std::tuple<std::string, int, int>> keys;
  for (const model::SecurityGroupRule& r : group.rules) {
    if (r.is_egress != egress) continue;
    auto key = std::make_tuple(r.ip_protocol, r.from_port, r.to_port);
    auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      Json permission = {{"IpProtocol", r.ip_protocol},
                         {"IpRanges", Json::array()},
                         {"Ipv6Ranges", Json::array()},
                         {"PrefixListIds", Json::array()},
                         {"UserIdGroupPairs", Json::array()}};
      if (r.ip_protocol != "-1") {
        permission["FromPort"] = r.from_port;
        permission["ToPort"] = r.to_port;
      }
      keys.push_back(key);
      permissions.push_back(std::move(permission));
      at = keys.end() - 1;
    }
    Json& permission = permissions[static_cast<size_t>(at - keys.begin())];
    auto with_description = [&](Json item) {
      if (!r.description.empty()) item["Description"] = r.description;
      return item;
    };
    if (!r.cidr_ipv4.empty()) permission["IpRanges"].push_back(with_description({{"CidrIp", r.cidr_ipv4}}));
    if (!r.cidr_ipv6.empty())
      permission["Ipv6Ranges"].push_back(with_description({{"CidrIpv6", r.cidr_ipv6}}));
    if (!r.prefix_list_id.empty()) {
      permission["PrefixListIds"].push_back(with_description({{"PrefixListId", r.prefix_list_id}}));
    }
    if (!r.referenced_group_id.empty()) {
      permission["UserIdGroupPairs"].push_back(
          with_description({{"GroupId", r.referenced_group_id}, {"UserId", r.referenced_user_id}}));
    }
  }
  return permissions;
}

model::Result<Json> Authorize(ActionContext& context, const Json& input, bool egress) {
  auto rules = model::AuthorizeSecurityGroupRules(context.ec2, context.caller, RulesRequest(input, egress));
  if (!rules) return std::move(rules).error();
  Json items = Json::array();
  for (const model::RuleView& view : *rules) items.push_back(RuleJson(context.caller, view));
  return Json{{"Return", true}, {"SecurityGroupRules", std::move(items)}};
}

model::Result<Json> Revoke(ActionContext& context, const Json& input, bool egress) {
  auto rules = model::RevokeSecurityGroupRules(context.ec2, context.caller, RulesRequest(input, egress));
  if (!rules) return std::move(rules).error();
  Json items = Json::array();
  for (const model::RuleView& view : *rules) items.push_back(RevokedJson(view));
  return Json{{"Return", true}, {"RevokedSecurityGroupRules", std::move(items)}};
}

model::Result<Json> CreateSecurityGroup(ActionContext& context, const Json& input) {
  model::CreateSecurityGroupRequest request{StringMember(input, "GroupName"),
                                            StringMember(input, "Description"), StringMember(input, "VpcId"),
                                            TagSpecificationList(input)};
  auto group = model::CreateSecurityGroup(context.ec2, context.caller, request);
  if (!group) return std::move(group).error();
  Json out = {{"GroupId", group->group_id},
              {"SecurityGroupArn", Arn(context.caller, "security-group", group->group_id)}};
  PutTags(out, group->tags);
  return out;
}

model::Result<Json> DeleteSecurityGroup(ActionContext& context, const Json& input) {
  model::GroupRef ref{StringMember(input, "GroupId"), StringMember(input, "GroupName")};
  auto deleted = model::DeleteSecurityGroup(context.ec2, context.caller, ref);
  if (!deleted) return std::move(deleted).error();
  Json out = {{"Return", true}};
  if (!ref.group_id.empty()) out["GroupId"] = ref.group_id;
  return out;
}

model::Result<Json> AuthorizeSecurityGroupIngress(ActionContext& context, const Json& input) {
  return Authorize(context, input, false);
}
model::Result<Json> AuthorizeSecurityGroupEgress(ActionContext& context, const Json& input) {
  return Authorize(context, input, true);
}
model::Result<Json> RevokeSecurityGroupIngress(ActionContext& context, const Json& input) {
  return Revoke(context, input, false);
}
model::Result<Json> RevokeSecurityGroupEgress(ActionContext& context, const Json& input) {
  return Revoke(context, input, true);
}

model::Result<Json> DescribeSecurityGroups(ActionContext& context, const Json& input) {
  model::DescribeSecurityGroupsRequest request{StringList(input, "GroupIds"), StringList(input, "GroupNames"),
                                               FilterList(input), PageOf(input)};
  auto page = model::DescribeSecurityGroups(context.ec2, context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::SecurityGroup& g : page->items) {
    Json item = {{"GroupId", g.group_id},
                 {"GroupName", g.group_name},
                 {"Description", g.description},
                 {"VpcId", g.vpc_id},
                 {"OwnerId", g.owner_id},
                 {"SecurityGroupArn", Arn(context.caller, "security-group", g.group_id)},
                 {"IpPermissions", PermissionsJson(g, false)},
                 {"IpPermissionsEgress", PermissionsJson(g, true)}};
    PutTags(item, g.tags);
    items.push_back(std::move(item));
  }
  return PagedOutput("SecurityGroups", std::move(items), page->next_token);
}

model::Result<Json> DescribeSecurityGroupRules(ActionContext& context, const Json& input) {
  model::DescribeSecurityGroupRulesRequest request{StringList(input, "SecurityGroupRuleIds"),
                                                   FilterList(input), PageOf(input)};
  auto page = model::DescribeSecurityGroupRules(context.ec2, context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::RuleView& view : page->items) items.push_back(RuleJson(context.caller, view));
  return PagedOutput("SecurityGroupRules", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> SecurityGroupActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AuthorizeSecurityGroupEgress), LOCALEC2_ACTION(AuthorizeSecurityGroupIngress),
      LOCALEC2_ACTION(CreateSecurityGroup),          LOCALEC2_ACTION(DeleteSecurityGroup),
      LOCALEC2_ACTION(DescribeSecurityGroupRules),   LOCALEC2_ACTION(DescribeSecurityGroups),
      LOCALEC2_ACTION(RevokeSecurityGroupEgress),    LOCALEC2_ACTION(RevokeSecurityGroupIngress)};
  return kActions;
}

}  // namespace localec2::api
