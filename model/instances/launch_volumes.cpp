#include "model/instances/launch_volumes.hpp"

#include <algorithm>

#include "model/core/tx.hpp"
#include "model/images/image_access.hpp"

namespace localec2::model {
namespace {

// A mapping's snapshot, when it names one: the volume starts from it (at least its size, encrypted if it
// is). Errors: InvalidSnapshot.Malformed/NotFound.
Status ApplySnapshot(const View& view, const BlockDeviceMappingRequest& bdm, LaunchVolume& volume) {
  if (bdm.snapshot_id.empty()) return Ok{};
  if (!IsWellFormedId("snap", bdm.snapshot_id)) {
    return MalformedId(codes::kSnapshotIdMalformed, bdm.snapshot_id, "snap");
  }
  const Snapshot* snapshot = VisibleSnapshot(view, view.caller().region, bdm.snapshot_id);
  if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(bdm.snapshot_id);
  volume.mapping.snapshot_id = snapshot->snapshot_id;
  volume.mapping.size_gib = std::max(volume.mapping.size_gib, snapshot->volume_size_gib);
  volume.encrypted = volume.encrypted || snapshot->encrypted;
  return Ok{};
}

// A mapping's VolumeSize, then the rule that every volume has a size. Errors: InvalidBlockDeviceMapping.
Status ApplySize(const BlockDeviceMappingRequest& bdm, InstanceVolume& volume) {
  if (bdm.volume_size) {
    if (*bdm.volume_size < 1 || *bdm.volume_size > 16384) {
      return MakeError(codes::kInvalidBlockDeviceMapping, "Volume size " + std::to_string(*bdm.volume_size) +
                                                              " is out of range (1 to 16384 GiB).");
    }
    if (!volume.snapshot_id.empty() && *bdm.volume_size < volume.size_gib) {
      return MakeError(codes::kInvalidBlockDeviceMapping,
                       "Volume of size " + std::to_string(*bdm.volume_size) +
                           "GB is smaller than snapshot '" + volume.snapshot_id +
                           "', expect size >= " + std::to_string(volume.size_gib) + "GB");
    }
    volume.size_gib = *bdm.volume_size;
  }
  if (volume.size_gib == 0) {
    return MakeError(
        codes::kInvalidBlockDeviceMapping,
        "The request must contain the parameter size or snapshotId for device " + volume.device_name);
  }
  return Ok{};
}

// One BlockDeviceMapping of the request: removes its device (NoDevice), or overrides the image's volume
// on that device, or adds a volume. Ephemeral (instance store) mappings carry no EBS volume.
// Errors: InvalidBlockDeviceMapping, InvalidSnapshot.*.
Status ApplyMapping(const View& view, const Image& image, const BlockDeviceMappingRequest& bdm,
                    std::vector<LaunchVolume>& volumes) {
  auto existing = std::find_if(volumes.begin(), volumes.end(), [&](const LaunchVolume& v) {
    return v.mapping.device_name == bdm.device_name;
  });
  if (bdm.no_device) {
    if (bdm.device_name == image.root_device_name) {
      return MakeError(codes::kInvalidBlockDeviceMapping,
                       "The root device " + bdm.device_name + " cannot be removed.");
    }
    if (existing != volumes.end()) volumes.erase(existing);
    return Ok{};
  }
  if (!bdm.has_ebs) return Ok{};
  const bool added = existing == volumes.end();
  LaunchVolume volume =
      added ? LaunchVolume{{bdm.device_name, "", "", "gp3", 0, true, view.now()}, false, {}, {}, {}}
            : *existing;
  if (auto snapshot = ApplySnapshot(view, bdm, volume); !snapshot) return snapshot;
  if (bdm.encrypted && *bdm.encrypted) volume.encrypted = true;
  if (!bdm.volume_type.empty() && bdm.volume_type != volume.mapping.volume_type) {
    volume.mapping.volume_type = bdm.volume_type;
    volume.iops.reset();
    volume.throughput.reset();
  }
  if (bdm.delete_on_termination) volume.mapping.delete_on_termination = *bdm.delete_on_termination;
  if (auto sized = ApplySize(bdm, volume.mapping); !sized) return sized;
  if (added) {
    volumes.push_back(std::move(volume));
  } else {
    *existing = std::move(volume);
  }
  return Ok{};
}

}  // namespace

Result<std::vector<LaunchVolume>> MergeBlockDevices(const View& view, const Image& image,
                                                    const std::vector<BlockDeviceMappingRequest>& mappings) {
  std::vector<LaunchVolume> volumes;
  for (const BlockDevice& device : image.block_devices) {
    if (!device.ebs) continue;
    InstanceVolume mapping{device.device_name,
                           "",
                           device.snapshot_id,
                           device.volume_type,
                           device.volume_size_gib,
                           device.delete_on_termination,
                           view.now()};
    LaunchVolume volume{std::move(mapping), device.encrypted, {}, {}, {}};
    const bool provisioned =
        device.volume_type == "gp3" || device.volume_type == "io1" || device.volume_type == "io2";
    if (provisioned && device.iops > 0) volume.iops = device.iops;
    if (device.volume_type == "gp3" && device.throughput > 0) volume.throughput = device.throughput;
    volumes.push_back(std::move(volume));
  }
  for (const BlockDeviceMappingRequest& bdm : mappings) {
    if (auto applied = ApplyMapping(view, image, bdm, volumes); !applied) return std::move(applied).error();
  }
  return volumes;
}

Status ShapeVolumes(std::vector<LaunchVolume>& volumes) {
  for (LaunchVolume& volume : volumes) {
    const InstanceVolume& mapping = volume.mapping;
    auto shape = ResolveVolumeShape(mapping.volume_type, mapping.size_gib, volume.iops, volume.throughput);
    if (!shape && mapping.volume_type != "io1" && mapping.volume_type != "io2") {
      return MakeError(codes::kInvalidBlockDeviceMapping, shape.error().message);
    }
    volume.shape = shape ? *shape : VolumeShape{mapping.volume_type, mapping.size_gib, 3000, 0};
  }
  return Ok{};
}

void RecordVolumes(Tx& tx, const std::vector<LaunchVolume>& volumes, const std::string& zone,
                   const Tags& tags, Instance& instance) {
  for (const LaunchVolume& planned : volumes) {
    InstanceVolume attached = planned.mapping;
    attached.volume_id = tx.NewId("vol");
    Volume volume;
    volume.volume_id = attached.volume_id;
    volume.availability_zone = zone;
    volume.snapshot_id = attached.snapshot_id;
    volume.volume_type = planned.shape.type;
    volume.size_gib = attached.size_gib;
    volume.iops = planned.shape.iops;
    volume.throughput = planned.shape.throughput;
    volume.encrypted = planned.encrypted;
    if (volume.encrypted) volume.kms_key_id = KmsKeyArn(tx.scope(), "");
    volume.create_time_ms = tx.now();
    volume.state = states::kInUse;
    volume.instance_id = instance.instance_id;
    volume.device_name = attached.device_name;
    volume.attach_state = states::kAttached;
    volume.attach_since_ms = tx.now();
    volume.delete_on_termination = attached.delete_on_termination;
    volume.tags = tags;
    tx.Put(std::move(volume));
    instance.volumes.push_back(std::move(attached));
  }
}

}  // namespace localec2::model
