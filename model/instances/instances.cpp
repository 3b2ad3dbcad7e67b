// Instances: launch, describe, the lifecycle calls and attributes. See instance_lifecycle.hpp for the
// state machine.
#include "model/instances/instances.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "model/catalogs/instance_types.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"

namespace localec2::model {
namespace {

// ---- Filters ----
// What a filter sees: the stored instance, its current state, and the partition (for group names).
// Cheap to make, so filters run over every instance without copying any.
struct InstanceSubject {
  const Instance& instance;
  std::string_view state;
  const Partition& partition;
};

template <std::string Instance::*Member>
void Text(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  if (!(s.instance.*Member).empty()) out.push_back(s.instance.*Member);
}

void GroupIds(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const std::string& id : s.instance.group_ids) out.push_back(id);
}

void GroupNames(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const std::string& id : s.instance.group_ids) {
    auto it = s.partition.groups.find(id);
    if (it != s.partition.groups.end()) out.push_back(it->second.group_name);
  }
}

std::string PrivateDnsName(const std::string& ip, const std::string& region);

constexpr FilterField<InstanceSubject> kInstanceFilters[] = {
    {"instance-id", &Text<&Instance::instance_id>},
    {"instance-state-name",
     [](const InstanceSubject& s, std::string_view, auto& out) { out.emplace_back(s.state); }},
    {"instance-state-code", [](const InstanceSubject& s, std::string_view,
                               auto& out) { out.push_back(std::to_string(StateCode(s.state))); }},
    {"image-id", &Text<&Instance::image_id>},
    {"instance-type", &Text<&Instance::instance_type>},
    {"key-name", &Text<&Instance::key_name>},
    {"availability-zone", &Text<&Instance::availability_zone>},
    {"vpc-id", &Text<&Instance::vpc_id>},
    {"subnet-id", &Text<&Instance::subnet_id>},
    {"private-ip-address", &Text<&Instance::private_ip>},
    {"private-dns-name",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       out.push_back(PrivateDnsName(s.instance.private_ip, s.partition.scope.region));
     }},
    {"reservation-id", &Text<&Instance::reservation_id>},
    {"owner-id", &Text<&Instance::owner_id>},
    {"architecture", &Text<&Instance::architecture>},
    {"platform", &Text<&Instance::platform>},
    {"root-device-type", &Text<&Instance::root_device_type>},
    {"root-device-name", &Text<&Instance::root_device_name>},
    {"client-token", &Text<&Instance::client_token>},
    {"iam-instance-profile.arn", &Text<&Instance::iam_profile_arn>},
    {"launch-index", [](const InstanceSubject& s, std::string_view,
                        auto& out) { out.push_back(std::to_string(s.instance.ami_launch_index)); }},
    {"instance.group-id", &GroupIds},
    {"instance.group-name", &GroupNames},
    {"group-id", &GroupIds},
    {"group-name", &GroupNames},
    {"block-device-mapping.volume-id",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const InstanceVolume& volume : s.instance.volumes) out.push_back(volume.volume_id);
     }},
    {"tag:",
     [](const InstanceSubject& s, std::string_view key, auto& out) { TagValueOf(s.instance, key, out); },
     true},
    {"tag-key",
     [](const InstanceSubject& s, std::string_view key, auto& out) { TagKeysOf(s.instance, key, out); }},
    {"tag-value",
     [](const InstanceSubject& s, std::string_view key, auto& out) { TagValuesOf(s.instance, key, out); }},
};

// The instances a literal `tag:Key` filter can match, from the partition's tag index, in id order and
// after `after`. False when no filter can use the index (then every instance is a candidate).
bool TagIndexCandidates(const Partition& p, const std::vector<Filter>& filters,
                        const std::optional<std::string>& after, std::vector<const Instance*>& out) {
  for (const Filter& filter : filters) {
    if (!filter.name.starts_with("tag:") || filter.name.size() == 4) continue;
    bool literal = std::none_of(filter.values.begin(), filter.values.end(), [](const std::string& v) {
      return v.find_first_of("*?\\") != std::string::npos;
    });
    if (!literal) continue;
    std::set<std::string> ids;
    auto by_key = p.instance_tags.find(std::string_view(filter.name).substr(4));
    if (by_key != p.instance_tags.end()) {
      for (const std::string& value : filter.values) {
        auto by_value = by_key->second.find(value);
        if (by_value != by_key->second.end()) ids.insert(by_value->second.begin(), by_value->second.end());
      }
    }
    for (auto it = after ? ids.upper_bound(*after) : ids.begin(); it != ids.end(); ++it) {
      out.push_back(&p.instances.at(*it));
    }
    return true;
  }
  return false;
}

// ---- Launch helpers ----
std::string ArchitectureOf(std::string_view instance_type) {
  if (const InstanceTypeInfo* info = FindInstanceType(instance_type)) return std::string(info->architecture);
  // Types outside the catalog (but valid in the EC2 model): Graviton families end in g, gd or gn.
  std::string_view family = instance_type.substr(0, instance_type.find('.'));
  bool graviton = family == "a1" || family.ends_with("g") || family.ends_with("gd") || family.ends_with("gn");
  return graviton ? "arm64" : "x86_64";
}

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

std::string PrivateDnsName(const std::string& ip, const std::string& region) {
  if (ip.empty()) return "";
  std::string name = "ip-" + ip;
  std::replace(name.begin(), name.end(), '.', '-');
  return name + (region == "us-east-1" ? ".ec2.internal" : "." + region + ".compute.internal");
}

bool IsBase64(const std::string& text) {
  if (text.size() % 4 != 0) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' ||
              (c == '=' && i + 2 >= text.size());
    if (!ok) return false;
  }
  return true;
}

Error NotFoundIds(const std::vector<std::string>& missing) {
  if (missing.size() == 1) {
    return MakeError(codes::kInstanceIdNotFound, "The instance ID '" + missing[0] + "' does not exist");
  }
  std::string list;
  for (const std::string& id : missing) list += (list.empty() ? "" : ", ") + id;
  return MakeError(codes::kInstanceIdNotFound, "The instance IDs '" + list + "' do not exist");
}

Error WrongState(const std::string& id, std::string_view verb) {
  return MakeError(
      codes::kIncorrectInstanceState,
      "The instance '" + id + "' is not in a state from which it can be " + std::string(verb) + ".");
}

// On termination, volumes marked DeleteOnTermination are deleted and the others detached (available).
void ReleaseVolumes(Tx& tx, const Instance& instance) {
  const Partition& p = tx.partition();
  for (const InstanceVolume& attached : instance.volumes) {
    auto it = p.volumes.find(attached.volume_id);
    if (it == p.volumes.end()) continue;
    if (attached.delete_on_termination) {
      tx.Erase<Volume>(attached.volume_id);
      continue;
    }
    Volume detached = it->second;
    detached.attach_state = states::kDetaching;
    detached.attach_since_ms = tx.now();
    tx.Put(std::move(detached));
  }
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

void Ec2::SetLifecycleTiming(const LifecycleTiming& timing) {
  std::lock_guard lock(mutex_);
  timing_ = timing;
}

InstanceView ViewOf(const View& view, const Instance& instance) {
  const Partition& p = view.partition();
  InstanceView shown{instance, {}, PrivateDnsName(instance.private_ip, p.scope.region)};
  shown.instance.state = std::string(CurrentState(instance, view.now(), view.timing()));
  for (const std::string& id : instance.group_ids) {
    auto it = p.groups.find(id);
    shown.groups.emplace_back(id, it == p.groups.end() ? "" : it->second.group_name);
  }
  return shown;
}

InstanceView Ec2::ViewOf(const Partition& p, const Instance& instance) {
  return model::ViewOf(ViewFor({p.scope.account_id, p.scope.region}), instance);
}

Result<std::vector<const Instance*>> FindInstances(const View& view, const std::vector<std::string>& ids) {
  const Partition& p = view.partition();
  std::vector<const Instance*> found;
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    if (!IsWellFormedId("i", id)) return MalformedId(codes::kInstanceIdMalformed, id, "i");
    auto it = p.instances.find(id);
    if (it == p.instances.end() || !IsVisible(it->second, view.now(), view.timing())) {
      missing.push_back(id);
    } else {
      found.push_back(&it->second);
    }
  }
  if (!missing.empty()) return NotFoundIds(missing);
  return found;
}

Result<std::vector<const Instance*>> Ec2::FindInstances(const Partition& p,
                                                        const std::vector<std::string>& ids) {
  return model::FindInstances(ViewFor({p.scope.account_id, p.scope.region}), ids);
}

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

Result<Page<Reservation>> DescribeInstances(Ec2& ec2, const Caller& caller,
                                            const DescribeInstancesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && !request.instance_ids.empty()) return IdsWithMaxResults("instanceIds");
  auto filters = CompiledFilters<InstanceSubject>::Compile(request.filters, kInstanceFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<Reservation>> {
    const Partition& p = view.partition();
    auto named = FindInstances(view, request.instance_ids);
    if (!named) return std::move(named).error();
    const std::int64_t now = view.now();
    const LifecycleTiming& timing = view.timing();
    auto passes = [&](const Instance& instance) {
      return IsVisible(instance, now, timing) &&
             filters->Matches(InstanceSubject{instance, CurrentState(instance, now, timing), p});
    };

    // Walk the instances in id order from the page token, copying only those that pass, and stop at the
    // page boundary: cost is the scan, not the size of the answer.
    std::vector<const Instance*> candidates;
    const std::optional<std::string> after =
        request.page.next_token ? DecodePageToken(*request.page.next_token) : std::nullopt;
    if (!request.instance_ids.empty()) {
      std::set<std::string> seen;
      for (const Instance* instance : *named) {
        if (seen.insert(instance->instance_id).second) candidates.push_back(instance);
      }
      std::sort(candidates.begin(), candidates.end(),
                [](const Instance* a, const Instance* b) { return a->instance_id < b->instance_id; });
    } else if (!TagIndexCandidates(p, request.filters, after, candidates)) {
      auto it = after ? p.instances.upper_bound(*after) : p.instances.begin();
      for (; it != p.instances.end(); ++it) candidates.push_back(&it->second);
    }
    Page<Reservation> page;
    const size_t limit = request.page.max_results ? static_cast<size_t>(*request.page.max_results) : SIZE_MAX;
    size_t taken = 0;
    std::string last_id;
    std::unordered_map<std::string, size_t> reservation_index;  // reservation id → position in page.items
    for (const Instance* instance : candidates) {
      if (!passes(*instance)) continue;
      if (taken == limit) {
        page.next_token = EncodePageToken(last_id);
        break;
      }
      ++taken;
      last_id = instance->instance_id;
      auto [slot, added] = reservation_index.emplace(instance->reservation_id, page.items.size());
      if (added) page.items.push_back({instance->reservation_id, instance->owner_id, {}});
      page.items[slot->second].instances.push_back(ViewOf(view, *instance));
    }
    return page;
  });
}

namespace {

// One lifecycle call over the instances `ids` names: `step(instance, current state, now)` answers the
// record to store (nullopt: no change) or an error that refuses the whole call.
template <class Step>
Result<std::vector<StateChange>> ApplyTransitions(Tx& tx, const std::vector<std::string>& ids,
                                                  const Step& step) {
  auto found = FindInstances(tx, ids);
  if (!found) return std::move(found).error();
  std::vector<StateChange> changes;
  for (const Instance* instance : *found) {
    std::string current(CurrentState(*instance, tx.now(), tx.timing()));
    Result<std::optional<Instance>> next = step(*instance, current, tx.now());
    if (!next) return std::move(next).error();
    changes.push_back({instance->instance_id, current, *next ? (*next)->state : current});
    if (*next && (*next)->state == states::kShuttingDown) ReleaseVolumes(tx, *instance);
    if (*next) tx.Put(std::move(**next));
  }
  return changes;
}

// `instance` entering `state` at `now_ms`, by the user's request.
Instance Entering(const Instance& instance, std::string_view state, std::int64_t now_ms) {
  Instance next = instance;
  next.state = state;
  next.state_since_ms = now_ms;
  next.state_transition_reason = UserInitiatedReason(now_ms);
  next.state_reason_code = "Client.UserInitiatedShutdown";
  next.state_reason_message = "Client.UserInitiatedShutdown: User initiated shutdown";
  return next;
}

Result<std::optional<Instance>> Start(const Instance& instance, const std::string& current,
                                      std::int64_t now) {
  if (current == states::kPending || current == states::kRunning) return std::optional<Instance>();
  if (current != states::kStopped) return WrongState(instance.instance_id, "started");
  Instance started = instance;
  started.state = states::kPending;
  started.state_since_ms = now;
  started.state_transition_reason.clear();
  started.state_reason_code.clear();
  started.state_reason_message.clear();
  return std::optional<Instance>(std::move(started));
}

Result<std::optional<Instance>> Stop(const Instance& instance, const std::string& current, std::int64_t now,
                                     bool hibernate) {
  const std::string& id = instance.instance_id;
  if (instance.root_device_type != "ebs") {
    return MakeError(
        codes::kUnsupportedOperation,
        "The instance '" + id + "' does not have an 'ebs' root device type and cannot be stopped.");
  }
  if (hibernate) {
    return MakeError(
        codes::kUnsupportedHibernation,
        "For hibernation, the instance must be enabled for hibernation at launch: '" + id + "'.");
  }
  if (instance.disable_api_stop) {
    return MakeError(codes::kOperationNotPermitted,
                     "The instance '" + id +
                         "' may not be stopped. Modify its 'disableApiStop' instance "
                         "attribute and try again.");
  }
  if (current == states::kStopping || current == states::kStopped) return std::optional<Instance>();
  if (current != states::kRunning) return WrongState(id, "stopped");
  return std::optional<Instance>(Entering(instance, states::kStopping, now));
}

Result<std::optional<Instance>> Terminate(const Instance& instance, const std::string& current,
                                          std::int64_t now) {
  if (instance.disable_api_termination) {
    return MakeError(codes::kOperationNotPermitted,
                     "The instance '" + instance.instance_id +
                         "' may not be terminated. Modify its "
                         "'disableApiTermination' instance attribute and try again.");
  }
  if (current == states::kShuttingDown || current == states::kTerminated) return std::optional<Instance>();
  Instance ending = Entering(instance, states::kShuttingDown, now);
  // A terminated instance keeps no block devices (ApplyTransitions releases the volumes).
  ending.volumes.clear();
  return std::optional<Instance>(std::move(ending));
}

}  // namespace

Result<std::vector<StateChange>> StartInstances(Ec2& ec2, const Caller& caller,
                                                const std::vector<std::string>& ids) {
  return ec2.Write(caller, [&](Tx& tx) { return ApplyTransitions(tx, ids, Start); });
}

Result<std::vector<StateChange>> StopInstances(Ec2& ec2, const Caller& caller,
                                               const std::vector<std::string>& ids, bool hibernate) {
  return ec2.Write(caller, [&](Tx& tx) {
    return ApplyTransitions(tx, ids,
                            [&](const Instance& instance, const std::string& current, std::int64_t now) {
                              return Stop(instance, current, now, hibernate);
                            });
  });
}

Result<std::vector<StateChange>> TerminateInstances(Ec2& ec2, const Caller& caller,
                                                    const std::vector<std::string>& ids) {
  return ec2.Write(caller, [&](Tx& tx) { return ApplyTransitions(tx, ids, Terminate); });
}

Status RebootInstances(Ec2& ec2, const Caller& caller, const std::vector<std::string>& ids) {
  return ec2.Read(caller, [&](const View& view) -> Status {
    auto found = FindInstances(view, ids);
    if (!found) return std::move(found).error();
    for (const Instance* instance : *found) {
      std::string_view current = CurrentState(*instance, view.now(), view.timing());
      if (current != states::kRunning && current != states::kPending)
        return WrongState(instance->instance_id, "rebooted");
    }
    return Ok{};  // a reboot keeps the instance running: nothing to record
  });
}

Result<InstanceView> DescribeInstance(Ec2& ec2, const Caller& caller, const std::string& instance_id) {
  return ec2.Read(caller, [&](const View& view) -> Result<InstanceView> {
    auto found = FindInstances(view, {instance_id});
    if (!found) return std::move(found).error();
    return ViewOf(view, *(*found)[0]);
  });
}

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
