// ModifyInstanceAttribute: what may change on an instance, and when.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/instances/instance_rules.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {

Status ModifyInstanceAttribute(Ec2& ec2, const Caller& caller,
                               const ModifyInstanceAttributeRequest& request) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    const Partition& p = tx.partition();
    auto found = FindInstances(tx, {request.instance_id});
    if (!found) return std::move(found).error();
    Instance instance = *(*found)[0];
    std::string current(CurrentState(instance, tx.now(), tx.timing()));
    auto require_stopped = [&]() -> Status {
      if (current == states::kStopped) return Ok{};
      return MakeError(codes::kIncorrectInstanceState,
                       "The instance '" + instance.instance_id + "' is not in the 'stopped' state.");
    };
    if (request.user_data) {
      if (auto stopped = require_stopped(); !stopped) return stopped;
      if (!IsBase64(*request.user_data)) {
        return MakeError(codes::kInvalidParameterValue, "Invalid BASE64 encoding of user data.");
      }
      instance.user_data = *request.user_data;
    }
    if (request.instance_type) {
      if (auto stopped = require_stopped(); !stopped) return stopped;
      if (ArchitectureOf(*request.instance_type) != instance.architecture) {
        return MakeError(codes::kInvalidParameterValue,
                         "The instance type '" + *request.instance_type +
                             "' does not support the architecture of the instance ('" +
                             instance.architecture + "').");
      }
      instance.instance_type = *request.instance_type;
    }
    if (request.shutdown_behavior) {
      if (*request.shutdown_behavior != "stop" && *request.shutdown_behavior != "terminate") {
        return MakeError(codes::kInvalidParameterValue, "Invalid value '" + *request.shutdown_behavior +
                                                            "' for instanceInitiatedShutdownBehavior.");
      }
      instance.shutdown_behavior = *request.shutdown_behavior;
    }
    if (request.group_ids) {
      if (request.group_ids->empty()) {
        return MakeError(codes::kInvalidParameterValue,
                         "An instance must be in at least one security group.");
      }
      for (const std::string& id : *request.group_ids) {
        if (!IsWellFormedId("sg", id)) return MalformedId(codes::kGroupIdMalformed, id, "sg");
        auto it = p.groups.find(id);
        if (it == p.groups.end() || it->second.vpc_id != instance.vpc_id)
          return ResourceTraits<SecurityGroup>::NotFound(id);
      }
      instance.group_ids = *request.group_ids;
    }
    if (request.disable_api_termination) instance.disable_api_termination = *request.disable_api_termination;
    if (request.disable_api_stop) instance.disable_api_stop = *request.disable_api_stop;
    if (request.ebs_optimized) instance.ebs_optimized = *request.ebs_optimized;
    if (request.source_dest_check) instance.source_dest_check = *request.source_dest_check;
    for (const auto& [device, flag] : request.delete_on_termination) {
      const std::string& name = device;  // clang 14 cannot capture a structured binding
      auto it = std::find_if(instance.volumes.begin(), instance.volumes.end(),
                             [&](const InstanceVolume& v) { return v.device_name == name; });
      if (it == instance.volumes.end()) {
        return MakeError(codes::kInvalidParameterValue,
                         "The device '" + device + "' is not mapped on the instance.");
      }
      it->delete_on_termination = flag;
    }
    for (const InstanceVolume& attached : instance.volumes) {
      auto volume = p.volumes.find(attached.volume_id);
      if (volume == p.volumes.end() || volume->second.delete_on_termination == attached.delete_on_termination)
        continue;
      Volume updated = volume->second;
      updated.delete_on_termination = attached.delete_on_termination;
      tx.Put(std::move(updated));
    }
    tx.Put(std::move(instance));
    return Ok{};
  });
}

}  // namespace localec2::model
