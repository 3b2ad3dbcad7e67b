// AttachNetworkInterface and DetachNetworkInterface.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/instances/instances.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/interface_rules.hpp"
#include "model/network/network_interfaces.hpp"

namespace localec2::model {
namespace {

// Device indexes an instance can use: AWS's largest types take 15 interfaces per network card; localec2
// does not model per-type limits and keeps this bound.
constexpr int kMaxDeviceIndex = 31;

Status CheckAttachable(const View& view, const NetworkInterface& eni, const Instance& instance,
                       int device_index) {
  if (eni.attached || eni.requester_managed) {  // a NAT gateway's interface is its service's
    return MakeError(codes::kNetworkInterfaceInUse, "Interface: [" + eni.network_interface_id + "] in use.");
  }
  if (eni.availability_zone != instance.availability_zone) {
    return MakeError(codes::kInvalidParameterCombination,
                     "You may not attach a network interface to an instance if they are not in the same "
                     "availability zone");
  }
  if (eni.vpc_id != instance.vpc_id) {
    return MakeError(codes::kInvalidParameterCombination,
                     "You may not attach a network interface to an instance if they are not in the same VPC");
  }
  std::string_view state = CurrentState(instance, view.now(), view.timing());
  if (state != states::kRunning && state != states::kStopped) {
    return MakeError(codes::kIncorrectInstanceState,
                     "Instance '" + instance.instance_id + "' is not 'running' or 'stopped'.");
  }
  for (const NetworkInterface* attached : InterfacesOf(view.partition(), instance.instance_id)) {
    if (attached->attachment.device_index == device_index) {
      return MakeError(codes::kInvalidParameterValue,
                       "Instance '" + instance.instance_id +
                           "' already has an interface attached at device index '" +
                           std::to_string(device_index) + "'.");
    }
  }
  return Ok{};
}

Status ValidateAttach(const AttachNetworkInterfaceRequest& request) {
  if (auto refused = RefuseUnsupported(request.unsupported); !refused) return refused;
  if (!request.device_index)
    return MakeError(codes::kMissingParameter, "The request must contain the parameter DeviceIndex");
  if (*request.device_index < 0 || *request.device_index > kMaxDeviceIndex) {
    return MakeError(codes::kInvalidParameterValue, "Value (" + std::to_string(*request.device_index) +
                                                        ") for parameter deviceIndex is invalid.");
  }
  if (request.network_card_index.value_or(0) != 0) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + std::to_string(*request.network_card_index) +
                         ") for parameter NetworkCardIndex is invalid. localec2 "
                         "emulates one network card (index 0).");
  }
  return Ok{};
}

}  // namespace

Result<std::string> AttachNetworkInterface(Ec2& ec2, const Caller& caller,
                                           const AttachNetworkInterfaceRequest& request) {
  if (auto valid = ValidateAttach(request); !valid) return std::move(valid).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    auto found = tx.Find<NetworkInterface>(request.network_interface_id);
    if (!found) return std::move(found).error();
    auto instances = FindInstances(tx, {request.instance_id});
    if (!instances) return std::move(instances).error();
    const Instance& instance = *(*instances)[0];
    if (auto attachable = CheckAttachable(tx, **found, instance, *request.device_index); !attachable)
      return std::move(attachable).error();
    NetworkInterface eni = **found;
    AttachInterface(tx, eni, instance, *request.device_index, false);
    SetAddressesInstance(tx, eni.network_interface_id, instance.instance_id);  // an Elastic IP on it follows
    std::string attachment_id = eni.attachment.attachment_id;
    tx.Put(std::move(eni));
    return attachment_id;
  });
}

Status DetachNetworkInterface(Ec2& ec2, const Caller& caller, const std::string& attachment_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    const Partition& p = tx.partition();
    auto it = std::find_if(p.network_interfaces.begin(), p.network_interfaces.end(), [&](const auto& entry) {
      return entry.second.attached && entry.second.attachment.attachment_id == attachment_id;
    });
    if (attachment_id.empty() || it == p.network_interfaces.end()) {
      return MakeError(codes::kAttachmentIdNotFound,
                       "Interface attachment '" + attachment_id + "' does not exist.");
    }
    if (it->second.attachment.device_index == 0) {
      return MakeError(codes::kOperationNotPermitted,
                       "The network interface at device index 0 cannot be detached.");
    }
    NetworkInterface eni = it->second;
    DetachInterface(eni);
    SetAddressesInstance(tx, eni.network_interface_id, "");
    tx.Put(std::move(eni));
    return Ok{};
  });
}

}  // namespace localec2::model
