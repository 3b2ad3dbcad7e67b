#include "api/actions/families.hpp"
#include "api/actions/images/image_output.hpp"
#include "model/core/time_format.hpp"
#include "model/images/images.hpp"

namespace localec2::api {

Json ImageBlockDevicesJson(const model::Image& image) {
  Json mappings = Json::array();
  for (const model::BlockDevice& device : image.block_devices) {
    Json mapping = Json::object();
    mapping["DeviceName"] = device.device_name;
    if (device.no_device) mapping["NoDevice"] = "";
    if (!device.virtual_name.empty()) mapping["VirtualName"] = device.virtual_name;
    if (device.ebs) {
      Json ebs = Json::object();
      if (!device.snapshot_id.empty()) ebs["SnapshotId"] = device.snapshot_id;
      ebs["VolumeSize"] = device.volume_size_gib;
      ebs["VolumeType"] = device.volume_type;
      ebs["DeleteOnTermination"] = device.delete_on_termination;
      ebs["Encrypted"] = device.encrypted;
      if (device.iops != 0) ebs["Iops"] = device.iops;
      if (device.throughput != 0) ebs["Throughput"] = device.throughput;
      if (!device.kms_key_id.empty()) ebs["KmsKeyId"] = device.kms_key_id;
      mapping["Ebs"] = std::move(ebs);
    }
    mappings.push_back(std::move(mapping));
  }
  return mappings;
}

namespace {

Json ImageJson(const model::Image& image) {
  Json out = Json::object();
  out["ImageId"] = image.image_id;
  out["Name"] = image.name;
  out["Description"] = image.description;
  out["OwnerId"] = image.owner_id;
  out["State"] = image.state;
  out["Public"] = image.is_public;
  out["Architecture"] = image.architecture;
  out["ImageType"] = "machine";
  out["ImageLocation"] = image.image_location;
  out["CreationDate"] = image.creation_date;
  out["RootDeviceType"] = image.root_device_type;
  out["RootDeviceName"] = image.root_device_name;
  out["VirtualizationType"] = image.virtualization_type;
  out["Hypervisor"] = "xen";
  out["EnaSupport"] = image.ena_support;
  out["PlatformDetails"] = image.platform_details;
  out["UsageOperation"] = image.usage_operation;
  out["BlockDeviceMappings"] = ImageBlockDevicesJson(image);
  Json codes = Json::array();
  for (const model::ProductCode& code : image.product_codes) {
    codes.push_back({{"ProductCodeId", code.id}, {"ProductCodeType", code.type}});
  }
  out["ProductCodes"] = std::move(codes);
  if (!image.sriov_net_support.empty()) out["SriovNetSupport"] = image.sriov_net_support;
  if (!image.boot_mode.empty()) out["BootMode"] = image.boot_mode;
  if (!image.tpm_support.empty()) out["TpmSupport"] = image.tpm_support;
  if (!image.imds_support.empty()) out["ImdsSupport"] = image.imds_support;
  if (!image.owner_alias.empty()) out["ImageOwnerAlias"] = image.owner_alias;
  if (!image.platform.empty()) out["Platform"] = image.platform;
  if (image.deprecation_time_ms != 0) out["DeprecationTime"] = model::IsoTime(image.deprecation_time_ms);
  if (image.last_launched_ms != 0) out["LastLaunchedTime"] = model::IsoTime(image.last_launched_ms);
  if (!image.source_instance_id.empty()) out["SourceInstanceId"] = image.source_instance_id;
  if (!image.source_image_id.empty()) {
    out["SourceImageId"] = image.source_image_id;
    out["SourceImageRegion"] = image.source_region;
  }
  out["DeregistrationProtection"] = image.protection;
  PutTags(out, image.tags);
  return out;
}

model::Result<Json> DescribeImages(ActionContext& context, const Json& input) {
  model::DescribeImagesRequest request;
  request.image_ids = StringList(input, "ImageIds");
  request.owners = StringList(input, "Owners");
  request.executable_users = StringList(input, "ExecutableUsers");
  request.filters = FilterList(input);
  request.include_deprecated = BoolMember(input, "IncludeDeprecated");
  request.include_disabled = BoolMember(input, "IncludeDisabled");
  request.page = PageOf(input);
  auto page = model::DescribeImages(context.ec2, context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Image& image : page->items) items.push_back(ImageJson(image));
  return PagedOutput("Images", std::move(items), page->next_token);
}

model::Result<Json> CreateImage(ActionContext& context, const Json& input) {
  model::CreateImageRequest request;
  request.instance_id = StringMember(input, "InstanceId");
  request.name = StringMember(input, "Name");
  request.description = StringMember(input, "Description");
  request.no_reboot = BoolMember(input, "NoReboot");
  request.block_device_mappings = BlockDeviceMappingList(input);
  request.tag_specifications = TagSpecificationList(input);
  auto image_id = model::CreateImage(context.ec2, context.caller, request);
  if (!image_id) return std::move(image_id).error();
  return Json{{"ImageId", *image_id}};
}

model::Result<Json> RegisterImage(ActionContext& context, const Json& input) {
  model::RegisterImageRequest request;
  request.name = StringMember(input, "Name");
  request.description = StringMember(input, "Description");
  request.image_location = StringMember(input, "ImageLocation");
  request.architecture = StringMember(input, "Architecture");
  request.root_device_name = StringMember(input, "RootDeviceName");
  request.virtualization_type = StringMember(input, "VirtualizationType");
  request.boot_mode = StringMember(input, "BootMode");
  request.tpm_support = StringMember(input, "TpmSupport");
  request.imds_support = StringMember(input, "ImdsSupport");
  request.sriov_net_support = StringMember(input, "SriovNetSupport");
  request.ena_support = OptionalBool(input, "EnaSupport");
  request.block_device_mappings = BlockDeviceMappingList(input);
  request.tag_specifications = TagSpecificationList(input);
  auto image_id = model::RegisterImage(context.ec2, context.caller, request);
  if (!image_id) return std::move(image_id).error();
  return Json{{"ImageId", *image_id}};
}

model::Result<Json> CopyImage(ActionContext& context, const Json& input) {
  model::CopyImageRequest request;
  request.source_region = StringMember(input, "SourceRegion");
  request.source_image_id = StringMember(input, "SourceImageId");
  request.name = StringMember(input, "Name");
  request.description = StringMember(input, "Description");
  request.encrypted = BoolMember(input, "Encrypted");
  request.kms_key_id = StringMember(input, "KmsKeyId");
  request.copy_image_tags = BoolMember(input, "CopyImageTags");
  request.client_token = StringMember(input, "ClientToken");
  request.destination_outpost_arn = StringMember(input, "DestinationOutpostArn");
  request.tag_specifications = TagSpecificationList(input);
  auto image_id = model::CopyImage(context.ec2, context.caller, request);
  if (!image_id) return std::move(image_id).error();
  return Json{{"ImageId", *image_id}};
}

model::Result<Json> DeregisterImage(ActionContext& context, const Json& input) {
  const bool delete_snapshots = BoolMember(input, "DeleteAssociatedSnapshots");
  auto result =
      model::DeregisterImage(context.ec2, context.caller, StringMember(input, "ImageId"), delete_snapshots);
  if (!result) return std::move(result).error();
  Json out = {{"Return", true}};
  if (delete_snapshots) {
    Json results = Json::array();
    for (const auto& [id, code] : result->deleted_snapshots) {
      results.push_back({{"SnapshotId", id}, {"ReturnCode", code}});
    }
    out["DeleteSnapshotResults"] = std::move(results);
  }
  return out;
}

}  // namespace

std::span<const ActionEntry> ImageActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(CopyImage), LOCALEC2_ACTION(CreateImage),
                                             LOCALEC2_ACTION(DeregisterImage),
                                             LOCALEC2_ACTION(DescribeImages), LOCALEC2_ACTION(RegisterImage)};
  return kActions;
}

}  // namespace localec2::api
