// Placement groups: named groups (cluster, spread or partition) that RunInstances' Placement.GroupName
// puts instances in. Each call runs in the Ec2 engine for the caller's account and region.
#pragma once

#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

class View;

struct CreatePlacementGroupRequest {
  std::string group_name;
  std::string strategy;  // cluster | spread | partition
  std::optional<int> partition_count;
  std::string spread_level;  // host | rack (spread only)
  std::vector<TagSpecification> tag_specifications;
};
// Creates the group, available at once. Errors: MissingParameter (name, strategy), InvalidParameterValue
// (strategy, partition count outside 1–7, a count or spread level with another strategy, spread level),
// InvalidPlacementGroup.Duplicate, tag errors.
Result<PlacementGroup> CreatePlacementGroup(Ec2& ec2, const Caller& caller,
                                            const CreatePlacementGroupRequest& request);
// Errors: InvalidPlacementGroup.Unknown, InvalidPlacementGroup.InUse (an instance not terminated is in it).
Status DeletePlacementGroup(Ec2& ec2, const Caller& caller, const std::string& group_name);
// The groups named (by name and by id; all when none), filtered (group-name, group-id, state, strategy,
// spread-level, tags). Errors: InvalidPlacementGroup.Unknown, InvalidPlacementGroupId.Malformed/NotFound,
// unknown filter.
Result<std::vector<PlacementGroup>> DescribePlacementGroups(Ec2& ec2, const Caller& caller,
                                                            const std::vector<std::string>& names,
                                                            const std::vector<std::string>& ids,
                                                            const std::vector<Filter>& filters);
// The caller's group named `group_name`, or null.
const PlacementGroup* FindPlacementGroup(const View& view, const std::string& group_name);

}  // namespace localec2::model
