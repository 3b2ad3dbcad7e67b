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
  for (const LaunchTemplateInterface& interface : d.network_interfaces) {  // the primary interface
    if (!given("SubnetId") && !given("NetworkInterfaces")) out.subnet_id = interface.subnet_id;
    if (!given("SecurityGroupIds") && !given("SecurityGroups") && !given("NetworkInterfaces") &&
        !interface.group_ids.empty()) {
      out.group_ids = interface.group_ids;
    }
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
