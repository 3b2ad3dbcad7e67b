#include "model/catalogs/image_catalog.hpp"

#include <algorithm>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/ids.hpp"

namespace localec2::model {
namespace {

// Publishers' accounts, as AWS shows them.
constexpr std::string_view kAmazon = "137112412989";
constexpr std::string_view kWindows = "801119661308";
constexpr std::string_view kCanonical = "099720109477";
constexpr std::string_view kRedHat = "309956199498";
constexpr std::string_view kSuse = "013907871322";
constexpr std::string_view kDebian = "136693071363";
constexpr std::string_view kMarketplace = "679593333241";
constexpr std::string_view kFedora = "125523088429";
constexpr std::string_view kAlmaLinux = "764336703387";

struct Row {
  std::string_view name;
  std::string_view description;
  std::string_view owner_id;
  std::string_view owner_alias;
  std::string_view platform_details;
  std::string_view usage_operation;
  std::string_view architecture;
  std::string_view root_device_name;  // empty: instance-store, /dev/sda1
  int size_gib;
  std::string_view creation_date;
  std::string_view boot_mode;
  std::string_view product_code;  // a Marketplace product code, or empty
};

constexpr Row kRows[] = {
    // Quick Start.
    {"al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64",
     "Amazon Linux 2023 AMI 2023.9.20251117.1 x86_64 HVM kernel-6.1", kAmazon, "amazon", "Linux/UNIX",
     "RunInstances", "x86_64", "/dev/xvda", 8, "2025-11-17T21:08:52.000Z", "uefi-preferred", ""},
    {"al2023-ami-2023.9.20251117.1-kernel-6.1-arm64",
     "Amazon Linux 2023 AMI 2023.9.20251117.1 arm64 HVM kernel-6.1", kAmazon, "amazon", "Linux/UNIX",
     "RunInstances", "arm64", "/dev/xvda", 8, "2025-11-17T21:08:55.000Z", "uefi", ""},
    {"amzn2-ami-kernel-5.10-hvm-2.0.20251110.0-x86_64-gp2",
     "Amazon Linux 2 Kernel 5.10 AMI 2.0.20251110.0 x86_64 HVM gp2", kAmazon, "amazon", "Linux/UNIX",
     "RunInstances", "x86_64", "/dev/xvda", 8, "2025-11-11T01:12:10.000Z", "legacy-bios", ""},
    {"amzn2-ami-kernel-5.10-hvm-2.0.20251110.0-arm64-gp2",
     "Amazon Linux 2 Kernel 5.10 AMI 2.0.20251110.0 arm64 HVM gp2", kAmazon, "amazon", "Linux/UNIX",
     "RunInstances", "arm64", "/dev/xvda", 8, "2025-11-11T01:12:14.000Z", "uefi", ""},
    {"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251112",
     "Canonical, Ubuntu, 24.04, amd64 noble image", kCanonical, "", "Linux/UNIX", "RunInstances", "x86_64",
     "/dev/sda1", 8, "2025-11-12T07:40:21.000Z", "uefi-preferred", ""},
    {"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20251112",
     "Canonical, Ubuntu, 24.04, arm64 noble image", kCanonical, "", "Linux/UNIX", "RunInstances", "arm64",
     "/dev/sda1", 8, "2025-11-12T07:40:25.000Z", "uefi", ""},
    {"ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20251105",
     "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image", kCanonical, "", "Linux/UNIX", "RunInstances",
     "x86_64", "/dev/sda1", 8, "2025-11-05T06:11:02.000Z", "legacy-bios", ""},
    {"ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20251105",
     "Canonical, Ubuntu, 22.04 LTS, arm64 jammy image", kCanonical, "", "Linux/UNIX", "RunInstances", "arm64",
     "/dev/sda1", 8, "2025-11-05T06:11:07.000Z", "uefi", ""},
    {"Windows_Server-2022-English-Full-Base-2025.11.12",
     "Microsoft Windows Server 2022 Full Locale English AMI", kWindows, "amazon", "Windows",
     "RunInstances:0002", "x86_64", "/dev/sda1", 30, "2025-11-12T20:04:38.000Z", "uefi-preferred", ""},
    {"Windows_Server-2025-English-Full-Base-2025.11.12",
     "Microsoft Windows Server 2025 Full Locale English AMI", kWindows, "amazon", "Windows",
     "RunInstances:0002", "x86_64", "/dev/sda1", 30, "2025-11-12T20:11:51.000Z", "uefi-preferred", ""},
    {"RHEL-9.6.0_HVM-20251030-x86_64-0-Hourly2-GP3", "Provided by Red Hat, Inc.", kRedHat, "",
     "Red Hat Enterprise Linux", "RunInstances:0010", "x86_64", "/dev/sda1", 10, "2025-10-30T14:02:11.000Z",
     "uefi-preferred", ""},
    {"RHEL-9.6.0_HVM-20251030-arm64-0-Hourly2-GP3", "Provided by Red Hat, Inc.", kRedHat, "",
     "Red Hat Enterprise Linux", "RunInstances:0010", "arm64", "/dev/sda1", 10, "2025-10-30T14:05:40.000Z",
     "uefi", ""},
    {"suse-sles-15-sp7-v20251106-hvm-ssd-x86_64",
     "SUSE Linux Enterprise Server 15 SP7 (HVM, 64-bit, SSD-Backed)", kSuse, "amazon", "SUSE Linux",
     "RunInstances:000g", "x86_64", "/dev/sda1", 10, "2025-11-06T17:31:02.000Z", "uefi-preferred", ""},
    {"suse-sles-15-sp7-v20251106-hvm-ssd-arm64",
     "SUSE Linux Enterprise Server 15 SP7 (HVM, 64-bit, SSD-Backed)", kSuse, "amazon", "SUSE Linux",
     "RunInstances:000g", "arm64", "/dev/sda1", 10, "2025-11-06T17:33:40.000Z", "uefi", ""},
    {"debian-13-amd64-20251117-2299", "Debian 13 (20251117-2299)", kDebian, "", "Linux/UNIX", "RunInstances",
     "x86_64", "/dev/xvda", 8, "2025-11-17T10:22:31.000Z", "uefi-preferred", ""},
    {"debian-13-arm64-20251117-2299", "Debian 13 (20251117-2299)", kDebian, "", "Linux/UNIX", "RunInstances",
     "arm64", "/dev/xvda", 8, "2025-11-17T10:22:45.000Z", "uefi", ""},
    // Instance-store backed (cannot be stopped).
    {"amzn-ami-minimal-hvm-2018.03.0.20231218.0-x86_64-s",
     "Amazon Linux AMI 2018.03.0.20231218.0 x86_64 Minimal HVM instance-store", kAmazon, "amazon",
     "Linux/UNIX", "RunInstances", "x86_64", "", 0, "2023-12-18T22:41:09.000Z", "legacy-bios", ""},
    // AWS Marketplace.
    {"pfSense-plus-ec2-25.07-RELEASE-amd64-a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
     "Netgate pfSense Plus Firewall/VPN/Router 25.07", kMarketplace, "aws-marketplace", "Linux/UNIX",
     "RunInstances", "x86_64", "/dev/sda1", 8, "2025-08-14T16:20:05.000Z", "legacy-bios",
     "cphb99lr7icr3n9x6kc3102s5"},
    {"Percona-Server-for-MySQL-8.4-Ubuntu-24.04-20251020-b5f1d0e2-7c3a-4e11-9d62-3f0c8a9e7b14",
     "Percona Server for MySQL 8.4 LTS on Ubuntu 24.04", kMarketplace, "aws-marketplace", "Linux/UNIX",
     "RunInstances", "x86_64", "/dev/sda1", 20, "2025-10-20T09:12:44.000Z", "uefi-preferred",
     "8fj2nq1x0ye4rk7m3c5vb9wla"},
    // Stand-ins for the Marketplace's categories (not real vendors' images): firewalls, databases,
    // enterprise software.
    {"palisade-ngfw-7.4.2-byol-x86_64-99809225-3def-4a38-a12b-2b8f30b17d0b",
     "Palisade Next-Generation Firewall 7.4.2 (BYOL): stateful inspection, IPS and site-to-site VPN",
     kMarketplace, "aws-marketplace", "Linux/UNIX", "RunInstances", "x86_64", "/dev/sda1", 10,
     "2025-09-02T11:31:07.000Z", "legacy-bios", "29326ml64lg2tjf8cz2ka7edc"},
    {"palisade-ngfw-7.4.2-byol-arm64-62f28d1a-4a78-4cb3-98b9-b45c1b98fbe4",
     "Palisade Next-Generation Firewall 7.4.2 (BYOL) for Graviton", kMarketplace, "aws-marketplace",
     "Linux/UNIX", "RunInstances", "arm64", "/dev/sda1", 10, "2025-09-02T11:35:40.000Z", "uefi",
     "29326ml64lg2tjf8cz2ka7edc"},
    {"tidepool-postgresql-17.6-enterprise-ubuntu-24.04-2d7c5048-7ca0-4386-8c09-9a1e77064c2c",
     "Tidepool PostgreSQL 17.6 Enterprise on Ubuntu 24.04, with backups and monitoring preconfigured",
     kMarketplace, "aws-marketplace", "Linux/UNIX", "RunInstances", "x86_64", "/dev/sda1", 30,
     "2025-10-08T15:02:19.000Z", "uefi-preferred", "b3u2m7os5af3r09fquo6sbegz"},
    {"ledgerline-erp-server-2025.3-windows-2022-54366c21-9c3e-4b54-85ce-fdd8027385c9",
     "Ledgerline ERP Server 2025.3 on Windows Server 2022 with SQL Server Express", kMarketplace,
     "aws-marketplace", "Windows", "RunInstances:0002", "x86_64", "/dev/sda1", 60, "2025-07-21T08:44:51.000Z",
     "uefi-preferred", "ebannd4yz0emrvftva0hipgad"},
    {"beacon-analytics-suite-12.1-rhel-9-14186ebf-9a81-47e9-bb86-2eace1d7300f",
     "Beacon Analytics Suite 12.1: self-hosted business intelligence on RHEL 9", kMarketplace,
     "aws-marketplace", "Red Hat Enterprise Linux", "RunInstances:0010", "x86_64", "/dev/sda1", 40,
     "2025-11-03T19:27:33.000Z", "uefi-preferred", "9m26mi0yhz0nartbnlzgcjn2q"},
    // Community: public images of other accounts.
    {"fedora-coreos-42.20251102.3.0-x86_64", "Fedora CoreOS stable 42.20251102.3.0", kFedora, "",
     "Linux/UNIX", "RunInstances", "x86_64", "/dev/xvda", 10, "2025-11-03T12:40:18.000Z", "uefi-preferred",
     ""},
    {"AlmaLinux OS 9.6.20251104 x86_64", "Official AlmaLinux OS 9.6 x86_64 image", kAlmaLinux, "",
     "Linux/UNIX", "RunInstances", "x86_64", "/dev/sda1", 10, "2025-11-04T08:05:52.000Z", "uefi-preferred",
     ""},
};

Image FromRow(const Row& row) {
  Image image;
  image.name = row.name;
  image.description = row.description;
  image.owner_id = row.owner_id;
  image.owner_alias = row.owner_alias;
  if (row.platform_details == "Windows") image.platform = "windows";
  image.platform_details = row.platform_details;
  image.usage_operation = row.usage_operation;
  image.architecture = row.architecture;
  image.root_device_type = row.root_device_name.empty() ? "instance-store" : "ebs";
  image.root_device_name = row.root_device_name.empty() ? "/dev/sda1" : row.root_device_name;
  image.creation_date = row.creation_date;
  image.boot_mode = row.boot_mode;
  image.imds_support = row.owner_id == kAmazon && row.boot_mode != "legacy-bios" ? "v2.0" : "";
  if (!row.product_code.empty())
    image.product_codes.push_back({std::string(row.product_code), "marketplace"});
  BlockDevice root;
  root.device_name = image.root_device_name;
  if (image.root_device_type == "ebs") {
    root.ebs = true;
    root.volume_size_gib = row.size_gib;
  } else {
    root.virtual_name = "ephemeral0";
  }
  image.block_devices.push_back(root);
  return image;
}

}  // namespace

std::vector<CatalogEntry> BuiltinCatalog() {
  std::vector<CatalogEntry> entries;
  for (const Row& row : kRows) entries.push_back({FromRow(row), {}});
  return entries;
}

ImageCatalog::ImageCatalog(std::vector<CatalogEntry> entries) : entries_(std::move(entries)) {}

bool ImageCatalog::HasMarketplaceProduct(std::string_view product_code) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const CatalogEntry& entry) {
    return std::any_of(
        entry.image.product_codes.begin(), entry.image.product_codes.end(),
        [&](const ProductCode& code) { return code.type == "marketplace" && code.id == product_code; });
  });
}

ImageCatalog::RegionImages& ImageCatalog::Build(std::string_view region) {
  RegionImages built;
  for (const CatalogEntry& entry : entries_) {
    if (!entry.regions.empty() &&
        std::find(entry.regions.begin(), entry.regions.end(), region) == entry.regions.end())
      continue;
    Image image = entry.image;
    const std::string seed = std::string(region) + "/" + image.name;
    if (image.image_id.empty()) image.image_id = DerivedId("ami", seed);
    for (BlockDevice& device : image.block_devices) {
      if (device.ebs && device.snapshot_id.empty())
        device.snapshot_id = DerivedId("snap", seed + "/" + device.device_name);
    }
    if (image.image_location.empty())
      image.image_location =
          (image.owner_alias.empty() ? image.owner_id : image.owner_alias) + "/" + image.name;
    image.is_public = true;
    image.state = "available";
    if (built.by_id.emplace(image.image_id, built.images.size()).second)
      built.images.push_back(std::move(image));
  }
  return by_region_.emplace(std::string(region), std::move(built)).first->second;
}

std::span<const Image> ImageCatalog::ForRegion(std::string_view region) {
  auto it = by_region_.find(region);
  if (it != by_region_.end()) return it->second.images;
  if (FindRegion(region) == nullptr) return {};
  return Build(region).images;
}

const Image* ImageCatalog::Find(std::string_view region, std::string_view image_id) {
  if (ForRegion(region).empty()) return nullptr;
  const RegionImages& images = by_region_.find(region)->second;
  auto it = images.by_id.find(std::string(image_id));
  return it == images.by_id.end() ? nullptr : &images.images[it->second];
}

}  // namespace localec2::model
