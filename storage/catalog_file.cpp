#include "storage/catalog_file.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/core/error_codes.hpp"

namespace localec2::storage {
namespace {

using nlohmann::json;

std::string Text(const json& object, const char* member, std::string fallback = "") {
  auto it = object.find(member);
  return it == object.end() ? fallback : it->get<std::string>();
}

model::CatalogEntry EntryOf(const json& item) {
  model::CatalogEntry entry;
  model::Image& image = entry.image;
  image.name = item.at("Name").get<std::string>();
  image.image_id = Text(item, "ImageId");
  image.description = Text(item, "Description");
  image.owner_id = item.at("OwnerId").get<std::string>();
  image.owner_alias = Text(item, "ImageOwnerAlias");
  image.architecture = Text(item, "Architecture", "x86_64");
  image.platform = Text(item, "Platform");
  image.platform_details =
      Text(item, "PlatformDetails", image.platform == "windows" ? "Windows" : "Linux/UNIX");
  image.usage_operation =
      Text(item, "UsageOperation", image.platform == "windows" ? "RunInstances:0002" : "RunInstances");
  image.root_device_type = Text(item, "RootDeviceType", "ebs");
  image.root_device_name = Text(item, "RootDeviceName", "/dev/xvda");
  image.virtualization_type = Text(item, "VirtualizationType", "hvm");
  image.boot_mode = Text(item, "BootMode");
  image.imds_support = Text(item, "ImdsSupport");
  image.tpm_support = Text(item, "TpmSupport");
  image.creation_date = Text(item, "CreationDate", "2025-01-01T00:00:00.000Z");
  image.image_location = Text(item, "ImageLocation");
  image.ena_support = item.value("EnaSupport", true);
  for (const json& code : item.value("ProductCodes", json::array())) {
    image.product_codes.push_back(
        {code.at("ProductCodeId").get<std::string>(), Text(code, "ProductCodeType", "marketplace")});
  }
  for (const json& mapping : item.value("BlockDeviceMappings", json::array())) {
    model::BlockDevice device;
    device.device_name = mapping.at("DeviceName").get<std::string>();
    device.virtual_name = Text(mapping, "VirtualName");
    device.no_device = mapping.contains("NoDevice");
    if (auto ebs = mapping.find("Ebs"); ebs != mapping.end()) {
      device.ebs = true;
      device.snapshot_id = Text(*ebs, "SnapshotId");
      device.volume_size_gib = ebs->value("VolumeSize", 8);
      device.volume_type = Text(*ebs, "VolumeType", "gp3");
      device.delete_on_termination = ebs->value("DeleteOnTermination", true);
      device.encrypted = ebs->value("Encrypted", false);
    }
    image.block_devices.push_back(std::move(device));
  }
  if (image.block_devices.empty()) {
    // No mappings given: a root device, 8 GiB of EBS or the first instance-store volume.
    model::BlockDevice root;
    root.device_name = image.root_device_name;
    if (image.root_device_type == "ebs") {
      root.ebs = true;
      root.volume_size_gib = 8;
    } else {
      root.virtual_name = "ephemeral0";
    }
    image.block_devices.push_back(root);
  }
  entry.regions = item.value("Regions", std::vector<std::string>());
  return entry;
}

}  // namespace

model::Result<std::vector<model::CatalogEntry>> ParseCatalog(const std::string& text,
                                                             const std::string& origin) {
  try {
    json document = json::parse(text);
    std::vector<model::CatalogEntry> entries;
    if (document.value("IncludeBuiltin", true)) entries = model::BuiltinCatalog();
    size_t index = 0;
    for (const json& item : document.at("Images")) {
      try {
        entries.push_back(EntryOf(item));
      } catch (const json::exception& e) {
        return model::MakeError(model::codes::kInvalidParameterValue,
                                origin + ": image " + std::to_string(index) + ": " + e.what());
      }
      ++index;
    }
    return entries;
  } catch (const json::exception& e) {
    return model::MakeError(model::codes::kInvalidParameterValue, origin + ": " + e.what());
  }
}

model::Result<std::vector<model::CatalogEntry>> LoadCatalogFile(const std::string& path) {
  std::ifstream file(path);
  if (!file)
    return model::MakeError(model::codes::kInvalidParameterValue, "cannot read catalog file '" + path + "'");
  std::stringstream text;
  text << file.rdbuf();
  return ParseCatalog(text.str(), "catalog file '" + path + "'");
}

}  // namespace localec2::storage
