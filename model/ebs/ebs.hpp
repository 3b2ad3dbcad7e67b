// The ebs family: snapshots and volumes. Each call runs in the Ec2 engine (core/tx.hpp) for the caller's
// account and region; a mutating call changes nothing when it answers an error. Snapshots and volumes
// settle with the clock (ebs_lifecycle.hpp): Describe* shows their current state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

// ---- Snapshots (snapshots.cpp) ----
// Point-in-time copies of volumes, in the owner's account until deleted, shared through
// createVolumePermission, copied across regions.

struct CreateSnapshotsRequest {
  std::string instance_id;
  bool exclude_boot_volume = false;
  std::vector<std::string> exclude_data_volume_ids;
  std::string description;
  bool copy_tags_from_volume = false;
  std::vector<TagSpecification> tag_specifications;
};
struct CopySnapshotRequest {
  std::string source_region;
  std::string source_snapshot_id;
  std::string description;
  bool encrypted = false;
  std::string kms_key_id;
  std::vector<TagSpecification> tag_specifications;
};
struct DescribeSnapshotsRequest {
  std::vector<std::string> snapshot_ids;
  std::vector<std::string> owner_ids;      // self | amazon | account id
  std::vector<std::string> restorable_by;  // self | all | account id
  std::vector<Filter> filters;
  PageRequest page;
};

// Records a pending snapshot of the caller's volume and returns it. Errors: InvalidVolumeID.Malformed,
// InvalidVolume.NotFound, tag errors.
Result<Snapshot> CreateSnapshot(Ec2& ec2, const Caller& caller, const std::string& volume_id,
                                const std::string& description, const std::vector<TagSpecification>& tags);
// Records one snapshot per volume attached to the instance (less the excluded ones) and returns them.
// Errors: InvalidInstanceID.*, tag errors.
Result<std::vector<Snapshot>> CreateSnapshots(Ec2& ec2, const Caller& caller,
                                              const CreateSnapshotsRequest& request);
// Records a copy, in the caller's region, of a completed snapshot it can see in the source region, and
// returns it. Errors: InvalidParameterValue (region), InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound,
// IncorrectState (not completed), InvalidParameterDependency (KmsKeyId without Encrypted), tag errors.
Result<Snapshot> CopySnapshot(Ec2& ec2, const Caller& caller, const CopySnapshotRequest& request);
// Erases the caller's snapshot. Errors: InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound,
// InvalidSnapshot.InUse (an image uses it).
Status DeleteSnapshot(Ec2& ec2, const Caller& caller, const std::string& snapshot_id);
// The snapshots visible to the caller in its region (its own, shared with it, public), scoped by
// OwnerIds / RestorableByUserIds, filtered, paginated; another account's tags are not shown.
// Errors: InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound for a named snapshot,
// InvalidUserID.Malformed, unknown filter, pagination errors.
Result<Page<Snapshot>> DescribeSnapshots(Ec2& ec2, const Caller& caller,
                                         const DescribeSnapshotsRequest& request);
// The caller's own snapshot, for DescribeSnapshotAttribute. Errors: InvalidSnapshotID.Malformed,
// InvalidSnapshot.NotFound.
Result<Snapshot> DescribeSnapshotAttribute(Ec2& ec2, const Caller& caller, const std::string& snapshot_id);
// Applies `edit` to the snapshot's createVolumePermission; an empty `edit` resets it (private, shared with
// no one). Errors: InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound, InvalidUserID.Malformed,
// InvalidParameterValue (making an encrypted snapshot public).
Status ModifySnapshotPermission(Ec2& ec2, const Caller& caller, const std::string& snapshot_id,
                                const std::optional<PermissionEdit>& edit);

}  // namespace localec2::model
