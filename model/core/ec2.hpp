// The engine behind every family's calls: one lock, the per account/region partitions, and
// check-commit-apply. A family's call runs as Ec2::Write (a Tx) or Ec2::Read (a View), see tx.hpp: a
// mutating call checks every rule first, commits one ChangeSet through the Store, and only then changes
// memory; any error leaves state untouched. Reads never touch the Store. Thread-safe; calls are
// microseconds, so one lock serves.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/clock.hpp"
#include "model/core/filter.hpp"
#include "model/core/ids.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/store.hpp"
#include "model/core/tagging.hpp"
#include "model/ebs/ebs_requests.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/security/key_material.hpp"

namespace localec2::model {

struct Partition;
struct InstanceView;  // instances/instances.hpp
class View;
class Tx;

class Ec2 {
 public:
  Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys);
  ~Ec2();

  // Loads durable records at start-up (before any call), over the derived defaults.
  void Restore(std::vector<Record> records);
  // Test-suite reset: forgets every resource (of one account, when given).
  Status Reset(const std::optional<std::string>& account_id);
  // Replaces the public image catalog (at start-up, before any call).
  void SetCatalog(std::vector<CatalogEntry> entries);
  void SetLifecycleTiming(const LifecycleTiming& timing);
  const Clock& clock() const { return clock_; }
  // Thread-safe: slow key generation (RSA) runs outside the lock, before the call's Write.
  KeySource& keys() { return keys_; }

  // Runs `work(tx)` (returning a Result) under the lock for `caller`'s partition, then commits what the
  // Tx put and erased as one ChangeSet and applies it. An error from `work` or the Store changes nothing.
  template <class Work>
  auto Write(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, Tx&>;
  // Runs `work(view)` under the lock for `caller`'s partition and returns what it returns.
  template <class Work>
  auto Read(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, const View&>;

  // ---- Images (images.cpp, image_creation.cpp, image_attributes.cpp) ----
  // Images visible to the caller in its region: the catalog, its own, and those shared with it or
  // public, scoped by Owners / ExecutableUsers, filtered, paginated; `state` is the current state.
  // Errors: InvalidAMIID.Malformed/NotFound for a named image, InvalidUserID.Malformed, unknown filter,
  // pagination errors.
  Result<Page<Image>> DescribeImages(const Caller& caller, const DescribeImagesRequest& request);
  // Snapshots every EBS volume of the instance and registers the image (pending, then available).
  // Errors: InvalidInstanceID.*, IncorrectInstanceState, UnsupportedOperation (instance-store),
  // InvalidAMIName.Malformed/Duplicate, InvalidBlockDeviceMapping, tag errors. Returns the image id.
  Result<std::string> CreateImage(const Caller& caller, const CreateImageRequest& request);
  // An EBS image from snapshots, or an instance-store image from a manifest location.
  // Errors: InvalidAMIName.*, MissingParameter, InvalidSnapshot.NotFound, InvalidBlockDeviceMapping.
  Result<std::string> RegisterImage(const Caller& caller, const RegisterImageRequest& request);
  // Errors: InvalidAMIID.*, OperationNotPermitted (deregistration protection), AuthFailure (an image
  // the caller can see but does not own).
  Result<DeregisterResult> DeregisterImage(const Caller& caller, const std::string& image_id,
                                           bool delete_snapshots);
  // Copies an image of `source_region` into the caller's region, with new snapshots there.
  // Errors: InvalidAMIID.*, InvalidParameterValue (region), InvalidParameterDependency (KmsKeyId
  // without Encrypted), UnsupportedOperation (Outposts), InvalidAMIName.*.
  Result<std::string> CopyImage(const Caller& caller, const CopyImageRequest& request);
  // The image (current view) for DescribeImageAttribute. Errors: InvalidAMIID.*, AuthFailure.
  Result<Image> DescribeImageAttribute(const Caller& caller, const std::string& image_id);
  Status ModifyImageAttribute(const Caller& caller, const ModifyImageAttributeRequest& request);
  Status ResetImageLaunchPermission(const Caller& caller, const std::string& image_id);
  // Errors: InvalidParameterValue for a time in the past.
  Status EnableImageDeprecation(const Caller& caller, const std::string& image_id, std::int64_t at_ms);
  Status DisableImageDeprecation(const Caller& caller, const std::string& image_id);
  // Disabling makes the image private and unlaunchable. Errors: IncorrectState.
  Status SetImageEnabled(const Caller& caller, const std::string& image_id, bool enabled);
  Status SetImageDeregistrationProtection(const Caller& caller, const std::string& image_id, bool enabled,
                                          bool with_cooldown);

  // ---- Snapshots (snapshots.cpp) ----
  // Errors: InvalidVolume.NotFound/Malformed, tag errors.
  Result<Snapshot> CreateSnapshot(const Caller& caller, const std::string& volume_id,
                                  const std::string& description, const std::vector<TagSpecification>& tags);
  // One snapshot per EBS volume of an instance. Errors: InvalidInstanceID.*.
  Result<std::vector<Snapshot>> CreateSnapshots(const Caller& caller, const CreateSnapshotsRequest& request);
  // Errors: InvalidSnapshot.NotFound, InvalidParameterValue (region), InvalidParameterDependency.
  Result<Snapshot> CopySnapshot(const Caller& caller, const CopySnapshotRequest& request);
  // Errors: InvalidSnapshot.NotFound/Malformed, InvalidSnapshot.InUse (an image uses it).
  Status DeleteSnapshot(const Caller& caller, const std::string& snapshot_id);
  Result<Page<Snapshot>> DescribeSnapshots(const Caller& caller, const DescribeSnapshotsRequest& request);
  // The snapshot for DescribeSnapshotAttribute (owner only).
  Result<Snapshot> DescribeSnapshotAttribute(const Caller& caller, const std::string& snapshot_id);
  // createVolumePermission; `edit` empty resets it.
  Status ModifySnapshotPermission(const Caller& caller, const std::string& snapshot_id,
                                  const std::optional<PermissionEdit>& edit);

  // ---- Volumes (volumes.cpp) ----
  // Errors: InvalidZone.NotFound, MissingParameter (neither size nor snapshot), InvalidParameterValue
  // (size, iops, throughput), InvalidSnapshot.NotFound, InvalidParameterDependency.
  Result<Volume> CreateVolume(const Caller& caller, const CreateVolumeRequest& request);
  // Errors: InvalidVolume.*, InvalidInstanceID.*, VolumeInUse, IncorrectState, InvalidVolume.ZoneMismatch,
  // IncorrectInstanceState, InvalidParameterValue (device name or one in use).
  Result<VolumeAttachment> AttachVolume(const Caller& caller, const std::string& volume_id,
                                        const std::string& instance_id, const std::string& device);
  // Errors: InvalidVolume.*, IncorrectState (not attached; a running instance's root volume),
  // InvalidAttachment.NotFound.
  Result<VolumeAttachment> DetachVolume(const Caller& caller, const std::string& volume_id,
                                        const std::string& instance_id, const std::string& device);
  // Errors: InvalidVolume.*, VolumeInUse.
  Status DeleteVolume(const Caller& caller, const std::string& volume_id);
  Result<Page<Volume>> DescribeVolumes(const Caller& caller, const DescribeVolumesRequest& request);
  // Grows or retypes a volume. Errors: InvalidVolume.*, InvalidParameterValue (shrinking, limits),
  // VolumeModificationRateExceeded (within 6 hours of the last one).
  Result<VolumeModificationView> ModifyVolume(const Caller& caller, const ModifyVolumeRequest& request);
  Result<Page<VolumeModificationView>> DescribeVolumesModifications(const Caller& caller,
                                                                    const DescribeVolumesRequest& request);

 private:
  friend class View;
  friend class Tx;
  Partition& PartitionFor(const Caller& caller);
  // A View for the members not yet moved to their family's free functions (lock held).
  View ViewFor(const Caller& caller);
  Status CommitAndApply(ChangeSet change);
  InstanceView ViewOf(const Partition& p, const Instance& instance);
  // The instances `ids` names, or InvalidInstanceID.Malformed/NotFound.
  Result<std::vector<const Instance*>> FindInstances(const Partition& p, const std::vector<std::string>& ids);
  void Apply(const ChangeSet& change);
  // Lookups across accounts (ebs_access.cpp). An image or snapshot the caller may use in `region`: its
  // own, one shared with it, a public one, or (images) the catalog's. Tombstones are not returned.
  const Image* VisibleImage(const Caller& caller, std::string_view region, const std::string& image_id);
  const Snapshot* VisibleSnapshot(const Caller& caller, std::string_view region, const std::string& id);
  // The image the caller may launch, or InvalidAMIID.Malformed/NotFound/Unavailable.
  Result<const Image*> LaunchableImage(const Caller& caller, const std::string& image_id);
  // The caller's own image for an owner-only call: InvalidAMIID.Malformed/NotFound (not visible),
  // AuthFailure (visible, not owned).
  Result<Image> OwnImage(const Caller& caller, const std::string& image_id);
  // Records `image` (one of the caller's) with `edit` applied.
  template <class Edit>
  Status EditOwnImage(const Caller& caller, const std::string& image_id, Edit edit);

  mutable std::mutex mutex_;
  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  KeySource& keys_;
  LifecycleTiming timing_;
  std::unordered_map<std::string, std::unique_ptr<Partition>> partitions_;  // key: account/region
  ImageCatalog catalog_;
};

}  // namespace localec2::model
