// RunInstances: instances from an image, placed in a subnet, with one EBS volume per block device.
#include <algorithm>
#include <cstdio>

#include "model/core/tx.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/instances/instance_rules.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

// The address of host number `host` in `cidr` (a.b.c.d/n), or empty when it does not fit.
std::string HostAddress(const std::string& cidr, int host) {
  unsigned parts[4] = {0, 0, 0, 0};
  int bits = 32;
  if (std::sscanf(cidr.c_str(), "%u.%u.%u.%u/%d", &parts[0], &parts[1], &parts[2], &parts[3], &bits) != 5)
    return "";
  std::uint32_t base = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3];
  std::uint64_t size = 1ULL << (32 - bits);
  if (host <= 0 || static_cast<std::uint64_t>(host) >= size - 1) return "";
  std::uint32_t address = base + static_cast<std::uint32_t>(host);
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
}

// The reservation an earlier launch with `client_token` made, as a retry answers it; nullopt when none.
std::optional<Reservation> EarlierLaunch(const View& view, const std::string& client_token) {
  const Partition& p = view.partition();
  for (const auto& [id, instance] : p.instances) {
    if (instance.client_token != client_token) continue;
    Reservation again{instance.reservation_id, instance.owner_id, {}};
    for (const auto& [other_id, other] : p.instances) {
      if (other.reservation_id == instance.reservation_id) again.instances.push_back(ViewOf(view, other));
    }
    return again;
  }
  return std::nullopt;
}

}  // namespace

Result<Reservation> RunInstances(Ec2& ec2, const Caller& caller, const RunInstancesRequest& request) {
  if (request.min_count < 1) {
    return MakeError(codes::kInvalidParameterValue,
                     "The minimum number of instances to launch must be at least 1.");
  }
  if (request.max_count < request.min_count) {
    return MakeError(codes::kInvalidParameterValue,
                     "The maximum number of instances to launch must not be less than the minimum.");
  }
  if (request.max_count > 1000) {
    return MakeError(codes::kInvalidParameterValue, "At most 1000 instances can be launched in one request.");
  }
  if (!IsWellFormedId("ami", request.image_id))
    return MalformedId(codes::kAmiIdMalformed, request.image_id, "ami");
  if (!request.user_data.empty() && !IsBase64(request.user_data)) {
    return MakeError(codes::kInvalidParameterValue, "Invalid BASE64 encoding of user data.");
  }
  if (request.user_data.size() / 4 * 3 > 16384) {
    return MakeError(codes::kInvalidParameterValue, "User data is limited to 16384 bytes");
  }
  if (request.shutdown_behavior != "stop" && request.shutdown_behavior != "terminate") {
    return MakeError(codes::kInvalidParameterValue, "Invalid value '" + request.shutdown_behavior +
                                                        "' for instanceInitiatedShutdownBehavior.");
  }
  auto instance_tags =
      TagsFor(request.tag_specifications, "instance", {"instance", "volume", "network-interface"});
  if (!instance_tags) return std::move(instance_tags).error();
  auto volume_tags =
      TagsFor(request.tag_specifications, "volume", {"instance", "volume", "network-interface"});
  if (!volume_tags) return std::move(volume_tags).error();

  if (!request.client_token.empty()) {
    auto again =
        ec2.Read(caller, [&](const View& view) { return EarlierLaunch(view, request.client_token); });
    if (again) return std::move(*again);
  }

  return ec2.Write(caller, [&](Tx& tx) -> Result<Reservation> {
    const Partition& p = tx.partition();
    const std::int64_t now = tx.now();
    // A launch with the same token may have been recorded since the read.
    if (!request.client_token.empty()) {
      if (auto again = EarlierLaunch(tx, request.client_token)) return std::move(*again);
    }

    auto found_image = LaunchableImage(tx, request.image_id);
    if (!found_image) return std::move(found_image).error();
    const Image* image = *found_image;
    const std::string instance_type = request.instance_type.empty() ? "m1.small" : request.instance_type;
    const std::string architecture = ArchitectureOf(instance_type);
    if (architecture != image->architecture) {
      return MakeError(codes::kInvalidParameterValue,
                       "The architecture '" + architecture +
                           "' of the specified instance type does not match the "
                           "architecture '" +
                           image->architecture +
                           "' of the specified AMI. Specify an instance type "
                           "and an AMI that have matching architectures, and try again.");
    }
    if (!request.key_name.empty()) {
      bool exists = std::any_of(p.key_pairs.begin(), p.key_pairs.end(),
                                [&](const auto& entry) { return entry.second.key_name == request.key_name; });
      if (!exists) {
        return MakeError(codes::kKeyPairNotFound, "The key pair '" + request.key_name + "' does not exist");
      }
    }

    // Placement: the subnet named, else the default subnet of the zone named, else the default subnet
    // with the most free addresses.
    const Subnet* subnet = nullptr;
    if (!request.subnet_id.empty()) {
      if (!IsWellFormedId("subnet", request.subnet_id)) {
        return MalformedId(codes::kSubnetIdMalformed, request.subnet_id, "subnet");
      }
      auto it = p.subnets.find(request.subnet_id);
      if (it == p.subnets.end()) {
        return MakeError(codes::kSubnetIdNotFound,
                         "The subnet ID '" + request.subnet_id + "' does not exist");
      }
      subnet = &it->second;
      if (!request.availability_zone.empty() && request.availability_zone != subnet->availability_zone) {
        return MakeError(
            codes::kInvalidParameterCombination,
            "The specified availability zone does not match the availability zone of the subnet.");
      }
    } else {
      for (const auto& [id, candidate] : p.subnets) {
        if (!candidate.default_for_az) continue;
        if (!request.availability_zone.empty() && candidate.availability_zone != request.availability_zone)
          continue;
        if (subnet == nullptr || candidate.available_ip_address_count > subnet->available_ip_address_count) {
          subnet = &candidate;
        }
      }
      if (subnet == nullptr) {
        return MakeError(codes::kInvalidParameterValue,
                         "Invalid availability zone: [" + request.availability_zone + "]");
      }
    }

    std::vector<std::string> group_ids;
    for (const std::string& id : request.group_ids) {
      if (!IsWellFormedId("sg", id)) return MalformedId(codes::kGroupIdMalformed, id, "sg");
      auto it = p.groups.find(id);
      if (it == p.groups.end() || it->second.vpc_id != subnet->vpc_id)
        return ResourceTraits<SecurityGroup>::NotFound(id);
      group_ids.push_back(id);
    }
    for (const std::string& name : request.group_names) {
      auto it = std::find_if(p.groups.begin(), p.groups.end(), [&](const auto& entry) {
        return entry.second.vpc_id == subnet->vpc_id && entry.second.group_name == name;
      });
      if (it == p.groups.end()) {
        return MakeError(codes::kGroupNotFound,
                         "The security group '" + name + "' does not exist in VPC '" + subnet->vpc_id + "'");
      }
      group_ids.push_back(it->first);
    }
    if (group_ids.empty()) {
      for (const auto& [id, group] : p.groups) {
        if (group.vpc_id == subnet->vpc_id && group.group_name == "default") group_ids.push_back(id);
      }
    }

    // Block devices: the image's EBS mappings, then what the launch adds or overrides.
    std::vector<InstanceVolume> volumes;
    std::vector<bool> encrypted;  // parallel to volumes
    for (const BlockDevice& device : image->block_devices) {
      if (!device.ebs) continue;
      volumes.push_back({device.device_name, "", device.snapshot_id, device.volume_type,
                         device.volume_size_gib, device.delete_on_termination, now});
      encrypted.push_back(device.encrypted);
    }
    for (const BlockDeviceMappingRequest& bdm : request.block_device_mappings) {
      auto existing = std::find_if(volumes.begin(), volumes.end(),
                                   [&](const InstanceVolume& v) { return v.device_name == bdm.device_name; });
      const bool is_root = bdm.device_name == image->root_device_name;
      if (bdm.no_device) {
        if (is_root) {
          return MakeError(codes::kInvalidBlockDeviceMapping,
                           "The root device " + bdm.device_name + " cannot be removed.");
        }
        if (existing != volumes.end()) {
          encrypted.erase(encrypted.begin() + (existing - volumes.begin()));
          volumes.erase(existing);
        }
        continue;
      }
      if (!bdm.has_ebs) continue;  // ephemeral (instance store) mappings carry no EBS volume
      InstanceVolume volume = existing != volumes.end()
                                  ? *existing
                                  : InstanceVolume{bdm.device_name, "", "", "gp3", 0, true, now};
      bool volume_encrypted = existing != volumes.end() && encrypted[existing - volumes.begin()];
      if (!bdm.snapshot_id.empty()) {
        if (!IsWellFormedId("snap", bdm.snapshot_id)) {
          return MalformedId(codes::kSnapshotIdMalformed, bdm.snapshot_id, "snap");
        }
        const Snapshot* snapshot = VisibleSnapshot(tx, caller.region, bdm.snapshot_id);
        if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(bdm.snapshot_id);
        volume.snapshot_id = snapshot->snapshot_id;
        volume.size_gib = std::max(volume.size_gib, snapshot->volume_size_gib);
        volume_encrypted = volume_encrypted || snapshot->encrypted;
      }
      if (bdm.encrypted && *bdm.encrypted) volume_encrypted = true;
      if (!bdm.volume_type.empty()) volume.volume_type = bdm.volume_type;
      if (bdm.delete_on_termination) volume.delete_on_termination = *bdm.delete_on_termination;
      if (bdm.volume_size) {
        if (*bdm.volume_size < 1 || *bdm.volume_size > 16384) {
          return MakeError(
              codes::kInvalidBlockDeviceMapping,
              "Volume size " + std::to_string(*bdm.volume_size) + " is out of range (1 to 16384 GiB).");
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
            "The request must contain the parameter size or snapshotId for device " + bdm.device_name);
      }
      if (existing != volumes.end()) {
        encrypted[existing - volumes.begin()] = volume_encrypted;
        *existing = volume;
      } else {
        volume.delete_on_termination = bdm.delete_on_termination.value_or(true);
        volumes.push_back(volume);
        encrypted.push_back(volume_encrypted);
      }
    }
    std::vector<VolumeShape> shapes;
    for (const InstanceVolume& volume : volumes) {
      auto shape = ResolveVolumeShape(volume.volume_type, volume.size_gib, std::nullopt, std::nullopt);
      if (!shape && volume.volume_type != "io1" && volume.volume_type != "io2") {
        return MakeError(codes::kInvalidBlockDeviceMapping, shape.error().message);
      }
      shapes.push_back(shape ? *shape : VolumeShape{volume.volume_type, volume.size_gib, 3000, 0});
    }

    ResolvedProfile profile;
    if (!request.iam_profile_arn.empty() || !request.iam_profile_name.empty()) {
      auto resolved = ResolveProfile(caller.account_id, {request.iam_profile_arn, request.iam_profile_name});
      if (!resolved) return std::move(resolved).error();
      profile = std::move(*resolved);
    }

    Subnet updated_subnet = *subnet;
    long long launchable = std::min<long long>(request.max_count, updated_subnet.available_ip_address_count);
    if (launchable < request.min_count) {
      return MakeError(codes::kInsufficientFreeAddresses, "There are not enough free addresses in subnet '" +
                                                              subnet->subnet_id +
                                                              "' to satisfy the "
                                                              "requested number of instances.");
    }

    Reservation reservation{tx.NewId("r"), caller.account_id, {}};
    for (long long i = 0; i < launchable; ++i) {
      Instance instance;
      instance.instance_id = tx.NewId("i");
      instance.reservation_id = reservation.reservation_id;
      instance.owner_id = caller.account_id;
      instance.image_id = image->image_id;
      instance.instance_type = instance_type;
      instance.key_name = request.key_name;
      instance.group_ids = group_ids;
      instance.subnet_id = updated_subnet.subnet_id;
      instance.vpc_id = updated_subnet.vpc_id;
      instance.availability_zone = updated_subnet.availability_zone;
      instance.private_ip = HostAddress(updated_subnet.cidr_block, updated_subnet.next_host++);
      --updated_subnet.available_ip_address_count;
      instance.user_data = request.user_data;
      instance.iam_profile_arn = profile.arn;
      instance.iam_profile_id = profile.id;
      if (!profile.arn.empty()) instance.iam_association_id = tx.NewId("iip-assoc");
      instance.architecture = image->architecture;
      instance.platform = image->platform;
      instance.platform_details = image->platform_details;
      instance.root_device_type = image->root_device_type;
      instance.root_device_name = image->root_device_name;
      instance.boot_mode = image->boot_mode;
      instance.volumes = volumes;
      for (size_t v = 0; v < instance.volumes.size(); ++v) {
        InstanceVolume& attached = instance.volumes[v];
        attached.volume_id = tx.NewId("vol");
        Volume volume;
        volume.volume_id = attached.volume_id;
        volume.availability_zone = updated_subnet.availability_zone;
        volume.snapshot_id = attached.snapshot_id;
        volume.volume_type = shapes[v].type;
        volume.size_gib = attached.size_gib;
        volume.iops = shapes[v].iops;
        volume.throughput = shapes[v].throughput;
        volume.encrypted = encrypted[v];
        if (volume.encrypted) volume.kms_key_id = KmsKeyArn(p.scope, "");
        volume.create_time_ms = now;
        volume.state = states::kInUse;
        volume.instance_id = instance.instance_id;
        volume.device_name = attached.device_name;
        volume.attach_state = states::kAttached;
        volume.attach_since_ms = now;
        volume.delete_on_termination = attached.delete_on_termination;
        volume.tags = *volume_tags;
        tx.Put(std::move(volume));
      }
      instance.ebs_optimized = request.ebs_optimized;
      instance.monitoring = request.monitoring;
      instance.disable_api_termination = request.disable_api_termination;
      instance.disable_api_stop = request.disable_api_stop;
      instance.shutdown_behavior = request.shutdown_behavior;
      if (!request.http_tokens.empty()) instance.http_tokens = request.http_tokens;
      if (!request.http_endpoint.empty()) instance.http_endpoint = request.http_endpoint;
      if (request.http_put_response_hop_limit)
        instance.http_put_response_hop_limit = *request.http_put_response_hop_limit;
      instance.client_token = request.client_token;
      instance.ami_launch_index = static_cast<int>(i);
      instance.launch_time_ms = now;
      instance.state = states::kPending;
      instance.state_since_ms = now;
      instance.tags = *instance_tags;
      reservation.instances.push_back(ViewOf(tx, instance));
      tx.Put(std::move(instance));
    }
    tx.Put(std::move(updated_subnet));
    if (image->owner_id == caller.account_id) {
      Image launched = *image;  // lastLaunchedTime is kept for the owner's images
      launched.last_launched_ms = now;
      tx.Put(std::move(launched));
    }
    // The launch answers with the state it started in, whatever the clock says by now.
    for (InstanceView& view : reservation.instances) view.instance.state = states::kPending;
    return reservation;
  });
}

}  // namespace localec2::model
