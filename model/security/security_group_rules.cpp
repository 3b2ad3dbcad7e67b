// AuthorizeSecurityGroupIngress/Egress and RevokeSecurityGroupIngress/Egress: rules added to and removed
// from one group, all or nothing.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/security/group_permissions.hpp"
#include "model/security/security.hpp"

namespace localec2::model {
namespace {

std::vector<RuleView> Views(const SecurityGroup& g, const std::vector<SecurityGroupRule>& rules) {
  std::vector<RuleView> views;
  for (const SecurityGroupRule& r : rules) views.push_back({r, g.group_id, g.owner_id});
  return views;
}
}  // namespace

Error RuleIdNotFound(const std::string& rule_id) {
  return MakeError(codes::kRuleIdNotFound, "The security group rule ID '" + rule_id + "' does not exist");
}

Result<const SecurityGroup*> FindRuleGroup(const View& view, const std::string& rule_id) {
  for (const auto& [group_id, group] : view.partition().groups) {
    for (const SecurityGroupRule& rule : group.rules) {
      if (rule.rule_id == rule_id) return &group;
    }
  }
  return RuleIdNotFound(rule_id);
}

Result<std::vector<RuleView>> AuthorizeSecurityGroupRules(Ec2& ec2, const Caller& caller,
                                                          const ChangeRulesRequest& request) {
  if (request.permissions.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter IpPermissions");
  }
  auto tags = TagsFor(request.tag_specifications, "security-group-rule", {"security-group-rule"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::vector<RuleView>> {
    auto found = FindGroup(tx, request.group);
    if (!found) return std::move(found).error();
    SecurityGroup group = **found;
    auto rules = RulesFrom(tx, request);
    if (!rules) return std::move(rules).error();
    for (SecurityGroupRule& rule : *rules) {
      for (const SecurityGroupRule& existing : group.rules) {
        if (SamePermission(existing, rule)) {
          return MakeError(codes::kPermissionDuplicate,
                           "the specified rule \"" + RuleText(rule) + "\" already exists");
        }
      }
      rule.rule_id = tx.NewId("sgr");
      rule.tags = *tags;
      group.rules.push_back(rule);
    }
    tx.Put(group);
    return Views(group, *rules);
  });
}

Result<std::vector<RuleView>> RevokeSecurityGroupRules(Ec2& ec2, const Caller& caller,
                                                       const ChangeRulesRequest& request) {
  if (request.permissions.empty() && request.rule_ids.empty()) {
    return MakeError(codes::kMissingParameter,
                     "Either 'ipPermissions' or 'securityGroupRuleIds' should be provided.");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::vector<RuleView>> {
    auto found = FindGroup(tx, request.group);
    if (!found) return std::move(found).error();
    SecurityGroup group = **found;
    std::vector<SecurityGroupRule> removed;
    auto take = [&](auto matches) {
      auto it = std::find_if(group.rules.begin(), group.rules.end(), matches);
      if (it == group.rules.end()) return false;
      removed.push_back(*it);
      group.rules.erase(it);
      return true;
    };
    for (const std::string& id : request.rule_ids) {
      if (!IsWellFormedId("sgr", id)) return MalformedId(codes::kRuleIdMalformed, id, "sgr");
      if (!take(
              [&](const SecurityGroupRule& r) { return r.rule_id == id && r.is_egress == request.egress; })) {
        return RuleIdNotFound(id);
      }
    }
    auto rules = RulesFrom(tx, request);
    if (!rules) return std::move(rules).error();
    for (const SecurityGroupRule& rule : *rules) {
      if (!take([&](const SecurityGroupRule& r) { return SamePermission(r, rule); })) {
        return MakeError(codes::kPermissionNotFound,
                         "The specified rule does not exist in this security group.");
      }
    }
    tx.Put(group);
    return Views(group, removed);
  });
}

}  // namespace localec2::model
