// The ebs family: snapshots and volumes. Each call runs in the Ec2 engine (core/tx.hpp) for the caller's
// account and region; a mutating call changes nothing when it answers an error. Snapshots and volumes
// settle with the clock (ebs_lifecycle.hpp): Describe* shows their current state.
#pragma once

#include <cstdint>
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

// Adds and removes account ids (and "all", the public group) of a launch or create-volume permission.
struct PermissionEdit {
  std::vector<std::string> add_users;
  std::vector<std::string> remove_users;
  bool add_all = false;
  bool remove_all = false;
};

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

// ---- Volumes (volumes.cpp, volume_queries.cpp) ----
// Created empty or from a snapshot in one zone, attached to an instance of that zone, grown with
// ModifyVolume. An attachment is recorded on both sides: Volume::instance_id and Instance::volumes.

struct CreateVolumeRequest {
  std::string availability_zone;
  std::optional<int> size;
  std::string snapshot_id;
  std::string volume_type;  // empty: gp2, AWS's default for CreateVolume
  std::optional<int> iops;
  std::optional<int> throughput;
  bool encrypted = false;
  std::string kms_key_id;
  bool multi_attach = false;
  std::vector<TagSpecification> tag_specifications;
  std::optional<std::string> outpost_arn;  // given at all: UnsupportedOperation (Outposts are not emulated)
};
struct VolumeAttachment {
  std::string volume_id;
  std::string instance_id;
  std::string device;
  std::string state;  // attaching | attached | detaching | detached
  std::int64_t attach_time_ms = 0;
  bool delete_on_termination = false;
};
struct DescribeVolumesRequest {
  std::vector<std::string> volume_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct ModifyVolumeRequest {
  std::string volume_id;
  std::optional<int> size;
  std::optional<std::string> volume_type;
  std::optional<int> iops;
  std::optional<int> throughput;
};
struct VolumeModificationView {
  std::string volume_id;
  VolumeModification modification;  // `state` is the current one
  int progress = 0;
};

// Records a new volume (creating, then available) and returns it. Errors: UnsupportedOperation (an
// Outpost), MissingParameter (no zone), InvalidZone.NotFound,
// MissingParameter (neither size nor snapshot; iops of io1/io2), InvalidParameterDependency,
// InvalidParameterCombination (Multi-Attach; iops or throughput the type does not take),
// InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound, InvalidParameterValue (size, type, iops,
// throughput), tag errors.
Result<Volume> CreateVolume(Ec2& ec2, const Caller& caller, const CreateVolumeRequest& request);
// Attaches an available volume to an instance of its zone at `device` (attaching, then attached), on both
// records. Errors: InvalidParameterValue (device name, or one in use), InvalidVolumeID.Malformed,
// InvalidVolume.NotFound, InvalidInstanceID.*, VolumeInUse, IncorrectState, InvalidVolume.ZoneMismatch,
// IncorrectInstanceState (neither running nor stopped).
Result<VolumeAttachment> AttachVolume(Ec2& ec2, const Caller& caller, const std::string& volume_id,
                                      const std::string& instance_id, const std::string& device);
// Starts detaching the volume (detaching, then available) and removes it from the instance's mappings.
// `instance_id` and `device`, when given, must name the attachment. Errors: InvalidVolumeID.Malformed,
// InvalidVolume.NotFound, IncorrectState (not attached; the root volume of an instance not stopped),
// InvalidAttachment.NotFound.
Result<VolumeAttachment> DetachVolume(Ec2& ec2, const Caller& caller, const std::string& volume_id,
                                      const std::string& instance_id, const std::string& device);
// Erases a detached volume. Errors: InvalidVolumeID.Malformed, InvalidVolume.NotFound, VolumeInUse.
Status DeleteVolume(Ec2& ec2, const Caller& caller, const std::string& volume_id);
// The caller's volumes named (all when none), settled, filtered, paginated. Errors:
// InvalidVolumeID.Malformed, InvalidVolume.NotFound, unknown filter, pagination errors (ids with MaxResults
// among them).
Result<Page<Volume>> DescribeVolumes(Ec2& ec2, const Caller& caller, const DescribeVolumesRequest& request);
// How DescribeVolumeStatus shows a volume. Emulated volumes are always healthy: the io-enabled check
// passes, I/O performance is not measured, and there are no events or actions.
struct VolumeStatus {
  std::string volume_id;
  std::string availability_zone;
  std::string status;          // ok
  std::string io_enabled;      // passed
  std::string io_performance;  // not-applicable
};
// The status of the caller's volumes that DescribeVolumes would list for `request`, less those failing its
// volume-status.* filters (status, details-status), paginated. Errors: as DescribeVolumes.
Result<Page<VolumeStatus>> DescribeVolumeStatus(Ec2& ec2, const Caller& caller,
                                                const DescribeVolumesRequest& request);
// Grows or retypes a volume at once, recording the modification (modifying, optimizing, completed) and
// returning it. Errors: InvalidVolumeID.Malformed, InvalidVolume.NotFound, VolumeModificationRateExceeded
// (within 6 hours of the last one), InvalidParameterValue (shrinking, nothing to change, limits),
// InvalidParameterCombination, MissingParameter.
Result<VolumeModificationView> ModifyVolume(Ec2& ec2, const Caller& caller,
                                            const ModifyVolumeRequest& request);
// The latest modification of each of the caller's volumes named (all when none), filtered, paginated.
// Errors: InvalidVolumeID.Malformed, InvalidVolume.NotFound, unknown filter, pagination errors.
Result<Page<VolumeModificationView>> DescribeVolumesModifications(Ec2& ec2, const Caller& caller,
                                                                  const DescribeVolumesRequest& request);

}  // namespace localec2::model
