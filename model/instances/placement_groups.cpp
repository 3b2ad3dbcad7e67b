// CreatePlacementGroup, DeletePlacementGroup and DescribePlacementGroups (placement_groups.hpp).
#include "model/instances/placement_groups.hpp"

#include <algorithm>

#include "model/core/describe.hpp"
#include "model/core/tag_filters.hpp"
#include "model/core/tx.hpp"
#include "model/instances/instance_lifecycle.hpp"

namespace localec2::model {
namespace {

template <std::string PlacementGroup::*Member>
void Text(const PlacementGroup& g, std::string_view, std::vector<std::string>& out) {
  if (!(g.*Member).empty()) out.push_back(g.*Member);
}

constexpr FilterField<PlacementGroup> kPlacementGroupFilters[] = {
    {"group-name", &Text<&PlacementGroup::group_name>},
    {"group-id", &Text<&PlacementGroup::group_id>},
    {"state", &Text<&PlacementGroup::state>},
    {"strategy", &Text<&PlacementGroup::strategy>},
    {"spread-level", &Text<&PlacementGroup::spread_level>},
    LOCALEC2_TAG_FILTERS(PlacementGroup),
};

Error Unknown(const std::string& name) {
  return MakeError(codes::kPlacementGroupUnknown, "The Placement Group '" + name + "' is unknown.");
}

Error BadValue(const std::string& value, std::string_view parameter) {
  return MakeError(codes::kInvalidParameterValue,
                   "Value (" + value + ") for parameter " + std::string(parameter) + " is invalid.");
}

// Errors: those of CreatePlacementGroup that need no state.
Status CheckCreate(const CreatePlacementGroupRequest& request) {
  if (request.group_name.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter groupName");
  if (request.group_name.size() > 255) return BadValue(request.group_name, "groupName");
  if (request.strategy.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter strategy");
  if (request.strategy != "cluster" && request.strategy != "spread" && request.strategy != "partition")
    return BadValue(request.strategy, "strategy");
  if (request.partition_count) {
    if (request.strategy != "partition") {
      return MakeError(codes::kInvalidParameterCombination,
                       "PartitionCount can only be specified with the partition strategy.");
    }
    if (*request.partition_count < 1 || *request.partition_count > 7)
      return BadValue(std::to_string(*request.partition_count), "partitionCount");
  }
  if (!request.spread_level.empty()) {
    if (request.strategy != "spread") {
      return MakeError(codes::kInvalidParameterCombination,
                       "SpreadLevel can only be specified with the spread strategy.");
    }
    if (request.spread_level != "host" && request.spread_level != "rack")
      return BadValue(request.spread_level, "spreadLevel");
  }
  return Ok{};
}

}  // namespace

const PlacementGroup* FindPlacementGroup(const View& view, const std::string& group_name) {
  for (const auto& [id, group] : view.partition().placement_groups) {
    if (group.group_name == group_name) return &group;
  }
  return nullptr;
}

Result<PlacementGroup> CreatePlacementGroup(Ec2& ec2, const Caller& caller,
                                            const CreatePlacementGroupRequest& request) {
  if (auto valid = CheckCreate(request); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "placement-group", {"placement-group"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<PlacementGroup> {
    if (FindPlacementGroup(tx, request.group_name) != nullptr) {
      return MakeError(codes::kPlacementGroupDuplicate,
                       "The Placement Group '" + request.group_name + "' already exists.");
    }
    PlacementGroup group;
    group.group_id = tx.NewId("pg");
    group.group_name = request.group_name;
    group.strategy = request.strategy;
    if (request.strategy == "partition") group.partition_count = request.partition_count.value_or(2);
    if (request.strategy == "spread")
      group.spread_level = request.spread_level.empty() ? "rack" : request.spread_level;
    group.tags = std::move(*tags);
    tx.Put(group);
    return group;
  });
}

Status DeletePlacementGroup(Ec2& ec2, const Caller& caller, const std::string& group_name) {
  if (group_name.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter groupName");
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    const PlacementGroup* group = FindPlacementGroup(tx, group_name);
    if (group == nullptr) return Unknown(group_name);
    for (const auto& [id, instance] : tx.partition().instances) {
      if (instance.placement_group != group_name) continue;
      if (CurrentState(instance, tx.now(), tx.timing()) == states::kTerminated) continue;
      return MakeError(codes::kPlacementGroupInUse,
                       "The placement group '" + group_name + "' is in use and may not be deleted.");
    }
    tx.Erase<PlacementGroup>(group->group_id);
    return Ok{};
  });
}

Result<std::vector<PlacementGroup>> DescribePlacementGroups(Ec2& ec2, const Caller& caller,
                                                            const std::vector<std::string>& names,
                                                            const std::vector<std::string>& ids,
                                                            const std::vector<Filter>& filters) {
  return ec2.Read(caller, [&](const View& view) -> Result<std::vector<PlacementGroup>> {
    for (const std::string& name : names) {
      if (FindPlacementGroup(view, name) == nullptr) return Unknown(name);
    }
    auto page = DescribeById<PlacementGroup>(view, ids, filters, kPlacementGroupFilters, {});
    if (!page) return std::move(page).error();
    std::vector<PlacementGroup> groups;
    for (PlacementGroup& group : page->items) {
      if (names.empty() || std::find(names.begin(), names.end(), group.group_name) != names.end())
        groups.push_back(std::move(group));
    }
    return groups;
  });
}

}  // namespace localec2::model
