// Tag rules shared by every taggable resource: CreateTags, DeleteTags and TagSpecifications at creation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct TagSpecification {
  std::string resource_type;  // "key-pair", "security-group", …
  Tags tags;
};

inline constexpr size_t kMaxTagsPerResource = 50;

// Checks keys (1–128 characters, not starting with "aws:") and values (at most 256 characters).
// Errors: InvalidParameterValue.
Status ValidateTags(const Tags& tags);

// The tags of `specs` meant for `resource_type` (merged), after checking each spec names a type the
// action creates (`allowed_types`). Errors: InvalidParameterValue for another type or bad tags;
// TagLimitExceeded for more than 50.
Result<Tags> TagsFor(const std::vector<TagSpecification>& specs, std::string_view resource_type,
                     const std::vector<std::string_view>& allowed_types);

// `tags` with `added` merged in. Errors: TagLimitExceeded when the result has more than 50 tags.
Result<Tags> MergeTags(const Tags& tags, const Tags& added);

// `tags` less the keys of `removed`: a key with a value is removed only when the value matches; a key
// with no value (std::nullopt) always. An empty `removed` removes every tag.
Tags RemoveTags(const Tags& tags,
                const std::vector<std::pair<std::string, std::optional<std::string>>>& removed);

}  // namespace localec2::model
