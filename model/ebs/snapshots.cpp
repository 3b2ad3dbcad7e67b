// Snapshots: point-in-time copies of volumes, in the owner's account until deleted, shared through
// createVolumePermission, copied across regions.
#include <algorithm>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

template <std::string Snapshot::*Member>
void Text(const Snapshot& s, std::string_view, std::vector<std::string>& out) {
  if (!(s.*Member).empty()) out.push_back(s.*Member);
}

// Filters see settled snapshots (Describe settles before filtering).
constexpr FilterField<Snapshot> kSnapshotFilters[] = {
    {"snapshot-id", &Text<&Snapshot::snapshot_id>},
    {"volume-id", &Text<&Snapshot::volume_id>},
    {"owner-id", &Text<&Snapshot::owner_id>},
    {"description", &Text<&Snapshot::description>},
    {"kms-key-id", &Text<&Snapshot::kms_key_id>},
    {"status", &Text<&Snapshot::state>},
    {"progress", [](const Snapshot& s, std::string_view,
                    auto& out) { out.push_back(s.state == states::kCompleted ? "100%" : "0%"); }},
    {"encrypted",
     [](const Snapshot& s, std::string_view, auto& out) { out.push_back(BoolText(s.encrypted)); }},
    {"volume-size", [](const Snapshot& s, std::string_view,
                       auto& out) { out.push_back(std::to_string(s.volume_size_gib)); }},
    {"start-time",
     [](const Snapshot& s, std::string_view, auto& out) { out.push_back(IsoTime(s.start_time_ms)); }},
    {"storage-tier", [](const Snapshot&, std::string_view, auto& out) { out.push_back("standard"); }},
    LOCALEC2_TAG_FILTERS(Snapshot),
};

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Status ValidateAccounts(const std::vector<std::string>& values,
                        std::initializer_list<std::string_view> words) {
  for (const std::string& value : values) {
    if (!IsAccountId(value) && std::find(words.begin(), words.end(), value) == words.end())
      return MakeError(codes::kUserIdMalformed, "Invalid user id: \"" + value + "\"");
  }
  return Ok{};
}

// OwnerIds: "self" is the caller; "amazon" owns no snapshots here.
bool OwnedBy(const Snapshot& s, const std::vector<std::string>& owners, const Caller& caller) {
  if (owners.empty()) return true;
  return std::any_of(owners.begin(), owners.end(), [&](const std::string& owner) {
    return s.owner_id == (owner == "self" ? caller.account_id : owner);
  });
}

// RestorableByUserIds: "all" means public; "self" (or an account id) the snapshots that account may use.
bool RestorableBy(const Snapshot& s, const std::vector<std::string>& users, const Caller& caller) {
  if (users.empty()) return true;
  return std::any_of(users.begin(), users.end(), [&](const std::string& user) {
    if (user == "all") return s.is_public;
    const std::string& account = user == "self" ? caller.account_id : user;
    return s.owner_id == account || Contains(s.create_volume_permissions, account);
  });
}

}  // namespace

Result<Snapshot> CreateSnapshot(Ec2& ec2, const Caller& caller, const std::string& volume_id,
                                const std::string& description, const std::vector<TagSpecification>& specs) {
  if (!IsWellFormedId("vol", volume_id)) return MalformedId(codes::kVolumeIdMalformed, volume_id, "vol");
  auto tags = TagsFor(specs, "snapshot", {"snapshot"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<Snapshot> {
    auto found = tx.Find<Volume>(volume_id);
    if (!found) return std::move(found).error();
    const Volume& volume = **found;
    Snapshot snapshot;
    snapshot.snapshot_id = tx.NewId("snap");
    snapshot.volume_id = volume.volume_id;
    snapshot.owner_id = caller.account_id;
    snapshot.description = description;
    snapshot.volume_size_gib = volume.size_gib;
    snapshot.start_time_ms = tx.now();
    snapshot.encrypted = volume.encrypted;
    snapshot.kms_key_id = volume.kms_key_id;
    snapshot.tags = *tags;
    tx.Put(snapshot);
    return snapshot;
  });
}

Result<std::vector<Snapshot>> CreateSnapshots(Ec2& ec2, const Caller& caller,
                                              const CreateSnapshotsRequest& request) {
  auto tags = TagsFor(request.tag_specifications, "snapshot", {"snapshot"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::vector<Snapshot>> {
    auto found = FindInstances(tx, {request.instance_id});
    if (!found) return std::move(found).error();
    const Instance& instance = *(*found)[0];
    std::vector<Snapshot> snapshots;
    for (const InstanceVolume& attached : instance.volumes) {
      if (request.exclude_boot_volume && attached.device_name == instance.root_device_name) continue;
      if (Contains(request.exclude_data_volume_ids, attached.volume_id)) continue;
      const Volume* volume = Lookup<Volume>(tx.partition(), attached.volume_id);
      if (volume == nullptr) continue;
      Snapshot snapshot;
      snapshot.snapshot_id = tx.NewId("snap");
      snapshot.volume_id = volume->volume_id;
      snapshot.owner_id = caller.account_id;
      snapshot.description = request.description;
      snapshot.volume_size_gib = volume->size_gib;
      snapshot.start_time_ms = tx.now();
      snapshot.encrypted = volume->encrypted;
      snapshot.kms_key_id = volume->kms_key_id;
      if (request.copy_tags_from_volume) snapshot.tags = volume->tags;
      auto merged = MergeTags(snapshot.tags, *tags);
      if (!merged) return std::move(merged).error();
      snapshot.tags = std::move(*merged);
      tx.Put(snapshot);
      snapshots.push_back(std::move(snapshot));
    }
    return snapshots;
  });
}

Result<Snapshot> CopySnapshot(Ec2& ec2, const Caller& caller, const CopySnapshotRequest& request) {
  if (FindRegion(request.source_region) == nullptr) {
    return MakeError(codes::kInvalidParameterValue, "Invalid source region: " + request.source_region);
  }
  if (!IsWellFormedId("snap", request.source_snapshot_id)) {
    return MalformedId(codes::kSnapshotIdMalformed, request.source_snapshot_id, "snap");
  }
  if (auto dependency = RequireEncryptedForKey(request.encrypted, request.kms_key_id); !dependency)
    return dependency.error();
  auto tags = TagsFor(request.tag_specifications, "snapshot", {"snapshot"});
  if (!tags) return std::move(tags).error();
  // The source is read in its region; the copy is recorded in the caller's.
  return ec2.Write(caller, [&](Tx& tx) -> Result<Snapshot> {
    const Snapshot* source = VisibleSnapshot(tx, request.source_region, request.source_snapshot_id);
    if (source == nullptr) return ResourceTraits<Snapshot>::NotFound(request.source_snapshot_id);
    if (Settled(*source, tx.now(), tx.timing()).state != states::kCompleted) {
      return MakeError(codes::kIncorrectState, "Snapshot " + source->snapshot_id + " is not yet completed.");
    }
    Snapshot copy;
    copy.snapshot_id = tx.NewId("snap");
    copy.volume_id = "vol-ffffffff";
    copy.owner_id = caller.account_id;
    copy.description = request.description.empty()
                           ? "[Copied " + source->snapshot_id + " from " + request.source_region + "]"
                           : request.description;
    copy.volume_size_gib = source->volume_size_gib;
    copy.start_time_ms = tx.now();
    copy.encrypted = source->encrypted || request.encrypted;
    if (copy.encrypted) copy.kms_key_id = KmsKeyArn(tx.scope(), request.kms_key_id);
    copy.source_snapshot_id = source->snapshot_id;
    copy.tags = *tags;
    tx.Put(copy);
    return copy;
  });
}

Status DeleteSnapshot(Ec2& ec2, const Caller& caller, const std::string& snapshot_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    if (auto found = tx.Find<Snapshot>(snapshot_id); !found) return std::move(found).error();
    for (const auto& [image_id, image] : tx.partition().images) {
      if (image.state == states::kDeregistered) continue;
      for (const BlockDevice& device : image.block_devices) {
        if (device.snapshot_id == snapshot_id) {
          return MakeError(codes::kSnapshotInUse,
                           "The snapshot " + snapshot_id + " is currently in use by " + image_id);
        }
      }
    }
    tx.Erase<Snapshot>(snapshot_id);
    return Ok{};
  });
}

Result<Page<Snapshot>> DescribeSnapshots(Ec2& ec2, const Caller& caller,
                                         const DescribeSnapshotsRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && !request.snapshot_ids.empty()) return IdsWithMaxResults("snapshotIds");
  if (auto owners = ValidateAccounts(request.owner_ids, {"self", "amazon"}); !owners) return owners.error();
  if (auto users = ValidateAccounts(request.restorable_by, {"self", "all"}); !users) return users.error();
  auto filters = CompiledFilters<Snapshot>::Compile(request.filters, kSnapshotFilters);
  if (!filters) return std::move(filters).error();
  for (const std::string& id : request.snapshot_ids) {
    if (!IsWellFormedId("snap", id)) return MalformedId(codes::kSnapshotIdMalformed, id, "snap");
  }
  return ec2.Read(caller, [&](const View& view) -> Result<Page<Snapshot>> {
    for (const std::string& id : request.snapshot_ids) {
      if (VisibleSnapshot(view, view.scope().region, id) == nullptr) {
        return ResourceTraits<Snapshot>::NotFound(id);
      }
    }
    std::vector<Snapshot> matching;
    for (const Partition* p : view.RegionPartitions(view.scope().region)) {
      const bool own = p->scope.account_id == caller.account_id;
      for (const auto& [id, snapshot] : p->snapshots) {
        if (!request.snapshot_ids.empty() && !Contains(request.snapshot_ids, id)) continue;
        if (!SnapshotVisibleTo(snapshot, p->scope.account_id, caller.account_id)) continue;
        if (!OwnedBy(snapshot, request.owner_ids, caller) ||
            !RestorableBy(snapshot, request.restorable_by, caller))
          continue;
        Snapshot settled = Settled(snapshot, view.now(), view.timing());
        if (!own) settled.tags.clear();  // tags are the owner's
        if (filters->Matches(settled)) matching.push_back(std::move(settled));
      }
    }
    return PageById(std::move(matching), request.page, &Snapshot::snapshot_id);
  });
}

Result<Snapshot> DescribeSnapshotAttribute(Ec2& ec2, const Caller& caller, const std::string& snapshot_id) {
  return ec2.Read(caller, [&](const View& view) -> Result<Snapshot> {
    auto found = view.Find<Snapshot>(snapshot_id);
    if (!found) return std::move(found).error();
    return **found;
  });
}

Status ModifySnapshotPermission(Ec2& ec2, const Caller& caller, const std::string& snapshot_id,
                                const std::optional<PermissionEdit>& edit) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<Snapshot>(snapshot_id);
    if (!found) return std::move(found).error();
    Snapshot snapshot = **found;
    if (!edit) {
      snapshot.create_volume_permissions.clear();
      snapshot.is_public = false;
    } else {
      if (edit->add_all && snapshot.encrypted) {
        return MakeError(codes::kInvalidParameterValue, "Encrypted snapshots cannot be made public.");
      }
      if (auto applied = ApplyPermissionEdit(*edit, snapshot.create_volume_permissions, snapshot.is_public);
          !applied)
        return applied;
    }
    tx.Put(std::move(snapshot));
    return Ok{};
  });
}

}  // namespace localec2::model
