// EBS volumes: created empty or from a snapshot in one zone, attached to an instance of that zone,
// grown with ModifyVolume. A volume's attachment is recorded on both sides: Volume::instance_id here,
// Instance::volumes (the block device mapping) on the instance.
#include <algorithm>
#include <regex>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

constexpr std::int64_t kModificationCooldownMs = 6LL * 60 * 60 * 1000;

bool IsDeviceName(const std::string& device) {
  static const std::regex kDevice(R"((/dev/(sd|xvd|hd)|xvd)[a-z]{1,2}[0-9]{0,2})");
  return std::regex_match(device, kDevice);
}

VolumeAttachment AttachmentOf(const Volume& volume, std::string_view state) {
  return {volume.volume_id,   volume.instance_id,     volume.device_name,
          std::string(state), volume.attach_since_ms, volume.delete_on_termination};
}

// What CreateVolume checks before looking at any state.
Status ValidateCreate(const Caller& caller, const CreateVolumeRequest& request) {
  if (request.outpost_arn) {
    return MakeError(codes::kUnsupportedOperation, "Volumes on Outposts are not supported.");
  }
  if (request.availability_zone.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter AvailabilityZone");
  }
  const RegionInfo* region = FindRegion(caller.region);
  bool zone_known = region != nullptr &&
                    std::any_of(region->zones.begin(), region->zones.end(),
                                [&](const ZoneInfo& z) { return z.zone_name == request.availability_zone; });
  if (!zone_known) {
    return MakeError(codes::kZoneNotFound, "The zone '" + request.availability_zone + "' does not exist.");
  }
  if (!request.size && request.snapshot_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter size or snapshotId");
  }
  if (auto dependency = RequireEncryptedForKey(request.encrypted, request.kms_key_id); !dependency)
    return dependency;
  if (request.multi_attach) {
    return MakeError(
        codes::kInvalidParameterCombination,
        "Multi-Attach is only supported for io1 and io2 volumes, and is not emulated by localec2.");
  }
  return Ok{};
}

// `volume` made from the snapshot `snapshot_id` names, which the caller must be able to see.
// Errors: InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound, InvalidParameterValue (`size` smaller).
Status FromSnapshot(const View& view, const std::string& snapshot_id, std::optional<int> size,
                    Volume& volume) {
  if (!IsWellFormedId("snap", snapshot_id))
    return MalformedId(codes::kSnapshotIdMalformed, snapshot_id, "snap");
  const Snapshot* snapshot = VisibleSnapshot(view, view.scope().region, snapshot_id);
  if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(snapshot_id);
  if (size && *size < snapshot->volume_size_gib) {
    return MakeError(codes::kInvalidParameterValue,
                     "Volume of " + std::to_string(*size) + "GiB is smaller than snapshot '" +
                         snapshot->snapshot_id +
                         "', expect size >= " + std::to_string(snapshot->volume_size_gib) + "GiB");
  }
  volume.snapshot_id = snapshot->snapshot_id;
  volume.size_gib = snapshot->volume_size_gib;
  volume.encrypted = snapshot->encrypted;
  volume.kms_key_id = snapshot->kms_key_id;
  return Ok{};
}

// Why `volume` cannot be attached to `instance` at `device`, if it cannot.
Status CheckAttachable(const Volume& volume, const Instance& instance, std::string_view instance_state,
                       const std::string& device) {
  const std::string& volume_id = volume.volume_id;
  const std::string& instance_id = instance.instance_id;
  if (!volume.instance_id.empty()) {
    return MakeError(codes::kVolumeInUse, volume_id + " is already attached to an instance");
  }
  if (volume.state != states::kAvailable) {
    return MakeError(codes::kIncorrectState, "The volume '" + volume_id + "' is not 'available'.");
  }
  if (volume.availability_zone != instance.availability_zone) {
    return MakeError(codes::kVolumeZoneMismatch, "The volume '" + volume_id +
                                                     "' is not in the same availability zone as instance '" +
                                                     instance_id + "'");
  }
  if (instance_state != states::kRunning && instance_state != states::kStopped) {
    return MakeError(codes::kIncorrectInstanceState,
                     "Instance '" + instance_id + "' is not 'running' or 'stopped'.");
  }
  bool taken = std::any_of(instance.volumes.begin(), instance.volumes.end(),
                           [&](const InstanceVolume& v) { return v.device_name == device; });
  if (taken) {
    return MakeError(codes::kInvalidParameterValue, "Attachment point " + device + " is already in use");
  }
  return Ok{};
}

}  // namespace

Result<Volume> CreateVolume(Ec2& ec2, const Caller& caller, const CreateVolumeRequest& request) {
  if (auto valid = ValidateCreate(caller, request); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "volume", {"volume"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<Volume> {
    Volume volume;
    if (!request.snapshot_id.empty()) {
      if (auto made = FromSnapshot(tx, request.snapshot_id, request.size, volume); !made)
        return std::move(made).error();
    }
    if (request.size) volume.size_gib = *request.size;
    auto shape = ResolveVolumeShape(request.volume_type.empty() ? "gp2" : request.volume_type,
                                    volume.size_gib, request.iops, request.throughput);
    if (!shape) return std::move(shape).error();
    if (request.encrypted && !volume.encrypted) {
      volume.encrypted = true;
      volume.kms_key_id = KmsKeyArn(tx.scope(), request.kms_key_id);
    }
    volume.volume_id = tx.NewId("vol");
    volume.availability_zone = request.availability_zone;
    volume.volume_type = shape->type;
    volume.iops = shape->iops;
    volume.throughput = shape->throughput;
    volume.create_time_ms = tx.now();
    volume.state = states::kCreating;
    volume.tags = *tags;
    tx.Put(volume);
    return volume;
  });
}

Result<VolumeAttachment> AttachVolume(Ec2& ec2, const Caller& caller, const std::string& volume_id,
                                      const std::string& instance_id, const std::string& device) {
  if (!IsDeviceName(device)) {
    return MakeError(codes::kInvalidParameterValue, "Value (" + device +
                                                        ") for parameter device is invalid. " + device +
                                                        " is not a valid EBS device name.");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Result<VolumeAttachment> {
    auto stored = tx.Find<Volume>(volume_id);
    if (!stored) return std::move(stored).error();
    auto instances = FindInstances(tx, {instance_id});
    if (!instances) return std::move(instances).error();
    Instance instance = *(*instances)[0];
    std::string_view state = CurrentState(instance, tx.now(), tx.timing());
    if (auto attachable = CheckAttachable(Settled(**stored, tx.now(), tx.timing()), instance, state, device);
        !attachable)
      return std::move(attachable).error();
    Volume volume = **stored;  // the stored record, with only the attachment changed
    volume.state = states::kInUse;
    volume.instance_id = instance_id;
    volume.device_name = device;
    volume.attach_state = states::kAttaching;
    volume.attach_since_ms = tx.now();
    volume.delete_on_termination = false;
    instance.volumes.push_back(
        {device, volume_id, volume.snapshot_id, volume.volume_type, volume.size_gib, false, tx.now()});
    tx.Put(volume);
    tx.Put(std::move(instance));
    return AttachmentOf(volume, states::kAttaching);
  });
}

Result<VolumeAttachment> DetachVolume(Ec2& ec2, const Caller& caller, const std::string& volume_id,
                                      const std::string& instance_id, const std::string& device) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<VolumeAttachment> {
    auto stored = tx.Find<Volume>(volume_id);
    if (!stored) return std::move(stored).error();
    Volume settled = Settled(**stored, tx.now(), tx.timing());
    if (settled.instance_id.empty() || settled.attach_state == states::kDetaching) {
      return MakeError(codes::kIncorrectState,
                       "Volume '" + volume_id + "' is in the '" + settled.state + "' state.");
    }
    if ((!instance_id.empty() && instance_id != settled.instance_id) ||
        (!device.empty() && device != settled.device_name)) {
      return MakeError(codes::kAttachmentNotFound,
                       "Volume " + volume_id + " can not be detached from " +
                           (instance_id.empty() ? settled.instance_id : instance_id) +
                           " because it is not attached");
    }
    if (const Instance* attached = Lookup<Instance>(tx.partition(), settled.instance_id)) {
      Instance instance = *attached;
      std::string_view state = CurrentState(instance, tx.now(), tx.timing());
      if (settled.device_name == instance.root_device_name && state != states::kStopped) {
        return MakeError(codes::kIncorrectState, "Unable to detach root volume '" + volume_id +
                                                     "' from instance '" + instance.instance_id + "'");
      }
      std::erase_if(instance.volumes, [&](const InstanceVolume& v) { return v.volume_id == volume_id; });
      tx.Put(std::move(instance));
    }
    Volume volume = **stored;
    volume.attach_state = states::kDetaching;
    volume.attach_since_ms = tx.now();
    // Once detached the volume is available; until then Settled() shows it detaching and in use.
    VolumeAttachment answer = AttachmentOf(volume, states::kDetaching);
    tx.Put(std::move(volume));
    return answer;
  });
}

Status DeleteVolume(Ec2& ec2, const Caller& caller, const std::string& volume_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto stored = tx.Find<Volume>(volume_id);
    if (!stored) return std::move(stored).error();
    Volume volume = Settled(**stored, tx.now(), tx.timing());
    if (!volume.instance_id.empty()) {
      return MakeError(codes::kVolumeInUse,
                       "Volume " + volume_id + " is currently attached to " + volume.instance_id);
    }
    tx.Erase<Volume>(volume_id);
    return Ok{};
  });
}

Result<VolumeModificationView> ModifyVolume(Ec2& ec2, const Caller& caller,
                                            const ModifyVolumeRequest& request) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<VolumeModificationView> {
    auto stored = tx.Find<Volume>(request.volume_id);
    if (!stored) return std::move(stored).error();
    Volume volume = **stored;
    if (!volume.modifications.empty() &&
        tx.now() < volume.modifications.back().start_time_ms + kModificationCooldownMs) {
      return MakeError(codes::kVolumeModificationRateExceeded,
                       "You've reached the maximum modification rate per volume limit. Wait at least 6 hours "
                       "between modifications per EBS volume.");
    }
    if (request.size && *request.size < volume.size_gib) {
      return MakeError(codes::kInvalidParameterValue, "New size cannot be smaller than existing size");
    }
    const std::string type = request.volume_type.value_or(volume.volume_type);
    const bool type_changes = type != volume.volume_type;
    // Unless asked, a volume keeps its IOPS and throughput when its type stays.
    std::optional<int> iops = request.iops;
    std::optional<int> throughput = request.throughput;
    if (!type_changes && !iops && (type == "gp3" || type == "io1" || type == "io2")) iops = volume.iops;
    if (!type_changes && !throughput && type == "gp3") throughput = volume.throughput;
    auto shape = ResolveVolumeShape(type, request.size.value_or(volume.size_gib), iops, throughput);
    if (!shape) return std::move(shape).error();
    if (shape->size_gib == volume.size_gib && shape->type == volume.volume_type &&
        shape->iops == volume.iops && shape->throughput == volume.throughput) {
      return MakeError(
          codes::kInvalidParameterValue,
          "New size, type, IOPS and throughput are the same as the volume's: nothing to modify.");
    }
    VolumeModification modification{std::string(states::kModifying),
                                    tx.now(),
                                    volume.size_gib,
                                    volume.volume_type,
                                    volume.iops,
                                    volume.throughput,
                                    shape->size_gib,
                                    shape->type,
                                    shape->iops,
                                    shape->throughput};
    volume.modifications = {modification};
    volume.size_gib = shape->size_gib;
    volume.volume_type = shape->type;
    volume.iops = shape->iops;
    volume.throughput = shape->throughput;
    tx.Put(std::move(volume));
    return VolumeModificationView{request.volume_id, modification, 0};
  });
}

}  // namespace localec2::model
