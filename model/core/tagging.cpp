#include "model/core/tagging.hpp"

#include <algorithm>

#include "model/core/error_codes.hpp"

namespace localec2::model {

Status ValidateTags(const Tags& tags) {
  for (const auto& [key, value] : tags) {
    if (key.empty() || key.size() > 128) {
      return MakeError(codes::kInvalidParameterValue,
                       "Tag key exceeds the maximum length of 128 characters or is empty");
    }
    if (key.starts_with("aws:")) {
      return MakeError(codes::kInvalidParameterValue,
                       "Tag keys starting with 'aws:' are reserved for internal use");
    }
    if (value.size() > 256) {
      return MakeError(codes::kInvalidParameterValue,
                       "Tag value exceeds the maximum length of 256 characters");
    }
  }
  return Ok{};
}

Result<Tags> TagsFor(const std::vector<TagSpecification>& specs, std::string_view resource_type,
                     const std::vector<std::string_view>& allowed_types) {
  Tags merged;
  for (const TagSpecification& spec : specs) {
    if (std::find(allowed_types.begin(), allowed_types.end(), spec.resource_type) == allowed_types.end()) {
      return MakeError(
          codes::kInvalidParameterValue,
          "'" + spec.resource_type + "' is not a valid taggable resource type for this operation.");
    }
    if (spec.resource_type != resource_type) continue;
    if (auto valid = ValidateTags(spec.tags); !valid) return std::move(valid).error();
    for (const auto& [key, value] : spec.tags) merged[key] = value;
  }
  if (merged.size() > kMaxTagsPerResource) {
    return MakeError(codes::kTagLimitExceeded, "The maximum number of Tags for a resource has been reached.");
  }
  return merged;
}

Result<Tags> MergeTags(const Tags& tags, const Tags& added) {
  Tags merged = tags;
  for (const auto& [key, value] : added) merged[key] = value;
  if (merged.size() > kMaxTagsPerResource) {
    return MakeError(codes::kTagLimitExceeded, "The maximum number of Tags for a resource has been reached.");
  }
  return merged;
}

Tags RemoveTags(const Tags& tags,
                const std::vector<std::pair<std::string, std::optional<std::string>>>& removed) {
  if (removed.empty()) return {};
  Tags kept = tags;
  for (const auto& [key, value] : removed) {
    auto it = kept.find(key);
    if (it != kept.end() && (!value || *value == it->second)) kept.erase(it);
  }
  return kept;
}

}  // namespace localec2::model
