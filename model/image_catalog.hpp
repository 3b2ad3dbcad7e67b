// The public images every region offers (Quick Start), owned as on AWS. Each region has its own ids,
// derived from the region and the image name, so they are stable across restarts. The catalog lives in
// memory only: it creates no snapshots in anyone's account.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace localec2::model {

struct CatalogImage {
  std::string image_id;
  std::string name;
  std::string description;
  std::string owner_id;
  std::string owner_alias;       // "amazon" for Amazon's images, else empty
  std::string platform;          // "windows" or empty
  std::string platform_details;  // "Linux/UNIX", "Windows", "Red Hat Enterprise Linux", …
  std::string architecture;      // x86_64 | arm64
  std::string root_device_type;  // ebs | instance-store
  std::string root_device_name;  // /dev/xvda, /dev/sda1
  std::string root_snapshot_id;  // ebs only
  int root_volume_size_gib = 8;  // ebs only
  std::string creation_date;     // ISO 8601
  std::string image_location;    // owner-alias/name
  std::string boot_mode;         // uefi-preferred | legacy-bios | uefi
};

// The catalog images of `region`, in a stable order.
std::span<const CatalogImage> CatalogImages(std::string_view region);

// The catalog image `image_id` of `region`, or nullptr.
const CatalogImage* FindCatalogImage(std::string_view region, std::string_view image_id);

}  // namespace localec2::model
