// ModifyInstanceAttribute and ResetInstanceAttribute: what may change on an instance, and when.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/instances/instance_network.hpp"
#include "model/instances/instance_rules.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

Error NotStopped(const std::string& instance_id) {
  return MakeError(codes::kIncorrectInstanceState,
                   "The instance '" + instance_id + "' is not in the 'stopped' state.");
}

// userData and instanceType, which change only while the instance is stopped (`current`).
// Errors: IncorrectInstanceState, InvalidParameterValue (encoding, architecture).
Status ApplyWhileStopped(const ModifyInstanceAttributeRequest& request, std::string_view current,
                         Instance& instance) {
  if (request.user_data) {
    if (current != states::kStopped) return NotStopped(instance.instance_id);
    if (auto encoded = CheckUserData(*request.user_data); !encoded) return encoded;
    instance.user_data = *request.user_data;
  }
  if (request.instance_type) {
    if (current != states::kStopped) return NotStopped(instance.instance_id);
    if (ArchitectureOf(*request.instance_type) != instance.architecture) {
      return MakeError(codes::kInvalidParameterValue,
                       "The instance type '" + *request.instance_type +
                           "' does not support the architecture of the instance ('" + instance.architecture +
                           "').");
    }
    instance.instance_type = *request.instance_type;
  }
  return Ok{};
}

// The instance's new groups: at least one, each in its VPC. Errors: InvalidParameterValue,
// InvalidGroupId.Malformed, InvalidGroup.NotFound.
Status ApplyGroups(const View& view, const std::vector<std::string>& group_ids, Instance& instance) {
  if (group_ids.empty()) {
    return MakeError(codes::kInvalidParameterValue, "An instance must be in at least one security group.");
  }
  for (const std::string& id : group_ids) {
    auto group = view.Find<SecurityGroup>(id);
    if (!group) return std::move(group).error();
    if ((*group)->vpc_id != instance.vpc_id) return ResourceTraits<SecurityGroup>::NotFound(id);
  }
  instance.group_ids = group_ids;
  return Ok{};
}

// DeleteOnTermination of mapped devices. Errors: InvalidParameterValue for a device not mapped.
Status ApplyDeleteOnTermination(const std::vector<std::pair<std::string, bool>>& flags, Instance& instance) {
  for (const auto& [device, flag] : flags) {
    const std::string& name = device;  // clang 14 cannot capture a structured binding
    auto it = std::find_if(instance.volumes.begin(), instance.volumes.end(),
                           [&](const InstanceVolume& v) { return v.device_name == name; });
    if (it == instance.volumes.end()) {
      return MakeError(codes::kInvalidParameterValue,
                       "The device '" + device + "' is not mapped on the instance.");
    }
    it->delete_on_termination = flag;
  }
  return Ok{};
}

// Records the instance's volumes whose DeleteOnTermination now differs from the instance's mapping.
void RecordVolumeFlags(Tx& tx, const Instance& instance) {
  const Partition& p = tx.partition();
  for (const InstanceVolume& attached : instance.volumes) {
    auto volume = p.volumes.find(attached.volume_id);
    if (volume == p.volumes.end() || volume->second.delete_on_termination == attached.delete_on_termination)
      continue;
    Volume updated = volume->second;
    updated.delete_on_termination = attached.delete_on_termination;
    tx.Put(std::move(updated));
  }
}

}  // namespace

Status ModifyInstanceAttribute(Ec2& ec2, const Caller& caller,
                               const ModifyInstanceAttributeRequest& request) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = FindInstances(tx, {request.instance_id});
    if (!found) return std::move(found).error();
    Instance instance = *(*found)[0];
    const std::string_view current = CurrentState(instance, tx.now(), tx.timing());
    if (auto changed = ApplyWhileStopped(request, current, instance); !changed) return changed;
    if (request.shutdown_behavior) {
      if (auto valid = CheckShutdownBehavior(*request.shutdown_behavior); !valid) return valid;
      instance.shutdown_behavior = *request.shutdown_behavior;
    }
    if (request.group_ids) {
      if (auto grouped = ApplyGroups(tx, *request.group_ids, instance); !grouped) return grouped;
    }
    if (request.disable_api_termination) instance.disable_api_termination = *request.disable_api_termination;
    if (request.disable_api_stop) instance.disable_api_stop = *request.disable_api_stop;
    if (request.ebs_optimized) instance.ebs_optimized = *request.ebs_optimized;
    if (request.source_dest_check) instance.source_dest_check = *request.source_dest_check;
    if (auto mapped = ApplyDeleteOnTermination(request.delete_on_termination, instance); !mapped)
      return mapped;
    RecordVolumeFlags(tx, instance);
    SyncPrimaryInterface(tx, instance);
    tx.Put(std::move(instance));
    return Ok{};
  });
}

Status ResetInstanceAttribute(Ec2& ec2, const Caller& caller, const std::string& instance_id,
                              const std::string& attribute) {
  if (attribute == "sourceDestCheck") {
    ModifyInstanceAttributeRequest request;
    request.instance_id = instance_id;
    request.source_dest_check = true;  // the default
    return ModifyInstanceAttribute(ec2, caller, request);
  }
  if (attribute != "kernel" && attribute != "ramdisk") {
    return MakeError(
        codes::kInvalidParameterValue,
        "Value (" + attribute +
            ") for parameter attribute is invalid. Only kernel, ramdisk and sourceDestCheck can be "
            "reset.");
  }
  // HVM instances have no separate kernel or ramdisk; AWS still requires the instance to be stopped.
  auto view = DescribeInstance(ec2, caller, instance_id);
  if (!view) return std::move(view).error();
  if (view->instance.state != states::kStopped) return NotStopped(instance_id);
  return Ok{};
}

}  // namespace localec2::model
