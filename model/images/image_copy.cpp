// CopyImage: an available image the caller can see in another region (or its own) copied into the
// caller's region, with new snapshots there.
#include "model/catalogs/region_catalog.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/images/image_records.hpp"
#include "model/images/images.hpp"

namespace localec2::model {
namespace {

// What CopyImage checks before looking at any state, tags aside.
Status ValidateCopy(const CopyImageRequest& request) {
  if (!request.destination_outpost_arn.empty()) {
    return MakeError(codes::kUnsupportedOperation, "Copying an image to an Outpost is not supported.");
  }
  if (FindRegion(request.source_region) == nullptr) {
    return MakeError(codes::kInvalidParameterValue, "Invalid source region: " + request.source_region);
  }
  if (!IsWellFormedId("ami", request.source_image_id)) {
    return MalformedId(codes::kAmiIdMalformed, request.source_image_id, "ami");
  }
  if (auto valid = ValidateImageName(request.name); !valid) return valid;
  return RequireEncryptedForKey(request.encrypted, request.kms_key_id);
}

// The source image to copy. Errors: InvalidAMIID.NotFound (not visible), InvalidAMIID.Unavailable.
Result<const Image*> CopySource(const View& view, const CopyImageRequest& request) {
  const Image* source = VisibleImage(view, request.source_region, request.source_image_id);
  if (source == nullptr) return ResourceTraits<Image>::NotFound(request.source_image_id);
  if (CurrentImageState(*source, view.now(), view.timing()) != states::kAvailable) {
    return MakeError(codes::kAmiIdUnavailable,
                     "The image id '[" + request.source_image_id + "]' is not available to copy yet.");
  }
  return source;
}

// The new image: what describes and launches `source`, under a new id, with the request's tags (and the
// source's, when asked and the caller's own). Launch permissions, deprecation and protection are not
// copied. Errors: TagLimitExceeded.
Result<Image> CopyOf(Tx& tx, const Image& source, const CopyImageRequest& request, const Tags& spec_tags) {
  Image copy = NewImage(tx.scope(), tx.NewId("ami"), request.name, tx.now());
  copy.description = request.description.empty() ? source.description : request.description;
  copy.platform = source.platform;
  copy.platform_details = source.platform_details;
  copy.usage_operation = source.usage_operation;
  copy.architecture = source.architecture;
  copy.root_device_type = source.root_device_type;
  copy.root_device_name = source.root_device_name;
  copy.virtualization_type = source.virtualization_type;
  copy.boot_mode = source.boot_mode;
  copy.tpm_support = source.tpm_support;
  copy.imds_support = source.imds_support;
  copy.ena_support = source.ena_support;
  copy.sriov_net_support = source.sriov_net_support;
  copy.product_codes = source.product_codes;
  copy.block_devices = source.block_devices;
  copy.source_image_id = source.image_id;
  copy.source_region = request.source_region;
  copy.client_token = request.client_token;
  // Another account's tags are not visible to the caller, so only its own can be copied.
  if (request.copy_image_tags && source.owner_id == tx.caller().account_id) copy.tags = source.tags;
  auto tags = MergeTags(copy.tags, spec_tags);
  if (!tags) return std::move(tags).error();
  copy.tags = std::move(*tags);
  return copy;
}

// Records a new snapshot in the caller's region for each EBS snapshot `copy` maps (still the source's),
// and maps it instead.
void CopySnapshots(Tx& tx, const Image& source, const CopyImageRequest& request, const Tags& snapshot_tags,
                   Image& copy) {
  for (BlockDevice& device : copy.block_devices) {
    if (!device.ebs || device.snapshot_id.empty()) continue;
    Snapshot snapshot;
    snapshot.snapshot_id = tx.NewId("snap");
    snapshot.volume_id = "vol-ffffffff";
    snapshot.owner_id = tx.caller().account_id;
    snapshot.description = "Copied for DestinationAmi " + copy.image_id + " from SourceAmi " +
                           source.image_id + " for SourceSnapshot " + device.snapshot_id +
                           ". Task created on " + GroupedDigits(tx.now()) + ".";
    snapshot.volume_size_gib = device.volume_size_gib;
    snapshot.start_time_ms = tx.now();
    snapshot.encrypted = device.encrypted || request.encrypted;
    // KMS keys are regional: an encrypted copy uses the key named, else the destination's EBS key.
    if (snapshot.encrypted) snapshot.kms_key_id = KmsKeyArn(tx.scope(), request.kms_key_id);
    snapshot.source_snapshot_id = device.snapshot_id;
    snapshot.tags = snapshot_tags;
    device.snapshot_id = snapshot.snapshot_id;
    device.encrypted = snapshot.encrypted;
    device.kms_key_id = snapshot.kms_key_id;
    tx.Put(std::move(snapshot));
  }
}

}  // namespace

Result<std::string> CopyImage(Ec2& ec2, const Caller& caller, const CopyImageRequest& request) {
  if (auto valid = ValidateCopy(request); !valid) return std::move(valid).error();
  auto spec_tags = TagsFor(request.tag_specifications, "image", {"image", "snapshot"});
  if (!spec_tags) return std::move(spec_tags).error();
  auto snapshot_tags = TagsFor(request.tag_specifications, "snapshot", {"image", "snapshot"});
  if (!snapshot_tags) return std::move(snapshot_tags).error();
  // The source is read in its region; the copy and its snapshots are recorded in the caller's.
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    if (!request.client_token.empty()) {
      for (const auto& [id, image] : tx.partition().images) {
        if (image.client_token == request.client_token) return id;
      }
    }
    auto source = CopySource(tx, request);
    if (!source) return std::move(source).error();
    if (auto free = CheckNameFree(tx.partition(), request.name); !free) return std::move(free).error();
    auto copy = CopyOf(tx, **source, request, *spec_tags);
    if (!copy) return std::move(copy).error();
    CopySnapshots(tx, **source, request, *snapshot_tags, *copy);
    const std::string image_id = copy->image_id;
    tx.Put(std::move(*copy));
    return image_id;
  });
}

}  // namespace localec2::model
