#include "api/actions/families.hpp"
#include "api/actions/images/image_output.hpp"
#include "api/protocol/timestamp.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/time_format.hpp"
#include "model/images/images.hpp"

namespace localec2::api {
namespace {

model::Result<Json> Returned(const model::Status& status) {
  if (!status) return status.error();
  return Json{{"Return", true}};
}

model::Result<Json> DescribeImageAttribute(ActionContext& context, const Json& input) {
  auto image = model::DescribeImageAttribute(context.ec2, context.caller, StringMember(input, "ImageId"));
  if (!image) return std::move(image).error();
  const std::string attribute = StringMember(input, "Attribute");
  Json out = {{"ImageId", image->image_id}};
  if (attribute == "description") out["Description"] = ValueJson(image->description);
  if (attribute == "launchPermission")
    out["LaunchPermissions"] = PermissionsJson(image->launch_permissions, image->is_public);
  if (attribute == "productCodes") {
    Json codes = Json::array();
    for (const model::ProductCode& code : image->product_codes) {
      codes.push_back({{"ProductCodeId", code.id}, {"ProductCodeType", code.type}});
    }
    out["ProductCodes"] = std::move(codes);
  }
  if (attribute == "blockDeviceMapping") out["BlockDeviceMappings"] = ImageBlockDevicesJson(*image);
  if (attribute == "sriovNetSupport") out["SriovNetSupport"] = ValueJson(image->sriov_net_support);
  if (attribute == "bootMode") out["BootMode"] = ValueJson(image->boot_mode);
  if (attribute == "tpmSupport") out["TpmSupport"] = ValueJson(image->tpm_support);
  if (attribute == "imdsSupport") out["ImdsSupport"] = ValueJson(image->imds_support);
  if (attribute == "deregistrationProtection") out["DeregistrationProtection"] = ValueJson(image->protection);
  if (attribute == "kernel") out["KernelId"] = Json::object();
  if (attribute == "ramdisk") out["RamdiskId"] = Json::object();
  if (attribute == "uefiData") out["UefiData"] = Json::object();
  if (attribute == "lastLaunchedTime") {
    out["LastLaunchedTime"] =
        image->last_launched_ms == 0 ? Json::object() : ValueJson(model::IsoTime(image->last_launched_ms));
  }
  return out;
}

model::Result<Json> ModifyImageAttribute(ActionContext& context, const Json& input) {
  model::ModifyImageAttributeRequest request;
  request.image_id = StringMember(input, "ImageId");
  // Two spellings: structured members, or Attribute with OperationType/UserIds/UserGroups/Value.
  request.description = ValueOf<std::string>(input, "Description");
  request.imds_support = ValueOf<std::string>(input, "ImdsSupport");
  request.product_codes = StringList(input, "ProductCodes");
  if (auto it = input.find("LaunchPermission"); it != input.end())
    request.launch_permission = PermissionEditOf(*it);
  const std::string attribute = StringMember(input, "Attribute");
  const std::string operation = StringMember(input, "OperationType");
  if (attribute == "description" && input.contains("Value"))
    request.description = StringMember(input, "Value");
  if (attribute == "launchPermission" || (!operation.empty() && attribute.empty())) {
    if (operation != "add" && operation != "remove") {
      return model::MakeError(model::codes::kMissingParameter,
                              "The request must contain the parameter operationType");
    }
    model::PermissionEdit edit;
    bool all = false;
    for (const std::string& group : StringList(input, "UserGroups")) all = all || group == "all";
    (operation == "add" ? edit.add_users : edit.remove_users) = StringList(input, "UserIds");
    (operation == "add" ? edit.add_all : edit.remove_all) = all;
    request.launch_permission = edit;
  }
  auto modified = model::ModifyImageAttribute(context.ec2, context.caller, request);
  if (!modified) return std::move(modified).error();
  return Json::object();
}

model::Result<Json> ResetImageAttribute(ActionContext& context, const Json& input) {
  auto reset = model::ResetImageLaunchPermission(context.ec2, context.caller, StringMember(input, "ImageId"));
  if (!reset) return std::move(reset).error();
  return Json::object();
}

model::Result<Json> EnableImageDeprecation(ActionContext& context, const Json& input) {
  // The parser accepted the timestamp, so it parses.
  std::int64_t at = ParseTimestamp(StringMember(input, "DeprecateAt")).value_or(0);
  return Returned(
      model::EnableImageDeprecation(context.ec2, context.caller, StringMember(input, "ImageId"), at));
}

model::Result<Json> DisableImageDeprecation(ActionContext& context, const Json& input) {
  return Returned(
      model::DisableImageDeprecation(context.ec2, context.caller, StringMember(input, "ImageId")));
}

model::Result<Json> EnableImage(ActionContext& context, const Json& input) {
  return Returned(model::SetImageEnabled(context.ec2, context.caller, StringMember(input, "ImageId"), true));
}

model::Result<Json> DisableImage(ActionContext& context, const Json& input) {
  return Returned(model::SetImageEnabled(context.ec2, context.caller, StringMember(input, "ImageId"), false));
}

model::Result<Json> EnableImageDeregistrationProtection(ActionContext& context, const Json& input) {
  auto set = model::SetImageDeregistrationProtection(
      context.ec2, context.caller, StringMember(input, "ImageId"), true, BoolMember(input, "WithCooldown"));
  if (!set) return std::move(set).error();
  return Json{{"Return", "true"}};  // a String in the model
}

model::Result<Json> DisableImageDeregistrationProtection(ActionContext& context, const Json& input) {
  auto set = model::SetImageDeregistrationProtection(context.ec2, context.caller,
                                                     StringMember(input, "ImageId"), false, false);
  if (!set) return std::move(set).error();
  return Json{{"Return", "true"}};
}

}  // namespace

std::span<const ActionEntry> ImageAttributeActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(DescribeImageAttribute),
                                             LOCALEC2_ACTION(DisableImage),
                                             LOCALEC2_ACTION(DisableImageDeprecation),
                                             LOCALEC2_ACTION(DisableImageDeregistrationProtection),
                                             LOCALEC2_ACTION(EnableImage),
                                             LOCALEC2_ACTION(EnableImageDeprecation),
                                             LOCALEC2_ACTION(EnableImageDeregistrationProtection),
                                             LOCALEC2_ACTION(ModifyImageAttribute),
                                             LOCALEC2_ACTION(ResetImageAttribute)};
  return kActions;
}

}  // namespace localec2::api
