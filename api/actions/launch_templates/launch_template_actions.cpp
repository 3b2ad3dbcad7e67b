// Launch template handlers. LaunchTemplateData is read member by member into model::LaunchTemplateData;
// a member RunInstances cannot apply is refused here, naming it, rather than stored and dropped at launch.
#include <algorithm>
#include <initializer_list>

#include "api/actions/families.hpp"
#include "model/launch_templates/launch_templates.hpp"

namespace localec2::api {
namespace {

// Errors: UnsupportedOperation naming the first member of `object` (at `path`) not in `known`.
model::Status OnlyMembers(const Json& object, const std::string& path,
                          std::initializer_list<std::string_view> known) {
  for (const auto& [member, value] : object.items()) {
    if (std::find(known.begin(), known.end(), member) == known.end()) {
      return model::MakeError(model::codes::kUnsupportedOperation,
                              "The parameter " + path + member + " is not supported by localec2 yet.");
    }
  }
  return model::Ok{};
}

// The LaunchTemplateData member of `input`. Errors: UnsupportedOperation for a member not emulated.
model::Result<model::LaunchTemplateData> TemplateDataOf(const Json& input) {
  model::LaunchTemplateData data;
  auto it = input.find("LaunchTemplateData");
  if (it == input.end()) return data;
  const Json& d = *it;
  const std::string path = "LaunchTemplateData.";
  if (auto only = OnlyMembers(
          d, path,
          {"ImageId", "InstanceType", "KeyName", "SecurityGroupIds", "SecurityGroups", "BlockDeviceMappings",
           "UserData", "IamInstanceProfile", "MetadataOptions", "TagSpecifications", "Monitoring",
           "DisableApiTermination", "DisableApiStop", "EbsOptimized", "InstanceInitiatedShutdownBehavior",
           "Placement", "NetworkInterfaces"});
      !only)
    return std::move(only).error();
  data.image_id = StringMember(d, "ImageId");
  data.instance_type = StringMember(d, "InstanceType");
  data.key_name = StringMember(d, "KeyName");
  data.security_group_ids = StringList(d, "SecurityGroupIds");
  data.security_groups = StringList(d, "SecurityGroups");
  if (auto mappings = d.find("BlockDeviceMappings"); mappings != d.end()) {
    for (const Json& m : *mappings) {
      if (auto only =
              OnlyMembers(m, path + "BlockDeviceMapping.", {"DeviceName", "VirtualName", "Ebs", "NoDevice"});
          !only)
        return std::move(only).error();
      if (auto ebs = m.find("Ebs"); ebs != m.end()) {
        if (auto only = OnlyMembers(*ebs, path + "BlockDeviceMapping.Ebs.",
                                    {"Encrypted", "DeleteOnTermination", "Iops", "KmsKeyId", "SnapshotId",
                                     "VolumeSize", "VolumeType", "Throughput"});
            !only)
          return std::move(only).error();
      }
    }
    data.block_device_mappings = BlockDeviceMappingList(d);
  }
  data.user_data = StringMember(d, "UserData");
  if (auto profile = d.find("IamInstanceProfile"); profile != d.end()) {
    data.iam_profile_arn = StringMember(*profile, "Arn");
    data.iam_profile_name = StringMember(*profile, "Name");
  }
  if (auto metadata = d.find("MetadataOptions"); metadata != d.end()) {
    if (auto only = OnlyMembers(*metadata, path + "MetadataOptions.",
                                {"HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit"});
        !only)
      return std::move(only).error();
    data.http_tokens = StringMember(*metadata, "HttpTokens");
    data.http_endpoint = StringMember(*metadata, "HttpEndpoint");
    data.http_put_response_hop_limit = OptionalInt(*metadata, "HttpPutResponseHopLimit");
  }
  for (const model::TagSpecification& spec : TagSpecificationList(d)) {
    data.tag_specifications[spec.resource_type].insert(spec.tags.begin(), spec.tags.end());
  }
  if (auto monitoring = d.find("Monitoring"); monitoring != d.end()) {
    data.monitoring = OptionalBool(*monitoring, "Enabled");
  }
  data.disable_api_termination = OptionalBool(d, "DisableApiTermination");
  data.disable_api_stop = OptionalBool(d, "DisableApiStop");
  data.ebs_optimized = OptionalBool(d, "EbsOptimized");
  data.shutdown_behavior = StringMember(d, "InstanceInitiatedShutdownBehavior");
  if (auto interfaces = d.find("NetworkInterfaces"); interfaces != d.end()) {
    for (const Json& i : *interfaces) {
      if (auto only = OnlyMembers(i, path + "NetworkInterface.",
                                  {"DeviceIndex", "SubnetId", "Groups", "DeleteOnTermination",
                                   "NetworkInterfaceId", "Description", "PrivateIpAddress",
                                   "SecondaryPrivateIpAddressCount", "AssociatePublicIpAddress"});
          !only)
        return std::move(only).error();
      data.network_interfaces.push_back(
          {OptionalInt(i, "DeviceIndex").value_or(0), StringMember(i, "SubnetId"), StringList(i, "Groups"),
           OptionalBool(i, "DeleteOnTermination"), StringMember(i, "NetworkInterfaceId"),
           StringMember(i, "Description"), StringMember(i, "PrivateIpAddress"),
           OptionalInt(i, "SecondaryPrivateIpAddressCount"), OptionalBool(i, "AssociatePublicIpAddress")});
    }
  }
  if (auto placement = d.find("Placement"); placement != d.end()) {
    if (auto only = OnlyMembers(*placement, path + "Placement.", {"AvailabilityZone"}); !only)
      return std::move(only).error();
    data.availability_zone = StringMember(*placement, "AvailabilityZone");
  }
  return data;
}

// ResponseLaunchTemplateData: the members the template holds, as given.
Json TemplateDataJson(const model::LaunchTemplateData& d) {
  Json out = Json::object();
  auto text = [&](const char* member, const std::string& value) {
    if (!value.empty()) out[member] = value;
  };
  auto flag = [&](const char* member, const std::optional<bool>& value) {
    if (value) out[member] = *value;
  };
  text("ImageId", d.image_id);
  text("InstanceType", d.instance_type);
  text("KeyName", d.key_name);
  if (!d.security_group_ids.empty()) out["SecurityGroupIds"] = d.security_group_ids;
  if (!d.security_groups.empty()) out["SecurityGroups"] = d.security_groups;
  if (!d.block_device_mappings.empty()) {
    Json mappings = Json::array();
    for (const model::BlockDeviceMappingRequest& m : d.block_device_mappings) {
      Json mapping = Json::object();
      if (!m.device_name.empty()) mapping["DeviceName"] = m.device_name;
      if (!m.virtual_name.empty()) mapping["VirtualName"] = m.virtual_name;
      if (m.no_device) mapping["NoDevice"] = "";
      if (m.has_ebs) {
        Json ebs = Json::object();
        if (m.encrypted) ebs["Encrypted"] = *m.encrypted;
        if (m.delete_on_termination) ebs["DeleteOnTermination"] = *m.delete_on_termination;
        if (m.iops) ebs["Iops"] = *m.iops;
        if (!m.kms_key_id.empty()) ebs["KmsKeyId"] = m.kms_key_id;
        if (!m.snapshot_id.empty()) ebs["SnapshotId"] = m.snapshot_id;
        if (m.volume_size) ebs["VolumeSize"] = *m.volume_size;
        if (!m.volume_type.empty()) ebs["VolumeType"] = m.volume_type;
        if (m.throughput) ebs["Throughput"] = *m.throughput;
        mapping["Ebs"] = std::move(ebs);
      }
      mappings.push_back(std::move(mapping));
    }
    out["BlockDeviceMappings"] = std::move(mappings);
  }
  text("UserData", d.user_data);
  if (!d.iam_profile_arn.empty() || !d.iam_profile_name.empty()) {
    Json profile = Json::object();
    if (!d.iam_profile_arn.empty()) profile["Arn"] = d.iam_profile_arn;
    if (!d.iam_profile_name.empty()) profile["Name"] = d.iam_profile_name;
    out["IamInstanceProfile"] = std::move(profile);
  }
  if (!d.http_tokens.empty() || !d.http_endpoint.empty() || d.http_put_response_hop_limit) {
    Json metadata = Json::object();
    if (!d.http_tokens.empty()) metadata["HttpTokens"] = d.http_tokens;
    if (!d.http_endpoint.empty()) metadata["HttpEndpoint"] = d.http_endpoint;
    if (d.http_put_response_hop_limit) metadata["HttpPutResponseHopLimit"] = *d.http_put_response_hop_limit;
    out["MetadataOptions"] = std::move(metadata);
  }
  if (!d.tag_specifications.empty()) {
    Json specs = Json::array();
    for (const auto& [type, tags] : d.tag_specifications) {
      specs.push_back({{"ResourceType", type}, {"Tags", TagList(tags)}});
    }
    out["TagSpecifications"] = std::move(specs);
  }
  if (d.monitoring) out["Monitoring"] = {{"Enabled", *d.monitoring}};
  flag("DisableApiTermination", d.disable_api_termination);
  flag("DisableApiStop", d.disable_api_stop);
  flag("EbsOptimized", d.ebs_optimized);
  text("InstanceInitiatedShutdownBehavior", d.shutdown_behavior);
  if (!d.availability_zone.empty()) out["Placement"] = {{"AvailabilityZone", d.availability_zone}};
  if (!d.network_interfaces.empty()) {
    Json interfaces = Json::array();
    for (const model::LaunchTemplateInterface& i : d.network_interfaces) {
      Json item = {{"DeviceIndex", i.device_index}};
      if (!i.subnet_id.empty()) item["SubnetId"] = i.subnet_id;
      if (!i.group_ids.empty()) item["Groups"] = i.group_ids;
      if (i.delete_on_termination) item["DeleteOnTermination"] = *i.delete_on_termination;
      if (!i.network_interface_id.empty()) item["NetworkInterfaceId"] = i.network_interface_id;
      if (!i.description.empty()) item["Description"] = i.description;
      if (!i.private_ip.empty()) item["PrivateIpAddress"] = i.private_ip;
      if (i.secondary_private_ip_count)
        item["SecondaryPrivateIpAddressCount"] = *i.secondary_private_ip_count;
      if (i.associate_public_ip) item["AssociatePublicIpAddress"] = *i.associate_public_ip;
      interfaces.push_back(std::move(item));
    }
    out["NetworkInterfaces"] = std::move(interfaces);
  }
  return out;
}

Json TemplateJson(const model::LaunchTemplate& lt) {
  Json out = {{"LaunchTemplateId", lt.launch_template_id},
              {"LaunchTemplateName", lt.name},
              {"CreateTime", lt.create_time_ms},
              {"CreatedBy", lt.created_by},
              {"DefaultVersionNumber", lt.default_version},
              {"LatestVersionNumber", lt.latest_version}};
  PutTags(out, lt.tags);
  return out;
}

Json VersionJson(const model::LaunchTemplateVersionView& v) {
  Json out = {{"LaunchTemplateId", v.launch_template_id},
              {"LaunchTemplateName", v.launch_template_name},
              {"VersionNumber", v.version.version_number},
              {"CreateTime", v.version.create_time_ms},
              {"CreatedBy", v.created_by},
              {"DefaultVersion", v.is_default},
              {"LaunchTemplateData", TemplateDataJson(v.version.data)}};
  if (!v.version.description.empty()) out["VersionDescription"] = v.version.description;
  return out;
}

model::LaunchTemplateRef RefOf(const Json& input) {
  return {StringMember(input, "LaunchTemplateId"), StringMember(input, "LaunchTemplateName")};
}

model::Result<Json> CreateLaunchTemplate(ActionContext& context, const Json& input) {
  if (input.contains("Operator")) {  // templates managed by a service provider are not emulated
    return model::MakeError(model::codes::kUnsupportedOperation,
                            "The parameter Operator is not supported by localec2 yet.");
  }
  auto data = TemplateDataOf(input);
  if (!data) return std::move(data).error();
  model::CreateLaunchTemplateRequest request{StringMember(input, "LaunchTemplateName"),
                                             StringMember(input, "VersionDescription"), std::move(*data),
                                             TagSpecificationList(input), StringMember(input, "ClientToken")};
  auto created = model::CreateLaunchTemplate(context.ec2, context.caller, request);
  if (!created) return std::move(created).error();
  return Json{{"LaunchTemplate", TemplateJson(*created)}};
}

model::Result<Json> DeleteLaunchTemplate(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteLaunchTemplate(context.ec2, context.caller, RefOf(input));
  if (!deleted) return std::move(deleted).error();
  return Json{{"LaunchTemplate", TemplateJson(*deleted)}};
}

model::Result<Json> DescribeLaunchTemplates(ActionContext& context, const Json& input) {
  auto page = model::DescribeLaunchTemplates(
      context.ec2, context.caller,
      {StringList(input, "LaunchTemplateIds"), StringList(input, "LaunchTemplateNames"), FilterList(input),
       PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::LaunchTemplate& lt : page->items) items.push_back(TemplateJson(lt));
  return PagedOutput("LaunchTemplates", std::move(items), page->next_token);
}

model::Result<Json> ModifyLaunchTemplate(ActionContext& context, const Json& input) {
  auto modified = model::ModifyLaunchTemplate(context.ec2, context.caller, RefOf(input),
                                              StringMember(input, "DefaultVersion"));
  if (!modified) return std::move(modified).error();
  return Json{{"LaunchTemplate", TemplateJson(*modified)}};
}

model::Result<Json> CreateLaunchTemplateVersion(ActionContext& context, const Json& input) {
  auto data = TemplateDataOf(input);
  if (!data) return std::move(data).error();
  model::CreateLaunchTemplateVersionRequest request{RefOf(input), StringMember(input, "SourceVersion"),
                                                    StringMember(input, "VersionDescription"),
                                                    std::move(*data), StringMember(input, "ClientToken")};
  auto created = model::CreateLaunchTemplateVersion(context.ec2, context.caller, request);
  if (!created) return std::move(created).error();
  return Json{{"LaunchTemplateVersion", VersionJson(*created)}};
}

model::Result<Json> DeleteLaunchTemplateVersions(ActionContext& context, const Json& input) {
  auto result = model::DeleteLaunchTemplateVersions(context.ec2, context.caller, RefOf(input),
                                                    StringList(input, "Versions"));
  if (!result) return std::move(result).error();
  Json deleted = Json::array();
  for (long long number : result->deleted) {
    deleted.push_back({{"LaunchTemplateId", result->launch_template_id},
                       {"LaunchTemplateName", result->launch_template_name},
                       {"VersionNumber", number}});
  }
  Json failed = Json::array();
  for (const model::VersionDeleteFailure& f : result->failed) {
    Json item = {{"ResponseError", {{"Code", f.code}, {"Message", f.message}}}};
    if (!result->launch_template_id.empty()) item["LaunchTemplateId"] = result->launch_template_id;
    if (!result->launch_template_name.empty()) item["LaunchTemplateName"] = result->launch_template_name;
    long long number = 0;
    if (std::sscanf(f.version.c_str(), "%lld", &number) == 1) item["VersionNumber"] = number;
    failed.push_back(std::move(item));
  }
  // AWS answers both sets, empty or not.
  return Json{{"SuccessfullyDeletedLaunchTemplateVersions", std::move(deleted)},
              {"UnsuccessfullyDeletedLaunchTemplateVersions", std::move(failed)}};
}

model::Result<Json> DescribeLaunchTemplateVersions(ActionContext& context, const Json& input) {
  model::DescribeLaunchTemplateVersionsRequest request{RefOf(input),
                                                       StringList(input, "Versions"),
                                                       StringMember(input, "MinVersion"),
                                                       StringMember(input, "MaxVersion"),
                                                       FilterList(input),
                                                       PageOf(input)};
  auto page = model::DescribeLaunchTemplateVersions(context.ec2, context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::LaunchTemplateVersionView& v : page->items) items.push_back(VersionJson(v));
  return PagedOutput("LaunchTemplateVersions", std::move(items), page->next_token);
}

model::Result<Json> GetLaunchTemplateData(ActionContext& context, const Json& input) {
  auto data = model::GetLaunchTemplateData(context.ec2, context.caller, StringMember(input, "InstanceId"));
  if (!data) return std::move(data).error();
  return Json{{"LaunchTemplateData", TemplateDataJson(*data)}};
}

}  // namespace

std::span<const ActionEntry> LaunchTemplateActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(CreateLaunchTemplate),           LOCALEC2_ACTION(CreateLaunchTemplateVersion),
      LOCALEC2_ACTION(DeleteLaunchTemplate),           LOCALEC2_ACTION(DeleteLaunchTemplateVersions),
      LOCALEC2_ACTION(DescribeLaunchTemplateVersions), LOCALEC2_ACTION(DescribeLaunchTemplates),
      LOCALEC2_ACTION(GetLaunchTemplateData),          LOCALEC2_ACTION(ModifyLaunchTemplate)};
  return kActions;
}

}  // namespace localec2::api
