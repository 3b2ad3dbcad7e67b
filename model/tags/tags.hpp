// The tags family: CreateTags, DeleteTags and DescribeTags across every taggable resource (each type of
// the ResourceTraits table, and security group rules). Each call runs in the Ec2 engine (core/tx.hpp) for
// the caller's account and region; a mutating call changes nothing when it answers an error. The tag
// rules themselves (limits, reserved keys) are core/tagging.hpp's.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct TagDescription {
  std::string resource_id;
  std::string resource_type;
  std::string key;
  std::string value;
};
struct DescribeTagsRequest {
  std::vector<Filter> filters;  // key, value, resource-id, resource-type
  PageRequest page;
};

// Adds or overwrites tags on each resource (an image only when the caller owns it). All or nothing.
// Errors: InvalidParameterValue (bad tags), InvalidID (an id of no taggable type), the resource type's
// NotFound, InvalidSecurityGroupRuleId.NotFound, TagLimitExceeded.
Status CreateTags(Ec2& ec2, const Caller& caller, const std::vector<std::string>& resource_ids,
                  const Tags& tags);
// Removes tags from each resource: a key with a value only when the value matches, a key without one
// always, every tag when `tags` is empty. All or nothing. Errors: InvalidParameterValue (an aws: key),
// and CreateTags' lookup errors.
Status DeleteTags(Ec2& ec2, const Caller& caller, const std::vector<std::string>& resource_ids,
                  const std::vector<std::pair<std::string, std::optional<std::string>>>& tags);
// Every tag of the caller's resources (deregistered images' aside), filtered, paginated by resource id
// then key. Errors: pagination errors, unknown filter.
Result<Page<TagDescription>> DescribeTags(Ec2& ec2, const Caller& caller, const DescribeTagsRequest& request);

}  // namespace localec2::model
