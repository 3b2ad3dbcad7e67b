// DescribeSecurityGroups and DescribeSecurityGroupRules, with their filters.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/security/security.hpp"

namespace localec2::model {
namespace {

template <bool Egress, std::string SecurityGroupRule::*Field>
void RuleField(const SecurityGroup& g, std::string_view, std::vector<std::string>& out) {
  for (const SecurityGroupRule& r : g.rules) {
    if (r.is_egress == Egress && !(r.*Field).empty()) out.push_back(r.*Field);
  }
}
template <bool Egress, int SecurityGroupRule::*Field>
void RulePort(const SecurityGroup& g, std::string_view, std::vector<std::string>& out) {
  for (const SecurityGroupRule& r : g.rules) {
    if (r.is_egress == Egress && r.ip_protocol != "-1") out.push_back(std::to_string(r.*Field));
  }
}
#define LOCALEC2_RULE_FILTERS(prefix, egress)                                            \
  {prefix "cidr", &RuleField<egress, &SecurityGroupRule::cidr_ipv4>},                    \
      {prefix "ipv6-cidr", &RuleField<egress, &SecurityGroupRule::cidr_ipv6>},           \
      {prefix "prefix-list-id", &RuleField<egress, &SecurityGroupRule::prefix_list_id>}, \
      {prefix "group-id", &RuleField<egress, &SecurityGroupRule::referenced_group_id>},  \
      {prefix "user-id", &RuleField<egress, &SecurityGroupRule::referenced_user_id>},    \
      {prefix "protocol", &RuleField<egress, &SecurityGroupRule::ip_protocol>},          \
      {prefix "from-port", &RulePort<egress, &SecurityGroupRule::from_port>}, {          \
    prefix "to-port", &RulePort<egress, &SecurityGroupRule::to_port>                     \
  }

constexpr FilterField<SecurityGroup> kGroupFilters[] = {
    {"description",
     [](const SecurityGroup& g, std::string_view, auto& out) { out.push_back(g.description); }},
    {"group-id", [](const SecurityGroup& g, std::string_view, auto& out) { out.push_back(g.group_id); }},
    {"group-name", [](const SecurityGroup& g, std::string_view, auto& out) { out.push_back(g.group_name); }},
    {"owner-id", [](const SecurityGroup& g, std::string_view, auto& out) { out.push_back(g.owner_id); }},
    {"vpc-id", [](const SecurityGroup& g, std::string_view, auto& out) { out.push_back(g.vpc_id); }},
    LOCALEC2_RULE_FILTERS("ip-permission.", false),
    LOCALEC2_RULE_FILTERS("egress.ip-permission.", true),
    LOCALEC2_TAG_FILTERS(SecurityGroup),
};

constexpr FilterField<RuleView> kRuleFilters[] = {
    {"group-id", [](const RuleView& r, std::string_view, auto& out) { out.push_back(r.group_id); }},
    {"security-group-rule-id",
     [](const RuleView& r, std::string_view, auto& out) { out.push_back(r.rule.rule_id); }},
    {"tag:", [](const RuleView& r, std::string_view key, auto& out) { TagValueOf(r.rule, key, out); }, true},
    {"tag-key", [](const RuleView& r, std::string_view key, auto& out) { TagKeysOf(r.rule, key, out); }},
    {"tag-value", [](const RuleView& r, std::string_view key, auto& out) { TagValuesOf(r.rule, key, out); }},
};

}  // namespace

Result<Page<SecurityGroup>> DescribeSecurityGroups(Ec2& ec2, const Caller& caller,
                                                   const DescribeSecurityGroupsRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && (!request.group_ids.empty() || !request.group_names.empty())) {
    return IdsWithMaxResults(request.group_ids.empty() ? "groupNames" : "groupIds");
  }
  auto filters = CompiledFilters<SecurityGroup>::Compile(request.filters, kGroupFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<SecurityGroup>> {
    std::vector<const SecurityGroup*> named;
    for (const std::string& id : request.group_ids) {
      auto found = FindGroup(view, {id, ""});
      if (!found) return std::move(found).error();
      named.push_back(*found);
    }
    for (const std::string& name : request.group_names) {
      auto found = FindGroup(view, {"", name});
      if (!found) return std::move(found).error();
      named.push_back(*found);
    }
    std::vector<SecurityGroup> matching;
    for (const auto& [id, group] : view.partition().groups) {
      bool wanted = named.empty() || std::find(named.begin(), named.end(), &group) != named.end();
      if (wanted && filters->Matches(group)) matching.push_back(group);
    }
    Page<SecurityGroup> page;
    page.items = TakePage(
        matching, request.page, [](const SecurityGroup& g) { return g.group_id; }, page.next_token);
    return page;
  });
}

Result<Page<RuleView>> DescribeSecurityGroupRules(Ec2& ec2, const Caller& caller,
                                                  const DescribeSecurityGroupRulesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  for (const std::string& id : request.rule_ids) {
    if (!IsWellFormedId("sgr", id)) return MalformedId(codes::kRuleIdMalformed, id, "sgr");
  }
  auto filters = CompiledFilters<RuleView>::Compile(request.filters, kRuleFilters);
  if (!filters) return std::move(filters).error();
  const std::vector<std::string>& ids = request.rule_ids;
  return ec2.Read(caller, [&](const View& view) -> Result<Page<RuleView>> {
    for (const std::string& id : ids) {
      if (auto holder = FindRuleGroup(view, id); !holder) return std::move(holder).error();
    }
    std::vector<RuleView> matching;
    for (const auto& [id, group] : view.partition().groups) {
      for (const SecurityGroupRule& rule : group.rules) {
        RuleView rule_view{rule, group.group_id, group.owner_id};
        bool wanted = ids.empty() || std::find(ids.begin(), ids.end(), rule.rule_id) != ids.end();
        if (wanted && filters->Matches(rule_view)) matching.push_back(std::move(rule_view));
      }
    }
    std::sort(matching.begin(), matching.end(),
              [](const RuleView& a, const RuleView& b) { return a.rule.rule_id < b.rule.rule_id; });
    Page<RuleView> page;
    page.items = TakePage(
        matching, request.page, [](const RuleView& v) { return v.rule.rule_id; }, page.next_token);
    return page;
  });
}

}  // namespace localec2::model
