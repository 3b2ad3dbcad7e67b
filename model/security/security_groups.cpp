// Security groups and their rules. Rules are kept one per peer, as AWS keeps them (sgr-…); the
// IpPermissions view that DescribeSecurityGroups shows is built from them by the api layer.
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

// ---- Filters ----
template <bool Egress, std::string SecurityGroupRule::*Field>
void RuleText(const SecurityGroup& g, std::string_view, std::vector<std::string>& out) {
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
#define LOCALEC2_RULE_FILTERS(prefix, egress)                                           \
  {prefix "cidr", &RuleText<egress, &SecurityGroupRule::cidr_ipv4>},                    \
      {prefix "ipv6-cidr", &RuleText<egress, &SecurityGroupRule::cidr_ipv6>},           \
      {prefix "prefix-list-id", &RuleText<egress, &SecurityGroupRule::prefix_list_id>}, \
      {prefix "group-id", &RuleText<egress, &SecurityGroupRule::referenced_group_id>},  \
      {prefix "user-id", &RuleText<egress, &SecurityGroupRule::referenced_user_id>},    \
      {prefix "protocol", &RuleText<egress, &SecurityGroupRule::ip_protocol>},          \
      {prefix "from-port", &RulePort<egress, &SecurityGroupRule::from_port>}, {         \
    prefix "to-port", &RulePort<egress, &SecurityGroupRule::to_port>                    \
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

// ---- Rule normalisation ----
Result<std::string> NormalizeProtocol(std::string protocol) {
  for (char& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (protocol == "all" || protocol == "-1") return std::string("-1");
  if (protocol == "tcp" || protocol == "6") return std::string("tcp");
  if (protocol == "udp" || protocol == "17") return std::string("udp");
  if (protocol == "icmp" || protocol == "1") return std::string("icmp");
  if (protocol == "icmpv6" || protocol == "58") return std::string("icmpv6");
  int number = -1;
  auto [ptr, ec] = std::from_chars(protocol.data(), protocol.data() + protocol.size(), number);
  if (ec == std::errc() && ptr == protocol.data() + protocol.size() && number >= 0 && number <= 255) {
    return protocol;
  }
  return MakeError(codes::kInvalidParameterValue,
                   "Invalid value '" + protocol + "' for IP protocol. Unknown protocol.");
}

Status SetPorts(SecurityGroupRule& rule, std::optional<int> from, std::optional<int> to) {
  const std::string& p = rule.ip_protocol;
  if (p == "tcp" || p == "udp") {
    if (!from || !to || *from < 0 || *to > 65535 || *from > *to) {
      return MakeError(
          codes::kInvalidParameterValue,
          "Invalid value for portRange. Must specify both from and to ports with TCP/UDP, from " +
              std::string("0 to 65535, from port not greater than to port."));
    }
    rule.from_port = *from;
    rule.to_port = *to;
  } else if (p == "icmp" || p == "icmpv6") {
    rule.from_port = from.value_or(-1);
    rule.to_port = to.value_or(-1);
    if (rule.from_port < -1 || rule.from_port > 255 || rule.to_port < -1 || rule.to_port > 255) {
      return MakeError(codes::kInvalidParameterValue,
                       "Invalid value for ICMP type or code: must be -1 to 255.");
    }
  } else {
    rule.from_port = rule.to_port = -1;  // no ports for this protocol
  }
  return Ok{};
}

bool IsCidr(const std::string& cidr, int family) {
  size_t slash = cidr.find('/');
  if (slash == std::string::npos) return false;
  std::string address = cidr.substr(0, slash), bits = cidr.substr(slash + 1);
  int n = -1;
  auto [ptr, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
  const int max_bits = family == AF_INET ? 32 : 128;
  unsigned char buffer[16];
  return ec == std::errc() && ptr == bits.data() + bits.size() && !bits.empty() && n >= 0 && n <= max_bits &&
         inet_pton(family, address.c_str(), buffer) == 1;
}

bool SamePermission(const SecurityGroupRule& a, const SecurityGroupRule& b) {
  return a.is_egress == b.is_egress && a.ip_protocol == b.ip_protocol && a.from_port == b.from_port &&
         a.to_port == b.to_port && a.cidr_ipv4 == b.cidr_ipv4 && a.cidr_ipv6 == b.cidr_ipv6 &&
         a.prefix_list_id == b.prefix_list_id && a.referenced_group_id == b.referenced_group_id;
}

std::string Describe(const SecurityGroupRule& r) {
  std::string peer = !r.cidr_ipv4.empty()        ? r.cidr_ipv4
                     : !r.cidr_ipv6.empty()      ? r.cidr_ipv6
                     : !r.prefix_list_id.empty() ? r.prefix_list_id
                                                 : r.referenced_group_id;
  std::string protocol = r.ip_protocol == "-1" ? "ALL" : r.ip_protocol;
  for (char& c : protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string text = "peer: " + peer + ", " + protocol;
  if (r.ip_protocol != "-1") {
    text += ", from port: " + std::to_string(r.from_port) + ", to port: " + std::to_string(r.to_port);
  }
  return text + ", ALLOW";
}

bool IsAsciiText(const std::string& s, size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

std::vector<RuleView> Views(const SecurityGroup& g, const std::vector<SecurityGroupRule>& rules) {
  std::vector<RuleView> views;
  for (const SecurityGroupRule& r : rules) views.push_back({r, g.group_id, g.owner_id});
  return views;
}

}  // namespace

namespace {

// Finds the group `ref` names in `p`. Errors: InvalidGroupId.Malformed, InvalidGroup.NotFound.
Result<const SecurityGroup*> FindGroup(const Partition& p, const GroupRef& ref) {
  if (!ref.group_id.empty()) {
    if (!IsWellFormedId("sg", ref.group_id)) return MalformedId(codes::kGroupIdMalformed, ref.group_id, "sg");
    auto it = p.groups.find(ref.group_id);
    if (it == p.groups.end()) return ResourceTraits<SecurityGroup>::NotFound(ref.group_id);
    return &it->second;
  }
  if (ref.group_name.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter groupName or groupId");
  }
  for (const auto& [id, group] : p.groups) {
    if (group.vpc_id == p.default_vpc_id && group.group_name == ref.group_name) return &group;
  }
  return MakeError(codes::kGroupNotFound, "The security group '" + ref.group_name +
                                              "' does not exist in default VPC '" + p.default_vpc_id + "'");
}

}  // namespace

Result<SecurityGroup> Ec2::CreateSecurityGroup(const Caller& caller,
                                               const CreateSecurityGroupRequest& request) {
  if (!IsAsciiText(request.group_name, 255)) {
    return MakeError(codes::kInvalidParameterValue,
                     "Invalid value for GroupName: must be 1 to 255 ASCII characters.");
  }
  if (!IsAsciiText(request.description, 255)) {
    return MakeError(codes::kInvalidParameterValue,
                     "Invalid value for GroupDescription: must be 1 to 255 ASCII characters.");
  }
  if (request.group_name.starts_with("sg-")) {
    return MakeError(codes::kInvalidParameterValue, "Group names may not be in the format sg-*.");
  }
  if (request.group_name == "default") {
    return MakeError(codes::kGroupReserved, "The security group 'default' is reserved");
  }
  auto tags = TagsFor(request.tag_specifications, "security-group", {"security-group"});
  if (!tags) return std::move(tags).error();

  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  std::string vpc_id = request.vpc_id.empty() ? p.default_vpc_id : request.vpc_id;
  if (!IsWellFormedId("vpc", vpc_id)) return MalformedId(codes::kVpcIdMalformed, vpc_id, "vpc");
  if (!p.vpcs.count(vpc_id)) return ResourceTraits<Vpc>::NotFound(vpc_id);
  for (const auto& [id, group] : p.groups) {
    if (group.vpc_id == vpc_id && group.group_name == request.group_name) {
      return MakeError(codes::kGroupDuplicate, "The security group '" + request.group_name +
                                                   "' already exists for VPC '" + vpc_id + "'");
    }
  }
  SecurityGroup group;
  group.group_id = ids_.NewId("sg");
  group.group_name = request.group_name;
  group.description = request.description;
  group.vpc_id = vpc_id;
  group.owner_id = caller.account_id;
  group.tags = std::move(*tags);
  SecurityGroupRule all_out;  // a new VPC group allows all outbound traffic, as on AWS
  all_out.rule_id = ids_.NewId("sgr");
  all_out.is_egress = true;
  all_out.ip_protocol = "-1";
  all_out.cidr_ipv4 = "0.0.0.0/0";
  group.rules.push_back(all_out);
  ChangeSet change;
  change.puts.push_back({p.scope, group});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return group;
}

Status Ec2::DeleteSecurityGroup(const Caller& caller, const GroupRef& ref) {
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto found = FindGroup(p, ref);
  if (!found) return std::move(found).error();
  const SecurityGroup& group = **found;
  if (group.group_id == p.default_group_id) {
    return MakeError(codes::kCannotDelete, "the specified group: \"" + group.group_id +
                                               "\" name: \"default\" cannot be deleted by a user");
  }
  for (const auto& [id, other] : p.groups) {
    if (id == group.group_id) continue;
    for (const SecurityGroupRule& rule : other.rules) {
      if (rule.referenced_group_id == group.group_id) {
        return MakeError(codes::kDependencyViolation,
                         "resource " + group.group_id + " has a dependent object");
      }
    }
  }
  for (const auto& [id, instance] : p.instances) {
    bool uses = std::find(instance.group_ids.begin(), instance.group_ids.end(), group.group_id) !=
                instance.group_ids.end();
    if (uses && CurrentState(instance, clock_.NowMs(), timing_) != "terminated") {
      return MakeError(codes::kDependencyViolation, "resource " + group.group_id + " has a dependent object");
    }
  }
  ChangeSet change;
  change.deletes.push_back({p.scope, "security-group", group.group_id});
  return CommitAndApply(std::move(change));
}

namespace {

// The rules `request.permissions` describe for `group`, one per peer, without ids.
Result<std::vector<SecurityGroupRule>> RulesFrom(const Partition& p, const ChangeRulesRequest& request) {
  std::vector<SecurityGroupRule> rules;
  for (const Permission& permission : request.permissions) {
    auto protocol = NormalizeProtocol(permission.ip_protocol);
    if (!protocol) return std::move(protocol).error();
    if (permission.peers.empty()) {
      return MakeError(codes::kInvalidParameterValue,
                       "Each permission must name at least one CIDR range, prefix list or security group.");
    }
    for (const Permission::Peer& peer : permission.peers) {
      SecurityGroupRule rule;
      rule.is_egress = request.egress;
      rule.ip_protocol = *protocol;
      if (auto ports = SetPorts(rule, permission.from_port, permission.to_port); !ports) {
        return std::move(ports).error();
      }
      rule.description = peer.description;
      int peers = 0;
      if (!peer.cidr_ipv4.empty()) {
        if (!IsCidr(peer.cidr_ipv4, AF_INET)) {
          return MakeError(codes::kInvalidParameterValue, "CIDR block " + peer.cidr_ipv4 + " is malformed");
        }
        rule.cidr_ipv4 = peer.cidr_ipv4;
        ++peers;
      }
      if (!peer.cidr_ipv6.empty()) {
        if (!IsCidr(peer.cidr_ipv6, AF_INET6)) {
          return MakeError(codes::kInvalidParameterValue, "CIDR block " + peer.cidr_ipv6 + " is malformed");
        }
        rule.cidr_ipv6 = peer.cidr_ipv6;
        ++peers;
      }
      if (!peer.prefix_list_id.empty()) {
        rule.prefix_list_id = peer.prefix_list_id;
        ++peers;
      }
      if (!peer.group_id.empty() || !peer.group_name.empty()) {
        const bool own_account = peer.user_id.empty() || peer.user_id == p.scope.account_id;
        if (own_account) {
          auto referenced = FindGroup(p, {peer.group_id, peer.group_name});
          if (!referenced) return std::move(referenced).error();
          rule.referenced_group_id = (*referenced)->group_id;
        } else {
          rule.referenced_group_id = peer.group_id;
        }
        rule.referenced_user_id = own_account ? p.scope.account_id : peer.user_id;
        ++peers;
      }
      if (peers != 1) {
        return MakeError(codes::kInvalidParameterValue,
                         "Each peer must be exactly one CIDR range, prefix list or security group.");
      }
      rules.push_back(std::move(rule));
    }
  }
  return rules;
}

}  // namespace

Result<std::vector<RuleView>> Ec2::AuthorizeSecurityGroupRules(const Caller& caller,
                                                               const ChangeRulesRequest& request) {
  if (request.permissions.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter IpPermissions");
  }
  auto tags = TagsFor(request.tag_specifications, "security-group-rule", {"security-group-rule"});
  if (!tags) return std::move(tags).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto found = FindGroup(p, request.group);
  if (!found) return std::move(found).error();
  SecurityGroup group = **found;
  auto rules = RulesFrom(p, request);
  if (!rules) return std::move(rules).error();
  for (SecurityGroupRule& rule : *rules) {
    for (const SecurityGroupRule& existing : group.rules) {
      if (SamePermission(existing, rule)) {
        return MakeError(codes::kPermissionDuplicate,
                         "the specified rule \"" + Describe(rule) + "\" already exists");
      }
    }
    rule.rule_id = ids_.NewId("sgr");
    rule.tags = *tags;
    group.rules.push_back(rule);
  }
  ChangeSet change;
  change.puts.push_back({p.scope, group});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return Views(group, *rules);
}

Result<std::vector<RuleView>> Ec2::RevokeSecurityGroupRules(const Caller& caller,
                                                            const ChangeRulesRequest& request) {
  if (request.permissions.empty() && request.rule_ids.empty()) {
    return MakeError(codes::kMissingParameter,
                     "Either 'ipPermissions' or 'securityGroupRuleIds' should be provided.");
  }
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto found = FindGroup(p, request.group);
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
    if (!take([&](const SecurityGroupRule& r) { return r.rule_id == id && r.is_egress == request.egress; })) {
      return MakeError(codes::kRuleIdNotFound, "The security group rule ID '" + id + "' does not exist");
    }
  }
  auto rules = RulesFrom(p, request);
  if (!rules) return std::move(rules).error();
  for (const SecurityGroupRule& rule : *rules) {
    if (!take([&](const SecurityGroupRule& r) { return SamePermission(r, rule); })) {
      return MakeError(codes::kPermissionNotFound,
                       "The specified rule does not exist in this security group.");
    }
  }
  ChangeSet change;
  change.puts.push_back({p.scope, group});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return Views(group, removed);
}

Result<Page<SecurityGroup>> Ec2::DescribeSecurityGroups(const Caller& caller,
                                                        const DescribeSecurityGroupsRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && (!request.group_ids.empty() || !request.group_names.empty())) {
    return IdsWithMaxResults(request.group_ids.empty() ? "groupNames" : "groupIds");
  }
  auto filters = CompiledFilters<SecurityGroup>::Compile(request.filters, kGroupFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  std::vector<const SecurityGroup*> named;
  for (const std::string& id : request.group_ids) {
    auto found = FindGroup(p, {id, ""});
    if (!found) return std::move(found).error();
    named.push_back(*found);
  }
  for (const std::string& name : request.group_names) {
    auto found = FindGroup(p, {"", name});
    if (!found) return std::move(found).error();
    named.push_back(*found);
  }
  std::vector<SecurityGroup> matching;
  for (const auto& [id, group] : p.groups) {
    bool wanted = named.empty() || std::find(named.begin(), named.end(), &group) != named.end();
    if (wanted && filters->Matches(group)) matching.push_back(group);
  }
  Page<SecurityGroup> page;
  page.items = TakePage(
      matching, request.page, [](const SecurityGroup& g) { return g.group_id; }, page.next_token);
  return page;
}

Result<Page<RuleView>> Ec2::DescribeSecurityGroupRules(const Caller& caller,
                                                       const DescribeSecurityGroupRulesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  for (const std::string& id : request.rule_ids) {
    if (!IsWellFormedId("sgr", id)) return MalformedId(codes::kRuleIdMalformed, id, "sgr");
  }
  auto filters = CompiledFilters<RuleView>::Compile(request.filters, kRuleFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  for (const std::string& id : request.rule_ids) {
    bool exists = std::any_of(p.groups.begin(), p.groups.end(), [&](const auto& entry) {
      const auto& rules = entry.second.rules;
      return std::any_of(rules.begin(), rules.end(),
                         [&](const SecurityGroupRule& r) { return r.rule_id == id; });
    });
    if (!exists)
      return MakeError(codes::kRuleIdNotFound, "The security group rule ID '" + id + "' does not exist");
  }
  std::vector<RuleView> matching;
  for (const auto& [id, group] : p.groups) {
    for (const SecurityGroupRule& rule : group.rules) {
      RuleView view{rule, group.group_id, group.owner_id};
      bool wanted = request.rule_ids.empty() || std::find(request.rule_ids.begin(), request.rule_ids.end(),
                                                          rule.rule_id) != request.rule_ids.end();
      if (wanted && filters->Matches(view)) matching.push_back(std::move(view));
    }
  }
  std::sort(matching.begin(), matching.end(),
            [](const RuleView& a, const RuleView& b) { return a.rule.rule_id < b.rule.rule_id; });
  Page<RuleView> page;
  page.items = TakePage(
      matching, request.page, [](const RuleView& v) { return v.rule.rule_id; }, page.next_token);
  return page;
}

}  // namespace localec2::model
