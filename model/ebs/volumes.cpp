// EBS volumes: created empty or from a snapshot in one zone, attached to an instance of that zone,
// grown with ModifyVolume. A volume's attachment is recorded on both sides: Volume::instance_id here,
// Instance::volumes (the block device mapping) on the instance.
#include <algorithm>
#include <regex>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"

namespace localec2::model {
namespace {

constexpr std::int64_t kModificationCooldownMs = 6LL * 60 * 60 * 1000;

template <std::string Volume::*Member>
void Text(const Volume& v, std::string_view, std::vector<std::string>& out) {
  if (!(v.*Member).empty()) out.push_back(v.*Member);
}

// Filters see settled volumes.
constexpr FilterField<Volume> kVolumeFilters[] = {
    {"volume-id", &Text<&Volume::volume_id>},
    {"availability-zone", &Text<&Volume::availability_zone>},
    {"snapshot-id", &Text<&Volume::snapshot_id>},
    {"volume-type", &Text<&Volume::volume_type>},
    {"status", &Text<&Volume::state>},
    {"size", [](const Volume& v, std::string_view, auto& out) { out.push_back(std::to_string(v.size_gib)); }},
    {"encrypted", [](const Volume& v, std::string_view, auto& out) { out.push_back(BoolText(v.encrypted)); }},
    {"create-time",
     [](const Volume& v, std::string_view, auto& out) { out.push_back(IsoTime(v.create_time_ms)); }},
    {"multi-attach-enabled", [](const Volume&, std::string_view, auto& out) { out.push_back("false"); }},
    {"attachment.instance-id", &Text<&Volume::instance_id>},
    {"attachment.device", &Text<&Volume::device_name>},
    {"attachment.status", &Text<&Volume::attach_state>},
    {"attachment.attach-time",
     [](const Volume& v, std::string_view, auto& out) {
       if (!v.instance_id.empty()) out.push_back(IsoTime(v.attach_since_ms));
     }},
    {"attachment.delete-on-termination",
     [](const Volume& v, std::string_view, auto& out) {
       if (!v.instance_id.empty()) out.push_back(BoolText(v.delete_on_termination));
     }},
    LOCALEC2_TAG_FILTERS(Volume),
};

struct ModificationSubject {
  const Volume& volume;
  const VolumeModification& modification;
};

constexpr FilterField<ModificationSubject> kModificationFilters[] = {
    {"volume-id",
     [](const ModificationSubject& s, std::string_view, auto& out) { out.push_back(s.volume.volume_id); }},
    {"modification-state",
     [](const ModificationSubject& s, std::string_view, auto& out) { out.push_back(s.modification.state); }},
    {"target-size", [](const ModificationSubject& s, std::string_view,
                       auto& out) { out.push_back(std::to_string(s.modification.target_size_gib)); }},
    {"target-volume-type", [](const ModificationSubject& s, std::string_view,
                              auto& out) { out.push_back(s.modification.target_type); }},
    {"original-size", [](const ModificationSubject& s, std::string_view,
                         auto& out) { out.push_back(std::to_string(s.modification.original_size_gib)); }},
    {"original-volume-type", [](const ModificationSubject& s, std::string_view,
                                auto& out) { out.push_back(s.modification.original_type); }},
    {"start-time", [](const ModificationSubject& s, std::string_view,
                      auto& out) { out.push_back(IsoTime(s.modification.start_time_ms)); }},
};

bool IsDeviceName(const std::string& device) {
  static const std::regex kDevice(R"((/dev/(sd|xvd|hd)|xvd)[a-z]{1,2}[0-9]{0,2})");
  return std::regex_match(device, kDevice);
}

VolumeAttachment AttachmentOf(const Volume& volume, std::string state) {
  return {volume.volume_id, volume.instance_id,     volume.device_name,
          std::move(state), volume.attach_since_ms, volume.delete_on_termination};
}

Result<std::vector<const Volume*>> FindVolumes(const Partition& p, const std::vector<std::string>& ids) {
  std::vector<const Volume*> found;
  for (const std::string& id : ids) {
    if (!IsWellFormedId("vol", id)) return MalformedId(codes::kVolumeIdMalformed, id, "vol");
    auto it = p.volumes.find(id);
    if (it == p.volumes.end()) return ResourceTraits<Volume>::NotFound(id);
    found.push_back(&it->second);
  }
  return found;
}

}  // namespace

Result<Volume> Ec2::CreateVolume(const Caller& caller, const CreateVolumeRequest& request) {
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
    return dependency.error();
  if (request.multi_attach) {
    return MakeError(
        codes::kInvalidParameterCombination,
        "Multi-Attach is only supported for io1 and io2 volumes, and is not emulated by localec2.");
  }
  auto tags = TagsFor(request.tag_specifications, "volume", {"volume"});
  if (!tags) return std::move(tags).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  Volume volume;
  if (!request.snapshot_id.empty()) {
    if (!IsWellFormedId("snap", request.snapshot_id)) {
      return MalformedId(codes::kSnapshotIdMalformed, request.snapshot_id, "snap");
    }
    const Snapshot* snapshot = VisibleSnapshot(caller, caller.region, request.snapshot_id);
    if (snapshot == nullptr) return ResourceTraits<Snapshot>::NotFound(request.snapshot_id);
    if (request.size && *request.size < snapshot->volume_size_gib) {
      return MakeError(codes::kInvalidParameterValue,
                       "Volume of " + std::to_string(*request.size) + "GiB is smaller than snapshot '" +
                           snapshot->snapshot_id +
                           "', expect size >= " + std::to_string(snapshot->volume_size_gib) + "GiB");
    }
    volume.snapshot_id = snapshot->snapshot_id;
    volume.size_gib = snapshot->volume_size_gib;
    volume.encrypted = snapshot->encrypted;
    volume.kms_key_id = snapshot->kms_key_id;
  }
  if (request.size) volume.size_gib = *request.size;
  auto shape = ResolveVolumeShape(request.volume_type.empty() ? "gp2" : request.volume_type, volume.size_gib,
                                  request.iops, request.throughput);
  if (!shape) return std::move(shape).error();
  if (request.encrypted && !volume.encrypted) {
    volume.encrypted = true;
    volume.kms_key_id = KmsKeyArn(p.scope, request.kms_key_id);
  }
  volume.volume_id = ids_.NewId("vol");
  volume.availability_zone = request.availability_zone;
  volume.volume_type = shape->type;
  volume.iops = shape->iops;
  volume.throughput = shape->throughput;
  volume.create_time_ms = clock_.NowMs();
  volume.state = "creating";
  volume.tags = *tags;
  ChangeSet change;
  change.puts.push_back({p.scope, volume});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return volume;
}

Result<VolumeAttachment> Ec2::AttachVolume(const Caller& caller, const std::string& volume_id,
                                           const std::string& instance_id, const std::string& device) {
  if (!IsDeviceName(device)) {
    return MakeError(codes::kInvalidParameterValue, "Value (" + device +
                                                        ") for parameter device is invalid. " + device +
                                                        " is not a valid EBS device name.");
  }
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto volumes = FindVolumes(p, {volume_id});
  if (!volumes) return std::move(volumes).error();
  auto instances = FindInstances(p, {instance_id});
  if (!instances) return std::move(instances).error();
  const std::int64_t now = clock_.NowMs();
  Volume volume = Settled(*(*volumes)[0], now, timing_);
  Instance instance = *(*instances)[0];
  if (!volume.instance_id.empty()) {
    return MakeError(codes::kVolumeInUse, volume_id + " is already attached to an instance");
  }
  if (volume.state != "available") {
    return MakeError(codes::kIncorrectState, "The volume '" + volume_id + "' is not 'available'.");
  }
  if (volume.availability_zone != instance.availability_zone) {
    return MakeError(codes::kVolumeZoneMismatch, "The volume '" + volume_id +
                                                     "' is not in the same availability zone as instance '" +
                                                     instance_id + "'");
  }
  std::string_view state = CurrentState(instance, now, timing_);
  if (state != "running" && state != "stopped") {
    return MakeError(codes::kIncorrectInstanceState,
                     "Instance '" + instance_id + "' is not 'running' or 'stopped'.");
  }
  bool taken = std::any_of(instance.volumes.begin(), instance.volumes.end(),
                           [&](const InstanceVolume& v) { return v.device_name == device; });
  if (taken) {
    return MakeError(codes::kInvalidParameterValue, "Attachment point " + device + " is already in use");
  }
  volume = *(*volumes)[0];  // the stored record, with only the attachment changed
  volume.state = "in-use";
  volume.instance_id = instance_id;
  volume.device_name = device;
  volume.attach_state = "attaching";
  volume.attach_since_ms = now;
  volume.delete_on_termination = false;
  instance.volumes.push_back(
      {device, volume_id, volume.snapshot_id, volume.volume_type, volume.size_gib, false, now});
  ChangeSet change;
  change.puts.push_back({p.scope, volume});
  change.puts.push_back({p.scope, std::move(instance)});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return AttachmentOf(volume, "attaching");
}

Result<VolumeAttachment> Ec2::DetachVolume(const Caller& caller, const std::string& volume_id,
                                           const std::string& instance_id, const std::string& device) {
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto volumes = FindVolumes(p, {volume_id});
  if (!volumes) return std::move(volumes).error();
  const std::int64_t now = clock_.NowMs();
  Volume settled = Settled(*(*volumes)[0], now, timing_);
  if (settled.instance_id.empty() || settled.attach_state == "detaching") {
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
  auto it = p.instances.find(settled.instance_id);
  ChangeSet change;
  if (it != p.instances.end()) {
    Instance instance = it->second;
    std::string_view state = CurrentState(instance, now, timing_);
    if (settled.device_name == instance.root_device_name && state != "stopped") {
      return MakeError(codes::kIncorrectState, "Unable to detach root volume '" + volume_id +
                                                   "' from instance '" + instance.instance_id + "'");
    }
    std::erase_if(instance.volumes, [&](const InstanceVolume& v) { return v.volume_id == volume_id; });
    change.puts.push_back({p.scope, std::move(instance)});
  }
  Volume volume = *(*volumes)[0];
  volume.attach_state = "detaching";
  volume.attach_since_ms = now;
  // Once detached the volume is available; until then Settled() shows it detaching and in use.
  VolumeAttachment answer = AttachmentOf(volume, "detaching");
  change.puts.push_back({p.scope, std::move(volume)});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return answer;
}

Status Ec2::DeleteVolume(const Caller& caller, const std::string& volume_id) {
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto volumes = FindVolumes(p, {volume_id});
  if (!volumes) return std::move(volumes).error();
  Volume volume = Settled(*(*volumes)[0], clock_.NowMs(), timing_);
  if (!volume.instance_id.empty()) {
    return MakeError(codes::kVolumeInUse,
                     "Volume " + volume_id + " is currently attached to " + volume.instance_id);
  }
  ChangeSet change;
  change.deletes.push_back({p.scope, "volume", volume_id});
  return CommitAndApply(std::move(change));
}

Result<Page<Volume>> Ec2::DescribeVolumes(const Caller& caller, const DescribeVolumesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 500}); !page) return std::move(page).error();
  if (request.page.max_results && !request.volume_ids.empty()) return IdsWithMaxResults("volumeIds");
  auto filters = CompiledFilters<Volume>::Compile(request.filters, kVolumeFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  const Partition& p = PartitionFor(caller);
  auto named = FindVolumes(p, request.volume_ids);
  if (!named) return std::move(named).error();
  const std::int64_t now = clock_.NowMs();
  std::vector<Volume> matching;
  auto consider = [&](const Volume& volume) {
    Volume settled = Settled(volume, now, timing_);
    if (filters->Matches(settled)) matching.push_back(std::move(settled));
  };
  if (request.volume_ids.empty()) {
    for (const auto& [id, volume] : p.volumes) consider(volume);
  } else {
    for (const Volume* volume : *named) consider(*volume);
    std::sort(matching.begin(), matching.end(),
              [](const Volume& a, const Volume& b) { return a.volume_id < b.volume_id; });
    matching.erase(std::unique(matching.begin(), matching.end(),
                               [](const Volume& a, const Volume& b) { return a.volume_id == b.volume_id; }),
                   matching.end());
  }
  Page<Volume> page;
  page.items = TakePage(
      matching, request.page, [](const Volume& v) { return v.volume_id; }, page.next_token);
  return page;
}

Result<VolumeModificationView> Ec2::ModifyVolume(const Caller& caller, const ModifyVolumeRequest& request) {
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto volumes = FindVolumes(p, {request.volume_id});
  if (!volumes) return std::move(volumes).error();
  const std::int64_t now = clock_.NowMs();
  Volume volume = *(*volumes)[0];
  if (!volume.modifications.empty() &&
      now < volume.modifications.back().start_time_ms + kModificationCooldownMs) {
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
  if (shape->size_gib == volume.size_gib && shape->type == volume.volume_type && shape->iops == volume.iops &&
      shape->throughput == volume.throughput) {
    return MakeError(codes::kInvalidParameterValue,
                     "New size, type, IOPS and throughput are the same as the volume's: nothing to modify.");
  }
  VolumeModification modification{
      "modifying",     now,         volume.size_gib, volume.volume_type, volume.iops, volume.throughput,
      shape->size_gib, shape->type, shape->iops,     shape->throughput};
  volume.modifications = {modification};
  volume.size_gib = shape->size_gib;
  volume.volume_type = shape->type;
  volume.iops = shape->iops;
  volume.throughput = shape->throughput;
  ChangeSet change;
  change.puts.push_back({p.scope, std::move(volume)});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return VolumeModificationView{request.volume_id, modification, 0};
}

Result<Page<VolumeModificationView>> Ec2::DescribeVolumesModifications(
    const Caller& caller, const DescribeVolumesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 500}); !page) return std::move(page).error();
  auto filters = CompiledFilters<ModificationSubject>::Compile(request.filters, kModificationFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  const Partition& p = PartitionFor(caller);
  auto named = FindVolumes(p, request.volume_ids);
  if (!named) return std::move(named).error();
  const std::int64_t now = clock_.NowMs();
  std::vector<VolumeModificationView> matching;
  for (const auto& [id, stored] : p.volumes) {
    if (stored.modifications.empty()) continue;
    if (!request.volume_ids.empty() &&
        std::find(request.volume_ids.begin(), request.volume_ids.end(), id) == request.volume_ids.end())
      continue;
    Volume volume = Settled(stored, now, timing_);
    const VolumeModification& modification = volume.modifications.back();
    if (!filters->Matches(ModificationSubject{volume, modification})) continue;
    matching.push_back({id, modification, ModificationProgress(modification.state)});
  }
  Page<VolumeModificationView> page;
  page.items = TakePage(
      matching, request.page, [](const VolumeModificationView& m) { return m.volume_id; }, page.next_token);
  return page;
}

}  // namespace localec2::model
