// CreateTags, DeleteTags and DescribeTags across every taggable resource type.
#include "model/tags/tags.hpp"

#include <algorithm>
#include <type_traits>

#include "model/core/tx.hpp"
#include "model/security/security.hpp"

namespace localec2::model {
namespace {

// Whether `id` has the shape `T`'s ids start with ("vpc-…").
template <class T>
bool HasIdPrefix(std::string_view id) {
  constexpr std::string_view prefix = ResourceTraits<T>::kIdPrefix;
  return id.size() > prefix.size() && id.starts_with(prefix) && id[prefix.size()] == '-';
}

// The resource to write back when `id`'s tags change: the resource itself or, for a rule, its group.
// Errors: InvalidID (no taggable type has `id`'s prefix), the type's NotFound.
Result<Resource> FindTarget(const View& view, const std::string& id) {
  if (id.starts_with("sgr-")) {
    auto group = FindRuleGroup(view, id);
    if (!group) return std::move(group).error();
    return Resource(**group);
  }
  std::optional<Result<Resource>> found;
  ForEachResourceType([&]<class T>() {
    using Traits = ResourceTraits<T>;
    if (found || !HasIdPrefix<T>(id)) return;
    const T* resource = Lookup<T>(view.partition(), id);
    bool absent = resource == nullptr;
    if constexpr (std::is_same_v<T, Image>) {
      // Only the owner tags an image (tags on shared and public images are not emulated); a deregistered
      // image's tombstone is not there.
      absent = absent || resource->state == states::kDeregistered;
    }
    if (absent) {
      found.emplace(Traits::NotFound(id));
    } else {
      found.emplace(Resource(*resource));
    }
  });
  if (found) return std::move(*found);
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

// Applies `edit` to the tags of every resource in `ids` and records them in `tx`. Errors: as FindTarget,
// or edit's.
template <class Edit>
Status EditTags(Tx& tx, const std::vector<std::string>& ids, Edit edit) {
  std::vector<Resource> edited;  // each resource once, in the order first named
  for (const std::string& id : ids) {
    auto target = FindTarget(tx, id);
    if (!target) return std::move(target).error();
    // A resource named twice (or two rules of one group) is edited on the copy already taken.
    const std::string& owner_id = ResourceId(*target);
    auto pending = std::find_if(edited.begin(), edited.end(),
                                [&](const Resource& r) { return ResourceId(r) == owner_id; });
    if (pending == edited.end()) {
      edited.push_back(std::move(*target));
      pending = edited.end() - 1;
    }
    Tags& tags = TagsOf(*pending, id);
    auto result = edit(tags);
    if (!result) return std::move(result).error();
    tags = std::move(*result);
  }
  for (Resource& resource : edited) tx.Put(std::move(resource));
  return Ok{};
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

Status CreateTags(Ec2& ec2, const Caller& caller, const std::vector<std::string>& resource_ids,
                  const Tags& tags) {
  if (auto valid = ValidateTags(tags); !valid) return valid;
  return ec2.Write(caller, [&](Tx& tx) {
    return EditTags(tx, resource_ids, [&](const Tags& current) { return MergeTags(current, tags); });
  });
}

Status DeleteTags(Ec2& ec2, const Caller& caller, const std::vector<std::string>& resource_ids,
                  const std::vector<std::pair<std::string, std::optional<std::string>>>& tags) {
  for (const auto& [key, value] : tags) {
    if (key.starts_with("aws:")) {
      return MakeError(codes::kInvalidParameterValue,
                       "Tag keys starting with 'aws:' are reserved for internal use");
    }
  }
  return ec2.Write(caller, [&](Tx& tx) {
    return EditTags(tx, resource_ids,
                    [&](const Tags& current) -> Result<Tags> { return RemoveTags(current, tags); });
  });
}

Result<Page<TagDescription>> DescribeTags(Ec2& ec2, const Caller& caller,
                                          const DescribeTagsRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  auto filters = CompiledFilters<TagRow>::Compile(request.filters, kTagFilters);
  if (!filters) return std::move(filters).error();
  std::vector<TagRow> rows = ec2.Read(caller, [&](const View& view) {
    std::vector<TagRow> listed;
    auto add = [&](const std::string& id, std::string_view type, const Tags& tags) {
      for (const auto& [key, value] : tags) {
        TagRow row{{id, std::string(type), key, value}, id + '\x01' + key};
        if (filters->Matches(row)) listed.push_back(std::move(row));
      }
    };
    ForEachResourceType([&]<class T>() {
      for (const auto& [id, resource] : MapOf<T>(view.partition())) {
        if constexpr (std::is_same_v<T, Image>) {
          if (resource.state == states::kDeregistered) continue;
        }
        add(id, ResourceTraits<T>::kType, resource.tags);
        if constexpr (std::is_same_v<T, SecurityGroup>) {
          for (const SecurityGroupRule& rule : resource.rules) {
            add(rule.rule_id, "security-group-rule", rule.tags);
          }
        }
      }
    });
    return listed;
  });
  std::sort(rows.begin(), rows.end(),
            [](const TagRow& a, const TagRow& b) { return a.sort_key < b.sort_key; });
  Page<TagDescription> page;
  std::vector<TagRow> taken = TakePage(
      rows, request.page, [](const TagRow& r) { return r.sort_key; }, page.next_token);
  for (TagRow& row : taken) page.items.push_back(std::move(row.description));
  return page;
}

}  // namespace localec2::model
