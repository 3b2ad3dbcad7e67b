#include "api/actions/image_actions.hpp"

namespace localec2::api {
namespace {

Json ImageJson(const model::CatalogImage& image) {
  Json out = {{"ImageId", image.image_id},
              {"Name", image.name},
              {"Description", image.description},
              {"OwnerId", image.owner_id},
              {"State", "available"},
              {"Public", true},
              {"Architecture", image.architecture},
              {"ImageType", "machine"},
              {"ImageLocation", image.image_location},
              {"CreationDate", image.creation_date},
              {"RootDeviceType", image.root_device_type},
              {"RootDeviceName", image.root_device_name},
              {"VirtualizationType", "hvm"},
              {"Hypervisor", "xen"},
              {"EnaSupport", true},
              {"SriovNetSupport", "simple"},
              {"PlatformDetails", image.platform_details},
              {"UsageOperation", image.platform == "windows" ? "RunInstances:0002" : "RunInstances"},
              {"BootMode", image.boot_mode},
              {"ProductCodes", Json::array()}};
  if (!image.owner_alias.empty()) out["ImageOwnerAlias"] = image.owner_alias;
  if (!image.platform.empty()) out["Platform"] = image.platform;
  Json mappings = Json::array();
  if (image.root_device_type == "ebs") {
    mappings.push_back({{"DeviceName", image.root_device_name},
                        {"Ebs",
                         {{"SnapshotId", image.root_snapshot_id},
                          {"VolumeSize", image.root_volume_size_gib},
                          {"VolumeType", "gp3"},
                          {"DeleteOnTermination", true},
                          {"Encrypted", false}}}});
  }
  out["BlockDeviceMappings"] = std::move(mappings);
  return out;
}

}  // namespace

model::Result<Json> DescribeImages(ActionContext& context, const Json& input) {
  model::DescribeImagesRequest request{StringList(input, "ImageIds"), StringList(input, "Owners"),
                                       StringList(input, "ExecutableUsers"), FilterList(input),
                                       PageOf(input)};
  auto page = context.ec2.DescribeImages(context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::CatalogImage& image : page->items) items.push_back(ImageJson(image));
  return PagedOutput("Images", std::move(items), page->next_token);
}

}  // namespace localec2::api
