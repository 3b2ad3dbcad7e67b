// Security groups' lifecycle: finding one by id or name, creating and deleting.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/security/security.hpp"

namespace localec2::model {
namespace {

bool IsAsciiText(const std::string& s, size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

Status ValidateNewGroup(const CreateSecurityGroupRequest& request) {
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
  return Ok{};
}

// Whether anything keeps `group` from being deleted: another group's rule naming it, or an instance
// (not terminated) in it. Errors: DependencyViolation.
Status CheckUnused(const View& view, const SecurityGroup& group) {
  const Partition& p = view.partition();
  auto in_use = [&] {
    return MakeError(codes::kDependencyViolation, "resource " + group.group_id + " has a dependent object");
  };
  for (const auto& [id, other] : p.groups) {
    if (id == group.group_id) continue;
    for (const SecurityGroupRule& rule : other.rules) {
      if (rule.referenced_group_id == group.group_id) return in_use();
    }
  }
  for (const auto& [id, instance] : p.instances) {
    bool uses = std::find(instance.group_ids.begin(), instance.group_ids.end(), group.group_id) !=
                instance.group_ids.end();
    if (uses && CurrentState(instance, view.now(), view.timing()) != states::kTerminated) return in_use();
  }
  return Ok{};
}

}  // namespace

Result<const SecurityGroup*> FindGroup(const View& view, const GroupRef& ref) {
  if (!ref.group_id.empty()) return view.Find<SecurityGroup>(ref.group_id);
  if (ref.group_name.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter groupName or groupId");
  }
  const Partition& p = view.partition();
  for (const auto& [id, group] : p.groups) {
    if (group.vpc_id == p.default_vpc_id && group.group_name == ref.group_name) return &group;
  }
  return MakeError(codes::kGroupNotFound, "The security group '" + ref.group_name +
                                              "' does not exist in default VPC '" + p.default_vpc_id + "'");
}

Result<SecurityGroup> CreateSecurityGroup(Ec2& ec2, const Caller& caller,
                                          const CreateSecurityGroupRequest& request) {
  if (auto valid = ValidateNewGroup(request); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "security-group", {"security-group"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<SecurityGroup> {
    std::string vpc_id = request.vpc_id.empty() ? tx.partition().default_vpc_id : request.vpc_id;
    if (auto vpc = tx.Find<Vpc>(vpc_id); !vpc) return std::move(vpc).error();
    for (const auto& [id, group] : tx.partition().groups) {
      if (group.vpc_id == vpc_id && group.group_name == request.group_name) {
        return MakeError(codes::kGroupDuplicate, "The security group '" + request.group_name +
                                                     "' already exists for VPC '" + vpc_id + "'");
      }
    }
    SecurityGroup group;
    group.group_id = tx.NewId("sg");
    group.group_name = request.group_name;
    group.description = request.description;
    group.vpc_id = vpc_id;
    group.owner_id = caller.account_id;
    group.tags = std::move(*tags);
    SecurityGroupRule all_out;  // a new VPC group allows all outbound traffic, as on AWS
    all_out.rule_id = tx.NewId("sgr");
    all_out.is_egress = true;
    all_out.ip_protocol = "-1";
    all_out.cidr_ipv4 = "0.0.0.0/0";
    group.rules.push_back(all_out);
    tx.Put(group);
    return group;
  });
}

Status DeleteSecurityGroup(Ec2& ec2, const Caller& caller, const GroupRef& ref) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = FindGroup(tx, ref);
    if (!found) return std::move(found).error();
    const SecurityGroup& group = **found;
    if (group.group_name == "default") {  // every VPC's default group, not only the default VPC's
      return MakeError(codes::kCannotDelete, "the specified group: \"" + group.group_id +
                                                 "\" name: \"default\" cannot be deleted by a user");
    }
    if (auto unused = CheckUnused(tx, group); !unused) return unused;
    tx.Erase<SecurityGroup>(group.group_id);
    return Ok{};
  });
}

}  // namespace localec2::model
