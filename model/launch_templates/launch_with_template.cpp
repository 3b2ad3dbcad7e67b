// RunInstances with a launch template: the template version's data fills every member the call did not
// give, one member at a time (a member the call gives replaces the template's whole, as AWS overrides).
// Tag specifications go by resource type: the call's tags for a type replace the template's for it.
#include <algorithm>

#include "model/launch_templates/template_rules.hpp"

namespace localec2::model {
namespace {

void ApplyTemplateData(const LaunchTemplateData& d, const std::vector<std::string>& call_members,
                       RunInstancesRequest& out) {
  auto given = [&](std::string_view member) {
    return std::find(call_members.begin(), call_members.end(), member) != call_members.end();
  };
  if (!given("ImageId")) out.image_id = d.image_id;
  if (!given("InstanceType")) out.instance_type = d.instance_type;
  if (!given("KeyName")) out.key_name = d.key_name;
  if (!given("SecurityGroupIds") && !given("SecurityGroups")) {
    out.group_ids = d.security_group_ids;
    out.group_names = d.security_groups;
  }
  if (!given("BlockDeviceMappings")) out.block_device_mappings = d.block_device_mappings;
  if (!given("UserData")) out.user_data = d.user_data;
  if (!given("IamInstanceProfile")) {
    out.iam_profile_arn = d.iam_profile_arn;
    out.iam_profile_name = d.iam_profile_name;
  }
  if (!given("MetadataOptions")) {
    out.http_tokens = d.http_tokens;
    out.http_endpoint = d.http_endpoint;
    out.http_put_response_hop_limit = d.http_put_response_hop_limit;
  }
  for (const auto& entry : d.tag_specifications) {
    const std::string& type = entry.first;  // clang 14 cannot capture a structured binding
    bool call_has_type = std::any_of(out.tag_specifications.begin(), out.tag_specifications.end(),
                                     [&](const TagSpecification& s) { return s.resource_type == type; });
    if (!call_has_type) out.tag_specifications.push_back({type, entry.second});
  }
  if (!given("Monitoring") && d.monitoring) out.monitoring = *d.monitoring;
  if (!given("DisableApiTermination") && d.disable_api_termination) {
    out.disable_api_termination = *d.disable_api_termination;
  }
  if (!given("DisableApiStop") && d.disable_api_stop) out.disable_api_stop = *d.disable_api_stop;
  if (!given("EbsOptimized") && d.ebs_optimized) out.ebs_optimized = *d.ebs_optimized;
  if (!given("InstanceInitiatedShutdownBehavior") && !d.shutdown_behavior.empty()) {
    out.shutdown_behavior = d.shutdown_behavior;
  }
  if (out.availability_zone.empty()) out.availability_zone = d.availability_zone;
  if (!given("NetworkInterfaces") && !d.network_interfaces.empty()) {
    // The template's interfaces; a SubnetId or SecurityGroupIds the call gives go to its primary one.
    for (const LaunchTemplateInterface& t : d.network_interfaces) {
      LaunchInterface interface;
      interface.device_index = t.device_index;
      interface.network_interface_id = t.network_interface_id;
      interface.subnet_id = t.subnet_id;
      interface.group_ids = t.group_ids;
      interface.description = t.description;
      interface.private_ip = t.private_ip;
      interface.secondary_private_ip_count = t.secondary_private_ip_count.value_or(0);
      interface.associate_public_ip = t.associate_public_ip;
      interface.delete_on_termination = t.delete_on_termination;
      if (interface.device_index == 0 && given("SubnetId")) interface.subnet_id = out.subnet_id;
      if (interface.device_index == 0 && given("SecurityGroupIds")) interface.group_ids = out.group_ids;
      out.network_interfaces.push_back(std::move(interface));
    }
    out.subnet_id.clear();
    if (!given("SecurityGroups")) out.group_ids.clear();
  }
}

}  // namespace

Result<RunInstancesRequest> EffectiveLaunchRequest(const View& view, const RunInstancesRequest& request) {
  if (!request.launch_template) return request;
  const LaunchTemplateSpec& spec = *request.launch_template;
  auto lt = FindTemplate(view, {spec.id, spec.name});
  if (!lt) return std::move(lt).error();
  auto version = ResolveVersion(**lt, spec.version.empty() ? "$Default" : spec.version);
  if (!version) return std::move(version).error();
  RunInstancesRequest out = request;
  ApplyTemplateData((*version)->data, spec.call_members, out);
  out.launch_template->id = (*lt)->launch_template_id;
  out.launch_template->name = (*lt)->name;
  out.launch_template->version = std::to_string((*version)->version_number);
  return out;
}

}  // namespace localec2::model
