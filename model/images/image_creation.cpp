// Making and unmaking images: CreateImage (snapshots of an instance's volumes), RegisterImage, CopyImage
// (into the caller's region, with new snapshots there) and DeregisterImage (snapshots stay unless asked).
#include <algorithm>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/images/images.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

// AMI names are unique per account and region.
Status CheckNameFree(const Partition& p, const std::string& name) {
  for (const auto& [id, image] : p.images) {
    if (image.name == name && image.state != states::kDeregistered) {
      return MakeError(codes::kAmiNameDuplicate, "AMI name " + name + " is already in use by AMI " + id);
    }
  }
  return Ok{};
}

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

Image NewImage(const Scope& scope, const std::string& image_id, const std::string& name, std::int64_t now) {
  Image image;
  image.image_id = image_id;
  image.name = name;
  image.owner_id = scope.account_id;
  image.platform_details = "Linux/UNIX";
  image.usage_operation = "RunInstances";
  image.root_device_type = "ebs";
  image.image_location = scope.account_id + "/" + name;
  image.creation_date = IsoTime(now);
  image.state = states::kPending;
  image.state_since_ms = now;
  return image;
}

}  // namespace

Result<std::string> CreateImage(Ec2& ec2, const Caller& caller, const CreateImageRequest& request) {
  if (auto valid = ValidateImageName(request.name); !valid) return valid.error();
  auto image_tags = TagsFor(request.tag_specifications, "image", {"image", "snapshot"});
  if (!image_tags) return std::move(image_tags).error();
  auto snapshot_tags = TagsFor(request.tag_specifications, "snapshot", {"image", "snapshot"});
  if (!snapshot_tags) return std::move(snapshot_tags).error();

  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    const Partition& p = tx.partition();
    const std::int64_t now = tx.now();
    auto found = FindInstances(tx, {request.instance_id});
    if (!found) return std::move(found).error();
    const Instance& instance = *(*found)[0];
    if (instance.root_device_type != "ebs") {
      return MakeError(codes::kUnsupportedOperation, "The instance '" + instance.instance_id +
                                                         "' has an 'instance-store' root device; only "
                                                         "EBS-backed instances can be imaged.");
    }
    std::string_view state = CurrentState(instance, now, tx.timing());
    if (state != states::kRunning && state != states::kStopped) {
      return MakeError(
          codes::kIncorrectInstanceState,
          "The instance '" + instance.instance_id + "' is not in a state from which it can be imaged.");
    }
    if (auto free = CheckNameFree(p, request.name); !free) return free.error();

    // One mapping per attached volume, each to be snapshotted; then what the request adds or changes.
    std::vector<BlockDevice> devices;
    std::vector<std::string> source_volumes;  // parallel to devices: the volume to snapshot, if any
    for (const InstanceVolume& attached : instance.volumes) {
      auto it = p.volumes.find(attached.volume_id);
      if (it == p.volumes.end()) continue;
      const Volume& volume = it->second;
      BlockDevice device;
      device.device_name = attached.device_name;
      device.ebs = true;
      device.volume_size_gib = volume.size_gib;
      device.volume_type = volume.volume_type;
      device.iops = volume.iops;
      device.throughput = volume.throughput;
      device.encrypted = volume.encrypted;
      device.kms_key_id = volume.kms_key_id;
      device.delete_on_termination = attached.delete_on_termination;
      devices.push_back(device);
      source_volumes.push_back(volume.volume_id);
    }
    for (const BlockDeviceMappingRequest& bdm : request.block_device_mappings) {
      auto existing = std::find_if(devices.begin(), devices.end(),
                                   [&](const BlockDevice& d) { return d.device_name == bdm.device_name; });
      const size_t index = existing - devices.begin();
      if (bdm.no_device) {
        if (bdm.device_name == instance.root_device_name) {
          return MakeError(codes::kInvalidBlockDeviceMapping,
                           "The root device " + bdm.device_name + " cannot be excluded from the image.");
        }
        BlockDevice suppressed;
        suppressed.device_name = bdm.device_name;
        suppressed.no_device = true;
        if (existing != devices.end()) {
          *existing = suppressed;
          source_volumes[index].clear();
        } else {
          devices.push_back(suppressed);
          source_volumes.emplace_back();
        }
        continue;
      }
      if (existing != devices.end()) {
        // Only DeleteOnTermination of an existing volume can change (AWS).
        if ((bdm.volume_size && *bdm.volume_size != existing->volume_size_gib) ||
            (bdm.encrypted && *bdm.encrypted != existing->encrypted) || !bdm.snapshot_id.empty()) {
          return MakeError(codes::kInvalidBlockDeviceMapping,
                           "Only DeleteOnTermination can be changed for the existing volume at " +
                               bdm.device_name + "; change the size of the instance's volume instead.");
        }
        if (bdm.delete_on_termination) existing->delete_on_termination = *bdm.delete_on_termination;
        continue;
      }
      const Snapshot* snapshot = nullptr;
      if (!bdm.snapshot_id.empty()) {
        snapshot = VisibleSnapshot(tx, tx.scope().region, bdm.snapshot_id);
        if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(bdm.snapshot_id);
      }
      auto device = NewDevice(bdm, snapshot);
      if (!device) return std::move(device).error();
      devices.push_back(std::move(*device));
      source_volumes.emplace_back();
    }

    Image image = NewImage(p.scope, tx.NewId("ami"), request.name, now);
    image.description = request.description;
    image.architecture = instance.architecture;
    image.platform = instance.platform;
    image.platform_details = instance.platform_details;
    image.usage_operation = instance.platform == "windows" ? "RunInstances:0002" : "RunInstances";
    image.root_device_name = instance.root_device_name;
    image.boot_mode = instance.boot_mode;
    image.source_instance_id = instance.instance_id;
    image.tags = *image_tags;
    for (size_t i = 0; i < devices.size(); ++i) {
      if (source_volumes[i].empty()) continue;
      Snapshot snapshot;
      snapshot.snapshot_id = tx.NewId("snap");
      snapshot.volume_id = source_volumes[i];
      snapshot.owner_id = caller.account_id;
      snapshot.description = "Created by CreateImage(" + instance.instance_id + ") for " + image.image_id;
      snapshot.volume_size_gib = devices[i].volume_size_gib;
      snapshot.start_time_ms = now;
      snapshot.encrypted = devices[i].encrypted;
      snapshot.kms_key_id = devices[i].kms_key_id;
      snapshot.tags = *snapshot_tags;
      devices[i].snapshot_id = snapshot.snapshot_id;
      tx.Put(std::move(snapshot));
    }
    image.block_devices = std::move(devices);
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

Result<std::string> CopyImage(Ec2& ec2, const Caller& caller, const CopyImageRequest& request) {
  if (!request.destination_outpost_arn.empty()) {
    return MakeError(codes::kUnsupportedOperation, "Copying an image to an Outpost is not supported.");
  }
  if (FindRegion(request.source_region) == nullptr) {
    return MakeError(codes::kInvalidParameterValue, "Invalid source region: " + request.source_region);
  }
  if (!IsWellFormedId("ami", request.source_image_id)) {
    return MalformedId(codes::kAmiIdMalformed, request.source_image_id, "ami");
  }
  if (auto valid = ValidateImageName(request.name); !valid) return valid.error();
  if (auto dependency = RequireEncryptedForKey(request.encrypted, request.kms_key_id); !dependency)
    return dependency.error();
  auto spec_tags = TagsFor(request.tag_specifications, "image", {"image", "snapshot"});
  if (!spec_tags) return std::move(spec_tags).error();
  auto snapshot_tags = TagsFor(request.tag_specifications, "snapshot", {"image", "snapshot"});
  if (!snapshot_tags) return std::move(snapshot_tags).error();

  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    const Partition& p = tx.partition();
    const std::int64_t now = tx.now();
    if (!request.client_token.empty()) {
      for (const auto& [id, image] : p.images) {
        if (image.client_token == request.client_token) return id;
      }
    }
    const Image* source = VisibleImage(tx, request.source_region, request.source_image_id);
    if (source == nullptr) return ResourceTraits<Image>::NotFound(request.source_image_id);
    if (CurrentImageState(*source, now, tx.timing()) != states::kAvailable) {
      return MakeError(codes::kAmiIdUnavailable,
                       "The image id '[" + request.source_image_id + "]' is not available to copy yet.");
    }
    if (auto free = CheckNameFree(p, request.name); !free) return free.error();

    Image copy = NewImage(p.scope, tx.NewId("ami"), request.name, now);
    copy.description = request.description.empty() ? source->description : request.description;
    copy.platform = source->platform;
    copy.platform_details = source->platform_details;
    copy.usage_operation = source->usage_operation;
    copy.architecture = source->architecture;
    copy.root_device_type = source->root_device_type;
    copy.root_device_name = source->root_device_name;
    copy.virtualization_type = source->virtualization_type;
    copy.boot_mode = source->boot_mode;
    copy.tpm_support = source->tpm_support;
    copy.imds_support = source->imds_support;
    copy.ena_support = source->ena_support;
    copy.sriov_net_support = source->sriov_net_support;
    copy.product_codes = source->product_codes;
    copy.block_devices = source->block_devices;
    copy.source_image_id = source->image_id;
    copy.source_region = request.source_region;
    copy.client_token = request.client_token;
    // Launch permissions, deprecation and protection are not copied; tags only when asked, and only the
    // caller's own (another account's tags are not visible to it).
    if (request.copy_image_tags && source->owner_id == caller.account_id) copy.tags = source->tags;
    auto tags = MergeTags(copy.tags, *spec_tags);
    if (!tags) return std::move(tags).error();
    copy.tags = std::move(*tags);

    for (BlockDevice& device : copy.block_devices) {
      if (!device.ebs || device.snapshot_id.empty()) continue;
      Snapshot snapshot;
      snapshot.snapshot_id = tx.NewId("snap");
      snapshot.volume_id = "vol-ffffffff";
      snapshot.owner_id = caller.account_id;
      snapshot.description = "Copied for DestinationAmi " + copy.image_id + " from SourceAmi " +
                             source->image_id + " for SourceSnapshot " + device.snapshot_id +
                             ". Task created on " + GroupedDigits(now) + ".";
      snapshot.volume_size_gib = device.volume_size_gib;
      snapshot.start_time_ms = now;
      snapshot.encrypted = device.encrypted || request.encrypted;
      // KMS keys are regional: an encrypted copy uses the key named, else the destination's EBS key.
      if (snapshot.encrypted) snapshot.kms_key_id = KmsKeyArn(p.scope, request.kms_key_id);
      snapshot.source_snapshot_id = device.snapshot_id;
      snapshot.tags = *snapshot_tags;
      device.snapshot_id = snapshot.snapshot_id;
      device.encrypted = snapshot.encrypted;
      device.kms_key_id = snapshot.kms_key_id;
      tx.Put(std::move(snapshot));
    }
    const std::string image_id = copy.image_id;
    tx.Put(std::move(copy));
    return image_id;
  });
}

Result<DeregisterResult> DeregisterImage(Ec2& ec2, const Caller& caller, const std::string& image_id,
                                         bool delete_snapshots) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<DeregisterResult> {
    auto own = OwnImage(tx, image_id);
    if (!own) return std::move(own).error();
    const Partition& p = tx.partition();
    const std::int64_t now = tx.now();
    Image image = std::move(*own);
    if (image.protection != "disabled") {
      return MakeError(
          codes::kOperationNotPermitted,
          "The image " + image_id + " has deregistration protection enabled and can't be deregistered.");
    }
    if (image.protection_until_ms > now) {
      return MakeError(codes::kOperationNotPermitted,
                       "The image " + image_id + " is protected from deregistration until " +
                           IsoTime(image.protection_until_ms) +
                           " (the cooldown of its deregistration protection).");
    }
    DeregisterResult result;
    if (delete_snapshots) {
      for (const BlockDevice& device : image.block_devices) {
        if (device.snapshot_id.empty()) continue;
        if (!p.snapshots.contains(device.snapshot_id)) {
          result.deleted_snapshots.emplace_back(device.snapshot_id, "missing-permissions");
          continue;
        }
        // A snapshot another image still uses stays (AWS).
        bool shared = std::any_of(p.images.begin(), p.images.end(), [&](const auto& entry) {
          const Image& other = entry.second;
          return other.image_id != image_id && other.state != states::kDeregistered &&
                 std::any_of(other.block_devices.begin(), other.block_devices.end(),
                             [&](const BlockDevice& d) { return d.snapshot_id == device.snapshot_id; });
        });
        if (shared) {
          result.deleted_snapshots.emplace_back(device.snapshot_id, "skipped");
          continue;
        }
        tx.Erase<Snapshot>(device.snapshot_id);
        result.deleted_snapshots.emplace_back(device.snapshot_id, "success");
      }
    }
    image.state = states::kDeregistered;
    image.state_since_ms = now;
    image.is_public = false;
    image.launch_permissions.clear();
    tx.Put(std::move(image));
    return result;
  });
}

}  // namespace localec2::model
