// The public images every region offers: Quick Start, AWS Marketplace and Community images, owned as on
// AWS. Each region has its own ids, derived from the region and the image name, so they are stable
// across restarts. The catalog lives in memory only: it creates no snapshots in anyone's account.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/core/resources.hpp"

namespace localec2::model {

// One image of the catalog, before it is placed in a region.
struct CatalogEntry {
  // image_id empty: derived per region. EBS block devices with no snapshot_id get derived ones.
  // image_location empty: "<alias or owner>/<name>". is_public is forced true.
  Image image;
  std::vector<std::string> regions;  // empty: every region
};

// The built-in catalog (about twenty-five images per region).
std::vector<CatalogEntry> BuiltinCatalog();

class ImageCatalog {
 public:
  explicit ImageCatalog(std::vector<CatalogEntry> entries = BuiltinCatalog());

  // The catalog images of `region`, in a stable order (empty for an unknown region).
  std::span<const Image> ForRegion(std::string_view region);
  // The catalog image `image_id` of `region`, or nullptr.
  const Image* Find(std::string_view region, std::string_view image_id);
  // Whether an image of the catalog (in any region) carries `product_code` as a marketplace code.
  bool HasMarketplaceProduct(std::string_view product_code) const;

 private:
  struct RegionImages {
    std::vector<Image> images;
    std::unordered_map<std::string, size_t> by_id;
  };
  RegionImages& Build(std::string_view region);

  std::vector<CatalogEntry> entries_;
  std::map<std::string, RegionImages, std::less<>> by_region_;  // built on first use
};

}  // namespace localec2::model
