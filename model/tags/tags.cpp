// CreateTags, DeleteTags and DescribeTags across every taggable resource type.
#include <algorithm>

#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

// A taggable thing found by id: a whole resource, or a rule inside a group.
struct TagTarget {
  Resource resource;     // the resource to write back (for a rule: its group)
  Tags* tags = nullptr;  // points into `resource`
};

Result<TagTarget> FindTarget(const Partition& p, const std::string& id) {
  auto find_in = [&](const auto& map, std::string_view code, std::string_view noun) -> Result<TagTarget> {
    auto it = map.find(id);
    if (it == map.end()) {
      return MakeError(code, "The " + std::string(noun) + " ID '" + id + "' does not exist");
    }
    TagTarget target{it->second};
    return target;
  };
  if (id.starts_with("sgr-")) {
    for (const auto& [group_id, group] : p.groups) {
      for (const SecurityGroupRule& rule : group.rules) {
        if (rule.rule_id == id) return TagTarget{group};
      }
    }
    return MakeError(codes::kRuleIdNotFound, "The security group rule ID '" + id + "' does not exist");
  }
  if (id.starts_with("key-")) return find_in(p.key_pairs, codes::kKeyPairNotFound, "key pair");
  if (id.starts_with("sg-")) {
    auto it = p.groups.find(id);
    if (it == p.groups.end()) return ResourceTraits<SecurityGroup>::NotFound(id);
    return TagTarget{it->second};
  }
  if (id.starts_with("vpc-")) return find_in(p.vpcs, codes::kVpcIdNotFound, "vpc");
  if (id.starts_with("subnet-")) return find_in(p.subnets, codes::kSubnetIdNotFound, "subnet");
  if (id.starts_with("i-")) return find_in(p.instances, codes::kInstanceIdNotFound, "instance");
  if (id.starts_with("ami-")) {
    // Only the owner tags an image (tags on shared and public images are not emulated).
    auto it = p.images.find(id);
    if (it == p.images.end() || it->second.state == "deregistered")
      return ResourceTraits<Image>::NotFound(id);
    return TagTarget{it->second};
  }
  if (id.starts_with("snap-")) {
    auto it = p.snapshots.find(id);
    if (it == p.snapshots.end()) return ResourceTraits<Snapshot>::NotFound(id);
    return TagTarget{it->second};
  }
  if (id.starts_with("vol-")) {
    auto it = p.volumes.find(id);
    if (it == p.volumes.end()) return ResourceTraits<Volume>::NotFound(id);
    return TagTarget{it->second};
  }
  return MakeError(codes::kInvalidId, "The ID '" + id + "' is not valid");
}

// The tags of `id` inside `resource` (the rule's, when `id` is a rule of a group).
Tags& TagsOf(Resource& resource, const std::string& id) {
  if (auto* group = std::get_if<SecurityGroup>(&resource); group != nullptr && id.starts_with("sgr-")) {
    for (SecurityGroupRule& rule : group->rules) {
      if (rule.rule_id == id) return rule.tags;
    }
  }
  return std::visit([](auto& r) -> Tags& { return r.tags; }, resource);
}

struct TagRow {
  TagDescription description;
  std::string sort_key;  // resource id, then key
};

constexpr FilterField<TagRow> kTagFilters[] = {
    {"key", [](const TagRow& t, std::string_view, auto& out) { out.push_back(t.description.key); }},
    {"value", [](const TagRow& t, std::string_view, auto& out) { out.push_back(t.description.value); }},
    {"resource-id",
     [](const TagRow& t, std::string_view, auto& out) { out.push_back(t.description.resource_id); }},
    {"resource-type",
     [](const TagRow& t, std::string_view, auto& out) { out.push_back(t.description.resource_type); }},
};

}  // namespace

namespace {

// Applies `edit` to the tags of every resource in `ids`, as one change. Errors: as FindTarget, or edit's.
template <class Edit>
Result<ChangeSet> EditTags(const Partition& p, const std::vector<std::string>& ids, Edit edit) {
  ChangeSet change;
  for (const std::string& id : ids) {
    auto target = FindTarget(p, id);
    if (!target) return std::move(target).error();
    // A resource named twice (or two rules of one group) is edited on the copy already in the change.
    const std::string& owner_id = ResourceId(target->resource);
    auto pending = std::find_if(change.puts.begin(), change.puts.end(),
                                [&](const Record& r) { return ResourceId(r.resource) == owner_id; });
    if (pending == change.puts.end()) {
      change.puts.push_back({p.scope, std::move(target->resource)});
      pending = change.puts.end() - 1;
    }
    Tags& tags = TagsOf(pending->resource, id);
    auto edited = edit(tags);
    if (!edited) return std::move(edited).error();
    tags = std::move(*edited);
  }
  return change;
}

}  // namespace

Status Ec2::CreateTags(const Caller& caller, const std::vector<std::string>& resource_ids, const Tags& tags) {
  if (auto valid = ValidateTags(tags); !valid) return valid;
  std::lock_guard lock(mutex_);
  auto change = EditTags(PartitionFor(caller), resource_ids,
                         [&](const Tags& current) { return MergeTags(current, tags); });
  if (!change) return std::move(change).error();
  return CommitAndApply(std::move(*change));
}

Status Ec2::DeleteTags(const Caller& caller, const std::vector<std::string>& resource_ids,
                       const std::vector<std::pair<std::string, std::optional<std::string>>>& tags) {
  for (const auto& [key, value] : tags) {
    if (key.starts_with("aws:")) {
      return MakeError(codes::kInvalidParameterValue,
                       "Tag keys starting with 'aws:' are reserved for internal use");
    }
  }
  std::lock_guard lock(mutex_);
  auto change = EditTags(PartitionFor(caller), resource_ids,
                         [&](const Tags& current) -> Result<Tags> { return RemoveTags(current, tags); });
  if (!change) return std::move(change).error();
  return CommitAndApply(std::move(*change));
}

Result<Page<TagDescription>> Ec2::DescribeTags(const Caller& caller, const DescribeTagsRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  auto filters = CompiledFilters<TagRow>::Compile(request.filters, kTagFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  const Partition& p = PartitionFor(caller);
  std::vector<TagRow> rows;
  auto add = [&](const std::string& id, std::string_view type, const Tags& tags) {
    for (const auto& [key, value] : tags) {
      TagRow row{{id, std::string(type), key, value}, id + '\x01' + key};
      if (filters->Matches(row)) rows.push_back(std::move(row));
    }
  };
  for (const auto& [id, r] : p.key_pairs) add(id, "key-pair", r.tags);
  for (const auto& [id, r] : p.groups) {
    add(id, "security-group", r.tags);
    for (const SecurityGroupRule& rule : r.rules) add(rule.rule_id, "security-group-rule", rule.tags);
  }
  for (const auto& [id, r] : p.vpcs) add(id, "vpc", r.tags);
  for (const auto& [id, r] : p.subnets) add(id, "subnet", r.tags);
  for (const auto& [id, r] : p.instances) add(id, "instance", r.tags);
  for (const auto& [id, r] : p.images) {
    if (r.state != "deregistered") add(id, "image", r.tags);
  }
  for (const auto& [id, r] : p.snapshots) add(id, "snapshot", r.tags);
  for (const auto& [id, r] : p.volumes) add(id, "volume", r.tags);
  std::sort(rows.begin(), rows.end(),
            [](const TagRow& a, const TagRow& b) { return a.sort_key < b.sort_key; });
  Page<TagDescription> page;
  std::vector<TagRow> taken = TakePage(
      rows, request.page, [](const TagRow& r) { return r.sort_key; }, page.next_token);
  for (TagRow& row : taken) page.items.push_back(std::move(row.description));
  return page;
}

}  // namespace localec2::model
