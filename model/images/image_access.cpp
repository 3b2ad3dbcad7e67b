// Who may use which image or snapshot: the owner, the accounts it is shared with, everyone when public,
// and everyone for the catalog. The same lookups answer RunInstances, CopyImage, CreateVolume, …
#include <algorithm>

#include "model/core/ec2_state.hpp"
#include "model/ebs/ebs_lifecycle.hpp"

namespace localec2::model {
std::vector<const Ec2::Partition*> Ec2::RegionPartitions(std::string_view region) const {
  std::vector<const Partition*> out;
  for (const auto& [key, partition] : partitions_) {
    if (partition->scope.region == region) out.push_back(partition.get());
  }
  return out;
}

const Image* Ec2::VisibleImage(const Caller& caller, std::string_view region, const std::string& image_id) {
  if (const Image* image = catalog_.Find(region, image_id)) return image;
  for (const Partition* p : RegionPartitions(region)) {
    auto it = p->images.find(image_id);
    if (it == p->images.end()) continue;
    return ImageVisibleTo(it->second, p->scope.account_id, caller.account_id) ? &it->second : nullptr;
  }
  return nullptr;
}

const Snapshot* Ec2::VisibleSnapshot(const Caller& caller, std::string_view region, const std::string& id) {
  for (const Partition* p : RegionPartitions(region)) {
    auto it = p->snapshots.find(id);
    if (it == p->snapshots.end()) continue;
    return SnapshotVisibleTo(it->second, p->scope.account_id, caller.account_id) ? &it->second : nullptr;
  }
  return nullptr;
}

Result<const Image*> Ec2::LaunchableImage(const Caller& caller, const std::string& image_id) {
  if (!IsWellFormedId("ami", image_id)) return MalformedId(codes::kAmiIdMalformed, image_id, "ami");
  const Image* image = VisibleImage(caller, caller.region, image_id);
  if (image == nullptr) return AmiNotFound(image_id);
  std::string_view state = CurrentImageState(*image, clock_.NowMs(), timing_);
  if (state == "pending") {
    return MakeError(codes::kAmiIdUnavailable, "AMI '" + image_id + "' is pending, and cannot be run");
  }
  if (state != "available") {
    return MakeError(codes::kAmiIdUnavailable, "The image id '[" + image_id + "]' is " + std::string(state) +
                                                   " and cannot be used to launch instances");
  }
  return image;
}

Result<Image> Ec2::OwnImage(const Caller& caller, const std::string& image_id) {
  if (!IsWellFormedId("ami", image_id)) return MalformedId(codes::kAmiIdMalformed, image_id, "ami");
  Partition& p = PartitionFor(caller);
  if (auto it = p.images.find(image_id); it != p.images.end()) {
    const Image& image = it->second;
    if (image.state != "deregistered") return image;
    if (!IsForgotten(image, clock_.NowMs(), timing_)) {
      return MakeError(codes::kAmiIdUnavailable, "The image id '[" + image_id + "]' is no longer available");
    }
    return AmiNotFound(image_id);
  }
  if (VisibleImage(caller, caller.region, image_id) != nullptr) {
    return MakeError(codes::kAuthFailure, "Not authorized for image:" + image_id);
  }
  return AmiNotFound(image_id);
}

}  // namespace localec2::model
