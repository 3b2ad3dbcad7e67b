// The console's static files (console/web/), compiled into the binary by embed_assets.py at build time.
#pragma once

#include <cstddef>
#include <string_view>

namespace localec2::console {

struct Asset {
  std::string_view name;          // relative to console/web/, e.g. "app.js" or "pages/instances.js"
  std::string_view content_type;  // from the file's extension
  std::string_view body;
};

// Sorted by name (the generator sorts them).
extern const Asset kAssets[];
extern const std::size_t kAssetCount;

// The asset named exactly `name`, or nullptr.
const Asset* FindAsset(std::string_view name);

}  // namespace localec2::console
