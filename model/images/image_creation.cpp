// Making images: CreateImage (snapshots of an instance's volumes) and RegisterImage (from snapshots, or
// an instance-store bundle).
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/images/image_records.hpp"
#include "model/images/images.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

// A device the request adds to an image: an instance-store volume, or an EBS volume that is empty or
// made from `snapshot` (the visible snapshot the mapping names, or nullptr).
Result<BlockDevice> NewDevice(const BlockDeviceMappingRequest& bdm, const Snapshot* snapshot) {
  BlockDevice device;
  device.device_name = bdm.device_name;
  if (!bdm.virtual_name.empty()) {
    device.virtual_name = bdm.virtual_name;
    return device;
  }
  device.ebs = true;
  if (snapshot != nullptr) {
    device.snapshot_id = snapshot->snapshot_id;
    device.volume_size_gib = snapshot->volume_size_gib;
    device.encrypted = snapshot->encrypted;
    device.kms_key_id = snapshot->kms_key_id;
  }
  if (bdm.volume_size) {
    if (snapshot != nullptr && *bdm.volume_size < snapshot->volume_size_gib) {
      return MakeError(codes::kInvalidBlockDeviceMapping,
                       "Volume of size " + std::to_string(*bdm.volume_size) +
                           "GB is smaller than snapshot '" + snapshot->snapshot_id +
                           "', expect size >= " + std::to_string(snapshot->volume_size_gib) + "GB");
    }
    device.volume_size_gib = *bdm.volume_size;
  }
  if (device.volume_size_gib <= 0) {
    return MakeError(
        codes::kInvalidBlockDeviceMapping,
        "The request must contain the parameter size or snapshotId for device " + bdm.device_name);
  }
  if (!bdm.volume_type.empty()) device.volume_type = bdm.volume_type;
  if (bdm.iops) device.iops = *bdm.iops;
  if (bdm.throughput) device.throughput = *bdm.throughput;
  if (bdm.encrypted && *bdm.encrypted) device.encrypted = true;
  if (!bdm.kms_key_id.empty()) device.kms_key_id = bdm.kms_key_id;
  device.delete_on_termination = bdm.delete_on_termination.value_or(true);
  return device;
}

// A device of the image CreateImage makes, with the instance's volume to snapshot for it (none: a new
// or suppressed device), the id its snapshot will have and that snapshot's size (the volume's).
struct PlannedDevice {
  BlockDevice device;
  std::string source_volume;
  std::string snapshot_id;
  int snapshot_size_gib = 0;
};

// The instance to image. Errors: InvalidInstanceID.*, UnsupportedOperation (instance-store root),
// IncorrectInstanceState (neither running nor stopped).
Result<const Instance*> ImageableInstance(const View& view, const std::string& instance_id) {
  auto found = FindInstances(view, {instance_id});
  if (!found) return std::move(found).error();
  const Instance* instance = (*found)[0];
  if (instance->root_device_type != "ebs") {
    return MakeError(codes::kUnsupportedOperation, "The instance '" + instance->instance_id +
                                                       "' has an 'instance-store' root device; only "
                                                       "EBS-backed instances can be imaged.");
  }
  std::string_view state = CurrentState(*instance, view.now(), view.timing());
  if (state != states::kRunning && state != states::kStopped) {
    return MakeError(codes::kIncorrectInstanceState, "The instance '" + instance->instance_id +
                                                         "' is not in a state from which it can be imaged.");
  }
  return instance;
}

// One device per volume attached to `instance`, each to be snapshotted under a new snapshot id.
std::vector<PlannedDevice> DevicesOf(Tx& tx, const Instance& instance) {
  std::vector<PlannedDevice> planned;
  for (const InstanceVolume& attached : instance.volumes) {
    const Volume* volume = Lookup<Volume>(tx.partition(), attached.volume_id);
    if (volume == nullptr) continue;
    BlockDevice device;
    device.device_name = attached.device_name;
    device.ebs = true;
    device.volume_size_gib = volume->size_gib;
    device.volume_type = volume->volume_type;
    device.iops = volume->iops;
    device.throughput = volume->throughput;
    device.encrypted = volume->encrypted;
    device.kms_key_id = volume->kms_key_id;
    device.delete_on_termination = attached.delete_on_termination;
    planned.push_back({std::move(device), volume->volume_id, tx.NewId("snap"), volume->size_gib});
  }
  return planned;
}

// An existing volume's device with the request's mapping applied, as the console and Packer's
// ami_block_device_mappings do: a larger size, another type, IOPS and throughput (validated as for
// CreateVolume; unless asked, IOPS and throughput are kept while the type is), DeleteOnTermination.
// Errors: InvalidBlockDeviceMapping (a snapshot or virtual name for it, a change of its encryption, which
// is CopyImage's, or a size smaller than its snapshot), InvalidParameterValue /
// InvalidParameterCombination / MissingParameter (the volume's shape).
Status ChangeExisting(const BlockDeviceMappingRequest& bdm, PlannedDevice& planned) {
  BlockDevice& device = planned.device;
  if (!bdm.snapshot_id.empty() || !bdm.virtual_name.empty()) {
    return MakeError(
        codes::kInvalidBlockDeviceMapping,
        "The snapshot or virtual name of the existing volume at " + bdm.device_name + " cannot be changed.");
  }
  if ((bdm.encrypted && *bdm.encrypted != device.encrypted) ||
      (!bdm.kms_key_id.empty() && bdm.kms_key_id != device.kms_key_id)) {
    return MakeError(codes::kInvalidBlockDeviceMapping,
                     "The encryption of the existing volume at " + bdm.device_name +
                         " cannot be changed by CreateImage; use CopyImage to encrypt an image.");
  }
  if (bdm.volume_size && *bdm.volume_size < planned.snapshot_size_gib) {
    return MakeError(codes::kInvalidBlockDeviceMapping,
                     "Volume of size " + std::to_string(*bdm.volume_size) + "GB is smaller than snapshot '" +
                         planned.snapshot_id +
                         "', expect size >= " + std::to_string(planned.snapshot_size_gib) + "GB");
  }
  const std::string type = bdm.volume_type.empty() ? device.volume_type : bdm.volume_type;
  const bool type_kept = type == device.volume_type;
  std::optional<int> iops = bdm.iops;
  std::optional<int> throughput = bdm.throughput;
  if (type_kept && !iops && (type == "gp3" || type == "io1" || type == "io2")) iops = device.iops;
  if (type_kept && !throughput && type == "gp3") throughput = device.throughput;
  auto shape = ResolveVolumeShape(type, bdm.volume_size.value_or(device.volume_size_gib), iops, throughput);
  if (!shape) return std::move(shape).error();
  device.volume_size_gib = shape->size_gib;
  device.volume_type = shape->type;
  device.iops = shape->iops;
  device.throughput = shape->throughput;
  if (bdm.delete_on_termination) device.delete_on_termination = *bdm.delete_on_termination;
  return Ok{};
}

// `planned` with one mapping of the request applied: a device suppressed (NoDevice), an existing
// volume's device changed (ChangeExisting), or a new device added. Errors: InvalidBlockDeviceMapping (the
// root device suppressed; a new device's size), ChangeExisting's, InvalidSnapshot.NotFound.
Status ApplyMapping(const View& view, const Instance& instance, const BlockDeviceMappingRequest& bdm,
                    std::vector<PlannedDevice>& planned) {
  auto existing = std::find_if(planned.begin(), planned.end(), [&](const PlannedDevice& p) {
    return p.device.device_name == bdm.device_name;
  });
  if (bdm.no_device) {
    if (bdm.device_name == instance.root_device_name) {
      return MakeError(codes::kInvalidBlockDeviceMapping,
                       "The root device " + bdm.device_name + " cannot be excluded from the image.");
    }
    PlannedDevice suppressed;
    suppressed.device.device_name = bdm.device_name;
    suppressed.device.no_device = true;
    if (existing != planned.end()) {
      *existing = std::move(suppressed);
    } else {
      planned.push_back(std::move(suppressed));
    }
    return Ok{};
  }
  if (existing != planned.end() && !existing->source_volume.empty()) return ChangeExisting(bdm, *existing);
  const Snapshot* snapshot = nullptr;
  if (!bdm.snapshot_id.empty()) {
    snapshot = VisibleSnapshot(view, view.scope().region, bdm.snapshot_id);
    if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(bdm.snapshot_id);
  }
  auto device = NewDevice(bdm, snapshot);
  if (!device) return std::move(device).error();
  if (existing != planned.end()) {
    *existing = {std::move(*device), "", "", 0};
  } else {
    planned.push_back({std::move(*device), "", "", 0});
  }
  return Ok{};
}

// The image of `instance`, under a new id, without its devices yet.
Image ImageOf(Tx& tx, const Instance& instance, const CreateImageRequest& request, const Tags& tags) {
  Image image = NewImage(tx.scope(), tx.NewId("ami"), request.name, tx.now());
  image.description = request.description;
  image.architecture = instance.architecture;
  image.platform = instance.platform;
  image.platform_details = instance.platform_details;
  image.usage_operation = instance.platform == "windows" ? "RunInstances:0002" : "RunInstances";
  image.root_device_name = instance.root_device_name;
  image.boot_mode = instance.boot_mode;
  image.source_instance_id = instance.instance_id;
  image.tags = tags;
  return image;
}

// Records a snapshot of each planned device's volume and gives `image` the devices, mapping those
// snapshots.
void SnapshotDevices(Tx& tx, const Instance& instance, std::vector<PlannedDevice> planned, const Tags& tags,
                     Image& image) {
  for (PlannedDevice& p : planned) {
    if (!p.source_volume.empty()) {
      Snapshot snapshot;
      snapshot.snapshot_id = p.snapshot_id;
      snapshot.volume_id = p.source_volume;
      snapshot.owner_id = tx.caller().account_id;
      snapshot.description = "Created by CreateImage(" + instance.instance_id + ") for " + image.image_id;
      snapshot.volume_size_gib = p.snapshot_size_gib;
      snapshot.start_time_ms = tx.now();
      snapshot.encrypted = p.device.encrypted;
      snapshot.kms_key_id = p.device.kms_key_id;
      snapshot.tags = tags;
      p.device.snapshot_id = snapshot.snapshot_id;
      tx.Put(std::move(snapshot));
    }
    image.block_devices.push_back(std::move(p.device));
  }
}

}  // namespace

Result<std::string> CreateImage(Ec2& ec2, const Caller& caller, const CreateImageRequest& request) {
  if (auto valid = ValidateImageName(request.name); !valid) return valid.error();
  auto image_tags = TagsFor(request.tag_specifications, "image", {"image", "snapshot"});
  if (!image_tags) return std::move(image_tags).error();
  auto snapshot_tags = TagsFor(request.tag_specifications, "snapshot", {"image", "snapshot"});
  if (!snapshot_tags) return std::move(snapshot_tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    auto instance = ImageableInstance(tx, request.instance_id);
    if (!instance) return std::move(instance).error();
    if (auto free = CheckNameFree(tx.partition(), request.name); !free) return std::move(free).error();
    // One device per attached volume, each to be snapshotted; then what the request adds or changes.
    std::vector<PlannedDevice> planned = DevicesOf(tx, **instance);
    for (const BlockDeviceMappingRequest& bdm : request.block_device_mappings) {
      if (auto applied = ApplyMapping(tx, **instance, bdm, planned); !applied)
        return std::move(applied).error();
    }
    Image image = ImageOf(tx, **instance, request, *image_tags);
    SnapshotDevices(tx, **instance, std::move(planned), *snapshot_tags, image);
    const std::string image_id = image.image_id;
    tx.Put(std::move(image));
    // Without NoReboot a running instance is rebooted for the snapshots; it is running again before the
    // call returns here, so there is nothing to record.
    return image_id;
  });
}

Result<std::string> RegisterImage(Ec2& ec2, const Caller& caller, const RegisterImageRequest& request) {
  if (auto valid = ValidateImageName(request.name); !valid) return valid.error();
  auto tags = TagsFor(request.tag_specifications, "image", {"image"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    const Partition& p = tx.partition();
    const std::int64_t now = tx.now();
    if (auto free = CheckNameFree(p, request.name); !free) return free.error();

    Image image = NewImage(p.scope, tx.NewId("ami"), request.name, now);
    image.description = request.description;
    image.architecture = request.architecture.empty() ? "x86_64" : request.architecture;
    image.virtualization_type = request.virtualization_type.empty() ? "hvm" : request.virtualization_type;
    image.boot_mode = request.boot_mode;
    image.tpm_support = request.tpm_support;
    image.imds_support = request.imds_support;
    image.sriov_net_support = request.sriov_net_support;
    image.ena_support = request.ena_support.value_or(false);
    image.root_device_name = request.root_device_name;
    const bool names_root_snapshot =
        std::any_of(request.block_device_mappings.begin(), request.block_device_mappings.end(),
                    [&](const BlockDeviceMappingRequest& bdm) {
                      return bdm.device_name == request.root_device_name && !bdm.snapshot_id.empty();
                    });
    if (!request.image_location.empty() && !names_root_snapshot) {
      // Instance store: the image is a bundle in S3, launched onto instance-store volumes.
      image.root_device_type = "instance-store";
      image.image_location = request.image_location;
      if (image.root_device_name.empty()) image.root_device_name = "/dev/sda1";
    } else {
      if (request.block_device_mappings.empty()) {
        return MakeError(codes::kMissingParameter,
                         "The request must contain the parameter ImageLocation or BlockDeviceMapping");
      }
      if (request.root_device_name.empty()) {
        return MakeError(codes::kMissingParameter, "The request must contain the parameter rootDeviceName");
      }
      if (!names_root_snapshot) {
        return MakeError(codes::kInvalidBlockDeviceMapping,
                         "The root device " + request.root_device_name + " must be mapped to a snapshot.");
      }
    }
    for (const BlockDeviceMappingRequest& bdm : request.block_device_mappings) {
      if (bdm.no_device) {
        BlockDevice suppressed;
        suppressed.device_name = bdm.device_name;
        suppressed.no_device = true;
        image.block_devices.push_back(suppressed);
        continue;
      }
      const Snapshot* snapshot = nullptr;
      if (!bdm.snapshot_id.empty()) {
        if (!IsWellFormedId("snap", bdm.snapshot_id)) {
          return MalformedId(codes::kSnapshotIdMalformed, bdm.snapshot_id, "snap");
        }
        snapshot = VisibleSnapshot(tx, tx.scope().region, bdm.snapshot_id);
        if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(bdm.snapshot_id);
      }
      auto device = NewDevice(bdm, snapshot);
      if (!device) return std::move(device).error();
      image.block_devices.push_back(std::move(*device));
    }
    image.tags = *tags;
    const std::string image_id = image.image_id;
    tx.Put(std::move(image));
    return image_id;
  });
}

}  // namespace localec2::model
