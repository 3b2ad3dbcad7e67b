// What an image's owner can change after registering it: attributes and launch permissions,
// deprecation, disabling, and deregistration protection.
#include <utility>

#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"
#include "model/images/images.hpp"

namespace localec2::model {
namespace {

constexpr std::int64_t kProtectionCooldownMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kMaxDeprecationMs = 10LL * 365 * 24 * 60 * 60 * 1000;

// Records the caller's own image `image_id` with `edit(image, tx)` applied, in one Tx; `edit` refuses
// with an error. Errors, besides those of `edit`: those of OwnImage.
template <class Edit>
Status EditOwnImage(Ec2& ec2, const Caller& caller, const std::string& image_id, Edit edit) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto image = OwnImage(tx, image_id);
    if (!image) return std::move(image).error();
    if (auto edited = edit(*image, std::as_const(tx)); !edited) return edited;
    tx.Put(std::move(*image));
    return Ok{};
  });
}

}  // namespace

Result<Image> DescribeImageAttribute(Ec2& ec2, const Caller& caller, const std::string& image_id) {
  return ec2.Read(caller, [&](const View& view) -> Result<Image> {
    auto image = OwnImage(view, image_id);
    if (!image) return std::move(image).error();
    image->state = std::string(CurrentImageState(*image, view.now(), view.timing()));
    return image;
  });
}

Status ModifyImageAttribute(Ec2& ec2, const Caller& caller, const ModifyImageAttributeRequest& request) {
  if (!request.description && !request.launch_permission && request.product_codes.empty() &&
      !request.imds_support) {
    return MakeError(codes::kInvalidParameterCombination, "No attributes specified.");
  }
  return EditOwnImage(ec2, caller, request.image_id, [&](Image& image, const View&) -> Status {
    if (request.description) image.description = *request.description;
    if (request.launch_permission) {
      if (image.state == states::kDisabled && request.launch_permission->add_all) {
        return MakeError(codes::kIncorrectState, "A disabled image cannot be made public: " + image.image_id);
      }
      if (auto applied =
              ApplyPermissionEdit(*request.launch_permission, image.launch_permissions, image.is_public);
          !applied)
        return applied;
    }
    for (const std::string& code : request.product_codes) {
      if (!image.product_codes.empty()) {
        return MakeError(codes::kInvalidParameterValue,
                         "The image " + image.image_id + " already has product codes.");
      }
      image.product_codes.push_back({code, "devpay"});
    }
    if (request.imds_support) {
      if (*request.imds_support != "v2.0") {
        return MakeError(codes::kInvalidParameterValue,
                         "Value (" + *request.imds_support + ") for parameter imdsSupport is invalid.");
      }
      image.imds_support = "v2.0";  // once set, it cannot be unset (AWS)
    }
    return Ok{};
  });
}

Status ResetImageLaunchPermission(Ec2& ec2, const Caller& caller, const std::string& image_id) {
  return EditOwnImage(ec2, caller, image_id, [](Image& image, const View&) -> Status {
    image.launch_permissions.clear();
    image.is_public = false;
    return Ok{};
  });
}

Status EnableImageDeprecation(Ec2& ec2, const Caller& caller, const std::string& image_id,
                              std::int64_t at_ms) {
  return EditOwnImage(ec2, caller, image_id, [at_ms](Image& image, const View& view) -> Status {
    const std::int64_t now = view.now();
    // AWS keeps the time to the minute, rounding seconds to the nearest minute.
    const std::int64_t minute = 60 * 1000;
    std::int64_t rounded = (at_ms + minute / 2) / minute * minute;
    if (rounded <= now) {
      return MakeError(codes::kInvalidParameterValue, "The deprecation time must be in the future.");
    }
    if (rounded > now + kMaxDeprecationMs) {
      return MakeError(codes::kInvalidParameterValue,
                       "The deprecation time can't be more than 10 years in the future.");
    }
    image.deprecation_time_ms = rounded;
    return Ok{};
  });
}

Status DisableImageDeprecation(Ec2& ec2, const Caller& caller, const std::string& image_id) {
  return EditOwnImage(ec2, caller, image_id, [](Image& image, const View&) -> Status {
    image.deprecation_time_ms = 0;
    return Ok{};
  });
}

Status SetImageEnabled(Ec2& ec2, const Caller& caller, const std::string& image_id, bool enabled) {
  return EditOwnImage(ec2, caller, image_id, [&](Image& image, const View& view) -> Status {
    std::string_view state = CurrentImageState(image, view.now(), view.timing());
    if (enabled) {
      if (state != states::kDisabled) {
        return MakeError(codes::kIncorrectState, "The image " + image_id + " is not disabled.");
      }
      image.state = states::kAvailable;
      return Ok{};
    }
    if (state != states::kAvailable) {
      return MakeError(codes::kIncorrectState,
                       "The image " + image_id + " is " + std::string(state) + " and can't be disabled.");
    }
    // A disabled image is private: its sharing ends with it (AWS).
    image.state = states::kDisabled;
    image.state_since_ms = view.now();
    image.is_public = false;
    image.launch_permissions.clear();
    return Ok{};
  });
}

Status SetImageDeregistrationProtection(Ec2& ec2, const Caller& caller, const std::string& image_id,
                                        bool enabled, bool with_cooldown) {
  return EditOwnImage(ec2, caller, image_id, [&](Image& image, const View& view) -> Status {
    if (enabled) {
      image.protection = with_cooldown ? states::kProtectedWithCooldown : states::kProtectedWithoutCooldown;
      image.protection_until_ms = 0;
      return Ok{};
    }
    if (image.protection == states::kProtectedWithCooldown)
      image.protection_until_ms = view.now() + kProtectionCooldownMs;
    image.protection = states::kDisabled;
    return Ok{};
  });
}

}  // namespace localec2::model
