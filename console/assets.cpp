#include "console/assets.hpp"

#include <algorithm>

namespace localec2::console {

const Asset* FindAsset(std::string_view name) {
  const Asset* end = kAssets + kAssetCount;
  const Asset* it = std::lower_bound(
      kAssets, end, name, [](const Asset& asset, std::string_view key) { return asset.name < key; });
  return it != end && it->name == name ? it : nullptr;
}

}  // namespace localec2::console
