// The filters every taggable resource type shares (tag:<key>, tag-key, tag-value), for FilterField tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace localec2::model {

// Tag filters shared by every taggable resource type: tag:<key>, tag-key, tag-value.
template <class T>
void TagValueOf(const T& resource, std::string_view key, std::vector<std::string>& out) {
  auto it = resource.tags.find(std::string(key));
  if (it != resource.tags.end()) out.push_back(it->second);
}
template <class T>
void TagKeysOf(const T& resource, std::string_view, std::vector<std::string>& out) {
  for (const auto& [key, value] : resource.tags) out.push_back(key);
}
template <class T>
void TagValuesOf(const T& resource, std::string_view, std::vector<std::string>& out) {
  for (const auto& [key, value] : resource.tags) out.push_back(value);
}
#define LOCALEC2_TAG_FILTERS(T) \
  {"tag:", &TagValueOf<T>, true}, {"tag-key", &TagKeysOf<T>}, { "tag-value", &TagValuesOf<T> }

}  // namespace localec2::model
