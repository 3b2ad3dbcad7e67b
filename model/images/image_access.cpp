// Who may use which image or snapshot: the owner, the accounts it is shared with, everyone when public,
// and everyone for the catalog. The same lookups answer RunInstances, CopyImage, CreateVolume, …
#include "model/images/image_access.hpp"

#include <algorithm>

#include "model/catalogs/ssm_parameters.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"

namespace localec2::model {

bool ImageVisibleTo(const Image& image, const std::string& owner_account, const std::string& account) {
  if (image.state == states::kDeregistered) return false;
  if (owner_account == account) return true;
  if (image.state == states::kDisabled) return false;
  return image.is_public || std::find(image.launch_permissions.begin(), image.launch_permissions.end(),
                                      account) != image.launch_permissions.end();
}

const Image* VisibleImage(const View& view, std::string_view region, const std::string& image_id) {
  if (const Image* image = view.catalog().Find(region, image_id)) return image;
  for (const Partition* p : view.RegionPartitions(region)) {
    auto it = p->images.find(image_id);
    if (it == p->images.end()) continue;
    return ImageVisibleTo(it->second, p->scope.account_id, view.caller().account_id) ? &it->second : nullptr;
  }
  return nullptr;
}

const Snapshot* VisibleSnapshot(const View& view, std::string_view region, const std::string& id) {
  for (const Partition* p : view.RegionPartitions(region)) {
    auto it = p->snapshots.find(id);
    if (it == p->snapshots.end()) continue;
    return SnapshotVisibleTo(it->second, p->scope.account_id, view.caller().account_id) ? &it->second
                                                                                        : nullptr;
  }
  return nullptr;
}

Result<std::string> ResolveImageId(const View& view, const std::string& image_id) {
  constexpr std::string_view kResolve = "resolve:ssm:";
  if (!image_id.starts_with(kResolve)) return image_id;
  const std::string path = image_id.substr(kResolve.size());
  auto parameter = SsmParameterImage(path);
  const Image* current = nullptr;
  if (parameter) {
    for (const Image& image : view.catalog().ForRegion(view.scope().region)) {
      if (!image.name.starts_with(parameter->name_prefix) || image.architecture != parameter->architecture)
        continue;
      if (current == nullptr || image.creation_date > current->creation_date) current = &image;
    }
  }
  if (current == nullptr) {
    return MakeError(codes::kInvalidParameterValue,
                     "The SSM parameter " + path + " does not exist or does not hold an AMI ID (image id '" +
                         image_id + "').");
  }
  return current->image_id;
}

Result<const Image*> LaunchableImage(const View& view, const std::string& requested) {
  auto resolved = ResolveImageId(view, requested);
  if (!resolved) return std::move(resolved).error();
  const std::string& image_id = *resolved;
  if (!IsWellFormedId("ami", image_id)) return MalformedId(codes::kAmiIdMalformed, image_id, "ami");
  const Image* image = VisibleImage(view, view.scope().region, image_id);
  if (image == nullptr) return ResourceTraits<Image>::NotFound(image_id);
  std::string_view state = CurrentImageState(*image, view.now(), view.timing());
  if (state == states::kPending) {
    return MakeError(codes::kAmiIdUnavailable, "AMI '" + image_id + "' is pending, and cannot be run");
  }
  if (state != states::kAvailable) {
    return MakeError(codes::kAmiIdUnavailable, "The image id '[" + image_id + "]' is " + std::string(state) +
                                                   " and cannot be used to launch instances");
  }
  return image;
}

Result<Image> OwnImage(const View& view, const std::string& image_id) {
  if (!IsWellFormedId("ami", image_id)) return MalformedId(codes::kAmiIdMalformed, image_id, "ami");
  const Partition& p = view.partition();
  if (auto it = p.images.find(image_id); it != p.images.end()) {
    const Image& image = it->second;
    if (image.state != states::kDeregistered) return image;
    if (!IsForgotten(image, view.now(), view.timing())) {
      return MakeError(codes::kAmiIdUnavailable, "The image id '[" + image_id + "]' is no longer available");
    }
    return ResourceTraits<Image>::NotFound(image_id);
  }
  if (VisibleImage(view, view.scope().region, image_id) != nullptr) {
    return MakeError(codes::kAuthFailure, "Not authorized for image:" + image_id);
  }
  return ResourceTraits<Image>::NotFound(image_id);
}

}  // namespace localec2::model
