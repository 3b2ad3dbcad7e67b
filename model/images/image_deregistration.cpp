// DeregisterImage: the image becomes a tombstone; its snapshots stay unless asked, and then only those no
// other image uses go.
#include <algorithm>

#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/images/image_access.hpp"
#include "model/images/images.hpp"

namespace localec2::model {
namespace {

// Why the owner cannot deregister `image` now, if it cannot: its protection, or the protection's cooldown.
Status CheckUnprotected(const Image& image, std::int64_t now) {
  if (image.protection != states::kDisabled) {
    return MakeError(codes::kOperationNotPermitted, "The image " + image.image_id +
                                                        " has deregistration protection enabled and can't be "
                                                        "deregistered.");
  }
  if (image.protection_until_ms > now) {
    return MakeError(codes::kOperationNotPermitted, "The image " + image.image_id +
                                                        " is protected from deregistration until " +
                                                        IsoTime(image.protection_until_ms) +
                                                        " (the cooldown of its deregistration protection).");
  }
  return Ok{};
}

// Erases the snapshots of `image` that the caller owns and no other image uses; returns what became of
// each snapshot it maps.
DeregisterResult DeleteSnapshotsOf(Tx& tx, const Image& image) {
  const Partition& p = tx.partition();
  DeregisterResult result;
  for (const BlockDevice& device : image.block_devices) {
    if (device.snapshot_id.empty()) continue;
    if (!p.snapshots.contains(device.snapshot_id)) {
      result.deleted_snapshots.emplace_back(device.snapshot_id, "missing-permissions");
      continue;
    }
    // A snapshot another image still uses stays (AWS).
    bool shared = std::any_of(p.images.begin(), p.images.end(), [&](const auto& entry) {
      const Image& other = entry.second;
      return other.image_id != image.image_id && other.state != states::kDeregistered &&
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
  return result;
}

}  // namespace

Result<DeregisterResult> DeregisterImage(Ec2& ec2, const Caller& caller, const std::string& image_id,
                                         bool delete_snapshots) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<DeregisterResult> {
    auto own = OwnImage(tx, image_id);
    if (!own) return std::move(own).error();
    Image image = std::move(*own);
    if (auto unprotected = CheckUnprotected(image, tx.now()); !unprotected)
      return std::move(unprotected).error();
    DeregisterResult result = delete_snapshots ? DeleteSnapshotsOf(tx, image) : DeregisterResult{};
    image.state = states::kDeregistered;
    image.state_since_ms = tx.now();
    image.is_public = false;
    image.launch_permissions.clear();
    tx.Put(std::move(image));
    return result;
  });
}

}  // namespace localec2::model
