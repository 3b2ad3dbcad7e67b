// The images family: the public catalog, the caller's own images and those shared with it; making images
// (CreateImage, RegisterImage, CopyImage), unmaking them (DeregisterImage) and what their owner may change.
// Each call runs in the Ec2 engine (core/tx.hpp) for the caller's account and region; a mutating call
// changes nothing when it answers an error. Images settle with the clock (ebs/ebs_lifecycle.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"
#include "model/ebs/block_device_mapping.hpp"
#include "model/ebs/ebs.hpp"

namespace localec2::model {

struct DescribeImagesRequest {
  std::vector<std::string> image_ids;
  std::vector<std::string> owners;            // self | amazon | aws-marketplace | account id
  std::vector<std::string> executable_users;  // self | all | account id
  std::vector<Filter> filters;
  bool include_deprecated = false;
  bool include_disabled = false;
  PageRequest page;
};
struct CreateImageRequest {
  std::string instance_id;
  std::string name;
  std::string description;
  bool no_reboot = false;
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::vector<TagSpecification> tag_specifications;  // image and snapshot
};
struct RegisterImageRequest {
  std::string name;
  std::string description;
  std::string image_location;  // instance-store images: the S3 manifest
  std::string architecture;    // empty: x86_64
  std::string root_device_name;
  std::string virtualization_type;
  std::string boot_mode;
  std::string tpm_support;
  std::string imds_support;
  std::string sriov_net_support;
  std::optional<bool> ena_support;
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::vector<TagSpecification> tag_specifications;
};
struct CopyImageRequest {
  std::string source_region;
  std::string source_image_id;
  std::string name;
  std::string description;
  bool encrypted = false;
  std::string kms_key_id;
  bool copy_image_tags = false;
  std::string client_token;
  std::string destination_outpost_arn;
  std::vector<TagSpecification> tag_specifications;
};
struct DeregisterResult {
  std::vector<std::pair<std::string, std::string>> deleted_snapshots;  // id, return code
};
struct ModifyImageAttributeRequest {
  std::string image_id;
  std::optional<std::string> description;
  std::optional<PermissionEdit> launch_permission;
  std::vector<std::string> product_codes;
  std::optional<std::string> imds_support;
};

// ---- Describing (images.cpp) ----

// Images visible to the caller in its region: the catalog, its own, and those shared with it or public,
// scoped by Owners / ExecutableUsers, filtered, paginated; `state` is the current state, and another
// account's tags are not shown. Deprecated and disabled images show only when named or asked for.
// Errors: InvalidAMIID.Malformed/NotFound for a named image, InvalidUserID.Malformed, unknown filter,
// pagination errors (image ids with MaxResults among them).
Result<Page<Image>> DescribeImages(Ec2& ec2, const Caller& caller, const DescribeImagesRequest& request);

// ---- Making and unmaking (image_creation.cpp, image_copy.cpp, image_deregistration.cpp) ----

// Snapshots every EBS volume of the instance and records the snapshots and the image (pending, then
// available); returns the image id. Errors: InvalidAMIName.Malformed, tag errors, InvalidInstanceID.*,
// UnsupportedOperation (instance-store root), IncorrectInstanceState, InvalidAMIName.Duplicate,
// InvalidBlockDeviceMapping, InvalidSnapshot.NotFound (a mapping's snapshot).
Result<std::string> CreateImage(Ec2& ec2, const Caller& caller, const CreateImageRequest& request);
// Records an EBS image from snapshots, or an instance-store image from a manifest location; returns the
// image id. Errors: InvalidAMIName.Malformed/Duplicate, tag errors, MissingParameter,
// InvalidBlockDeviceMapping, InvalidSnapshotID.Malformed, InvalidSnapshot.NotFound.
Result<std::string> RegisterImage(Ec2& ec2, const Caller& caller, const RegisterImageRequest& request);
// Marks the caller's image deregistered (a tombstone: its id answers nothing for a while, then is not
// found) and, when asked, erases its snapshots that no other image uses; returns what became of each.
// Errors: InvalidAMIID.Malformed/NotFound/Unavailable, AuthFailure (an image the caller can see but does
// not own), OperationNotPermitted (deregistration protection, or its cooldown).
Result<DeregisterResult> DeregisterImage(Ec2& ec2, const Caller& caller, const std::string& image_id,
                                         bool delete_snapshots);
// Copies an available image of `source_region` into the caller's region, recording new snapshots there;
// returns the new image id (the same one again for a ClientToken already used). Errors:
// UnsupportedOperation (Outposts), InvalidParameterValue (region), InvalidAMIID.Malformed/NotFound/
// Unavailable, InvalidAMIName.Malformed/Duplicate, InvalidParameterDependency (KmsKeyId without
// Encrypted), tag errors.
Result<std::string> CopyImage(Ec2& ec2, const Caller& caller, const CopyImageRequest& request);

// ---- What the owner may change (image_attributes.cpp) ----
// Each takes the caller's own image. Errors, besides those listed: InvalidAMIID.Malformed/NotFound/
// Unavailable, AuthFailure (an image the caller can see but does not own).

// The image, its state the current one, for DescribeImageAttribute.
Result<Image> DescribeImageAttribute(Ec2& ec2, const Caller& caller, const std::string& image_id);
// Sets the description, edits the launch permission, adds product codes or requires IMDSv2. Errors:
// InvalidParameterCombination (no attribute), IncorrectState (making a disabled image public),
// InvalidUserID.Malformed, InvalidParameterValue (product codes already set, imdsSupport not v2.0).
Status ModifyImageAttribute(Ec2& ec2, const Caller& caller, const ModifyImageAttributeRequest& request);
// Makes the image private, shared with no one.
Status ResetImageLaunchPermission(Ec2& ec2, const Caller& caller, const std::string& image_id);
// Deprecates the image at `at_ms`, rounded to the minute. Errors: InvalidParameterValue (not in the
// future, or more than 10 years ahead).
Status EnableImageDeprecation(Ec2& ec2, const Caller& caller, const std::string& image_id,
                              std::int64_t at_ms);
Status DisableImageDeprecation(Ec2& ec2, const Caller& caller, const std::string& image_id);
// Enables a disabled image, or disables an available one, which also makes it private and unlaunchable.
// Errors: IncorrectState.
Status SetImageEnabled(Ec2& ec2, const Caller& caller, const std::string& image_id, bool enabled);
// Turns deregistration protection on (with or without a day's cooldown after it is turned off) or off.
Status SetImageDeregistrationProtection(Ec2& ec2, const Caller& caller, const std::string& image_id,
                                        bool enabled, bool with_cooldown);

}  // namespace localec2::model
