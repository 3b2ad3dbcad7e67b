#include "model/image_catalog.hpp"

#include <map>
#include <mutex>

#include "model/ids.hpp"
#include "model/region_catalog.hpp"

namespace localec2::model {
namespace {

constexpr std::string_view kAmazon = "137112412989";
constexpr std::string_view kWindows = "801119661308";
constexpr std::string_view kCanonical = "099720109477";

struct Row {
  std::string_view name;
  std::string_view description;
  std::string_view owner_id;
  std::string_view owner_alias;
  std::string_view platform;
  std::string_view platform_details;
  std::string_view architecture;
  std::string_view root_device_type;
  std::string_view root_device_name;
  int size_gib;
  std::string_view creation_date;
  std::string_view boot_mode;
};

constexpr Row kImages[] = {
    {"al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64",
     "Amazon Linux 2023 AMI 2023.9.20251117.1 x86_64 HVM kernel-6.1", kAmazon, "amazon", "", "Linux/UNIX",
     "x86_64", "ebs", "/dev/xvda", 8, "2025-11-17T21:08:52.000Z", "uefi-preferred"},
    {"al2023-ami-2023.9.20251117.1-kernel-6.1-arm64",
     "Amazon Linux 2023 AMI 2023.9.20251117.1 arm64 HVM kernel-6.1", kAmazon, "amazon", "", "Linux/UNIX",
     "arm64", "ebs", "/dev/xvda", 8, "2025-11-17T21:08:55.000Z", "uefi"},
    {"amzn2-ami-kernel-5.10-hvm-2.0.20251110.0-x86_64-gp2",
     "Amazon Linux 2 Kernel 5.10 AMI 2.0.20251110.0 x86_64 HVM gp2", kAmazon, "amazon", "", "Linux/UNIX",
     "x86_64", "ebs", "/dev/xvda", 8, "2025-11-11T01:12:10.000Z", "legacy-bios"},
    {"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251112",
     "Canonical, Ubuntu, 24.04, amd64 noble image", kCanonical, "", "", "Linux/UNIX", "x86_64", "ebs",
     "/dev/sda1", 8, "2025-11-12T07:40:21.000Z", "uefi-preferred"},
    {"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20251112",
     "Canonical, Ubuntu, 24.04, arm64 noble image", kCanonical, "", "", "Linux/UNIX", "arm64", "ebs",
     "/dev/sda1", 8, "2025-11-12T07:40:25.000Z", "uefi"},
    {"ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20251105",
     "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image", kCanonical, "", "", "Linux/UNIX", "x86_64", "ebs",
     "/dev/sda1", 8, "2025-11-05T06:11:02.000Z", "legacy-bios"},
    {"Windows_Server-2022-English-Full-Base-2025.11.12",
     "Microsoft Windows Server 2022 Full Locale English AMI", kWindows, "amazon", "windows", "Windows",
     "x86_64", "ebs", "/dev/sda1", 30, "2025-11-12T20:04:38.000Z", "uefi-preferred"},
    {"Windows_Server-2025-English-Full-Base-2025.11.12",
     "Microsoft Windows Server 2025 Full Locale English AMI", kWindows, "amazon", "windows", "Windows",
     "x86_64", "ebs", "/dev/sda1", 30, "2025-11-12T20:11:51.000Z", "uefi-preferred"},
    {"amzn-ami-minimal-hvm-2018.03.0.20231218.0-x86_64-s",
     "Amazon Linux AMI 2018.03.0.20231218.0 x86_64 Minimal HVM instance-store", kAmazon, "amazon", "",
     "Linux/UNIX", "x86_64", "instance-store", "/dev/sda1", 0, "2023-12-18T22:41:09.000Z", "legacy-bios"},
};

std::vector<CatalogImage> Build(std::string_view region) {
  std::vector<CatalogImage> images;
  for (const Row& row : kImages) {
    CatalogImage image;
    std::string seed = std::string(region) + "/" + std::string(row.name);
    image.image_id = DerivedId("ami", seed);
    image.name = row.name;
    image.description = row.description;
    image.owner_id = row.owner_id;
    image.owner_alias = row.owner_alias;
    image.platform = row.platform;
    image.platform_details = row.platform_details;
    image.architecture = row.architecture;
    image.root_device_type = row.root_device_type;
    image.root_device_name = row.root_device_name;
    if (row.root_device_type == "ebs") image.root_snapshot_id = DerivedId("snap", seed);
    image.root_volume_size_gib = row.size_gib;
    image.creation_date = row.creation_date;
    image.image_location =
        (row.owner_alias.empty() ? std::string(row.owner_id) : std::string(row.owner_alias)) + "/" +
        std::string(row.name);
    image.boot_mode = row.boot_mode;
    images.push_back(std::move(image));
  }
  return images;
}

}  // namespace

std::span<const CatalogImage> CatalogImages(std::string_view region) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<CatalogImage>, std::less<>> by_region;
  std::lock_guard lock(mutex);
  auto it = by_region.find(region);
  if (it == by_region.end()) {
    if (FindRegion(region) == nullptr) return {};
    it = by_region.emplace(std::string(region), Build(region)).first;
  }
  return it->second;  // entries are never erased, so the span stays valid
}

const CatalogImage* FindCatalogImage(std::string_view region, std::string_view image_id) {
  for (const CatalogImage& image : CatalogImages(region)) {
    if (image.image_id == image_id) return &image;
  }
  return nullptr;
}

}  // namespace localec2::model
