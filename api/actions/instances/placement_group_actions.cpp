// Placement groups: create, delete, describe.
#include "api/actions/families.hpp"
#include "model/instances/placement_groups.hpp"

namespace localec2::api {
namespace {

Json GroupJson(const model::PlacementGroup& g) {
  Json out = {
      {"GroupName", g.group_name}, {"GroupId", g.group_id}, {"State", g.state}, {"Strategy", g.strategy}};
  if (g.partition_count != 0) out["PartitionCount"] = g.partition_count;
  if (!g.spread_level.empty()) out["SpreadLevel"] = g.spread_level;
  PutTags(out, g.tags);
  return out;
}

model::Result<Json> CreatePlacementGroup(ActionContext& context, const Json& input) {
  model::CreatePlacementGroupRequest request;
  request.group_name = StringMember(input, "GroupName");
  request.strategy = StringMember(input, "Strategy");
  request.partition_count = OptionalInt(input, "PartitionCount");
  request.spread_level = StringMember(input, "SpreadLevel");
  request.tag_specifications = TagSpecificationList(input);
  auto group = model::CreatePlacementGroup(context.ec2, context.caller, request);
  if (!group) return std::move(group).error();
  return Json{{"PlacementGroup", GroupJson(*group)}};
}

model::Result<Json> DeletePlacementGroup(ActionContext& context, const Json& input) {
  auto deleted = model::DeletePlacementGroup(context.ec2, context.caller, StringMember(input, "GroupName"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> DescribePlacementGroups(ActionContext& context, const Json& input) {
  auto groups = model::DescribePlacementGroups(context.ec2, context.caller, StringList(input, "GroupNames"),
                                               StringList(input, "GroupIds"), FilterList(input));
  if (!groups) return std::move(groups).error();
  Json items = Json::array();
  for (const model::PlacementGroup& g : *groups) items.push_back(GroupJson(g));
  return Json{{"PlacementGroups", std::move(items)}};
}

}  // namespace

std::span<const ActionEntry> PlacementGroupActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(CreatePlacementGroup),
                                             LOCALEC2_ACTION(DeletePlacementGroup),
                                             LOCALEC2_ACTION(DescribePlacementGroups)};
  return kActions;
}

}  // namespace localec2::api
