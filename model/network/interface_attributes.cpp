// ModifyNetworkInterfaceAttribute, DescribeNetworkInterfaceAttribute and ResetNetworkInterfaceAttribute.
// The groups and source/destination check of an instance's primary interface are the instance's own, so
// changing them on the interface changes the Instance record too (and ModifyInstanceAttribute's are
// expected to do the reverse).
#include "model/core/tx.hpp"
#include "model/network/interface_rules.hpp"
#include "model/network/network_interfaces.hpp"

namespace localec2::model {
namespace {

Status CheckOneAttribute(const ModifyNetworkInterfaceRequest& request) {
  if (auto refused = RefuseUnsupported(request.unsupported); !refused) return refused;
  const int given = (request.description ? 1 : 0) + (request.source_dest_check ? 1 : 0) +
                    (request.group_ids ? 1 : 0) + (request.attachment ? 1 : 0);
  if (given == 0) return MakeError(codes::kInvalidParameterCombination, "No attributes specified.");
  if (given > 1) {
    return MakeError(
        codes::kInvalidParameterCombination,
        "Fields for multiple attribute types specified: only one of description, sourceDestCheck, "
        "groupSet and attachment may be modified per call.");
  }
  if (request.group_ids && request.group_ids->empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter groupId");
  if (request.attachment && !request.attachment->delete_on_termination)
    return MakeError(codes::kMissingParameter, "The request must contain the parameter deleteOnTermination");
  return Ok{};
}

// The instance whose primary interface `eni` is, when it is one.
const Instance* PrimaryOwner(const Partition& p, const NetworkInterface& eni) {
  if (!eni.attached || eni.attachment.device_index != 0) return nullptr;
  return Lookup<Instance>(p, eni.attachment.instance_id);
}

Status ApplyModification(Tx& tx, NetworkInterface& eni, const ModifyNetworkInterfaceRequest& request) {
  if (request.description) eni.description = *request.description;
  if (request.source_dest_check) eni.source_dest_check = *request.source_dest_check;
  if (request.group_ids) {
    auto subnet = tx.Find<Subnet>(eni.subnet_id);
    if (!subnet) return std::move(subnet).error();
    auto groups = ResolveInterfaceGroups(tx, *request.group_ids, **subnet);
    if (!groups) return std::move(groups).error();
    eni.group_ids = std::move(*groups);
  }
  if (request.attachment) {
    if (!eni.attached || request.attachment->attachment_id != eni.attachment.attachment_id) {
      return MakeError(codes::kAttachmentIdNotFound,
                       "Interface attachment '" + request.attachment->attachment_id + "' does not exist.");
    }
    eni.attachment.delete_on_termination = *request.attachment->delete_on_termination;
  }
  return Ok{};
}

}  // namespace

Status ModifyNetworkInterfaceAttribute(Ec2& ec2, const Caller& caller,
                                       const ModifyNetworkInterfaceRequest& request) {
  if (auto valid = CheckOneAttribute(request); !valid) return valid;
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<NetworkInterface>(request.network_interface_id);
    if (!found) return std::move(found).error();
    NetworkInterface eni = **found;
    if (auto applied = ApplyModification(tx, eni, request); !applied) return applied;
    if (const Instance* owner = PrimaryOwner(tx.partition(), eni);
        owner != nullptr && (request.group_ids || request.source_dest_check)) {
      Instance instance = *owner;
      instance.group_ids = eni.group_ids;
      instance.source_dest_check = eni.source_dest_check;
      tx.Put(std::move(instance));
    }
    tx.Put(std::move(eni));
    return Ok{};
  });
}

Result<NetworkInterfaceView> DescribeNetworkInterfaceAttribute(Ec2& ec2, const Caller& caller,
                                                               const std::string& network_interface_id,
                                                               const std::string& attribute) {
  if (attribute.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter Attribute");
  if (attribute != "description" && attribute != "groupSet" && attribute != "sourceDestCheck" &&
      attribute != "attachment") {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
  }
  return ec2.Read(caller, [&](const View& view) -> Result<NetworkInterfaceView> {
    auto found = view.Find<NetworkInterface>(network_interface_id);
    if (!found) return std::move(found).error();
    return ViewOfInterface(view.partition(), **found);
  });
}

Status ResetNetworkInterfaceAttribute(Ec2& ec2, const Caller& caller, const std::string& network_interface_id,
                                      const std::string& attribute) {
  if (attribute.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter SourceDestCheck");
  if (attribute != "sourceDestCheck") {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + attribute + ") for parameter sourceDestCheck is invalid.");
  }
  ModifyNetworkInterfaceRequest reset;
  reset.network_interface_id = network_interface_id;
  reset.source_dest_check = true;
  return ModifyNetworkInterfaceAttribute(ec2, caller, reset);
}

}  // namespace localec2::model
