// What an image's owner can change after registering it: attributes and launch permissions,
// deprecation, disabling, and deregistration protection.
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"

namespace localec2::model {
namespace {

constexpr std::int64_t kProtectionCooldownMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kMaxDeprecationMs = 10LL * 365 * 24 * 60 * 60 * 1000;

}  // namespace

template <class Edit>
Status Ec2::EditOwnImage(const Caller& caller, const std::string& image_id, Edit edit) {
  std::lock_guard lock(mutex_);
  auto image = OwnImage(caller, image_id);
  if (!image) return std::move(image).error();
  if (auto edited = edit(*image, clock_.NowMs()); !edited) return edited;
  ChangeSet change;
  change.puts.push_back({PartitionFor(caller).scope, std::move(*image)});
  return CommitAndApply(std::move(change));
}

Result<Image> Ec2::DescribeImageAttribute(const Caller& caller, const std::string& image_id) {
  std::lock_guard lock(mutex_);
  auto image = OwnImage(caller, image_id);
  if (!image) return std::move(image).error();
  image->state = std::string(CurrentImageState(*image, clock_.NowMs(), timing_));
  return image;
}

Status Ec2::ModifyImageAttribute(const Caller& caller, const ModifyImageAttributeRequest& request) {
  if (!request.description && !request.launch_permission && request.product_codes.empty() &&
      !request.imds_support) {
    return MakeError(codes::kInvalidParameterCombination, "No attributes specified.");
  }
  return EditOwnImage(caller, request.image_id, [&](Image& image, std::int64_t) -> Status {
    if (request.description) image.description = *request.description;
    if (request.launch_permission) {
      if (image.state == "disabled" && request.launch_permission->add_all) {
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

Status Ec2::ResetImageLaunchPermission(const Caller& caller, const std::string& image_id) {
  return EditOwnImage(caller, image_id, [](Image& image, std::int64_t) -> Status {
    image.launch_permissions.clear();
    image.is_public = false;
    return Ok{};
  });
}

Status Ec2::EnableImageDeprecation(const Caller& caller, const std::string& image_id, std::int64_t at_ms) {
  return EditOwnImage(caller, image_id, [at_ms](Image& image, std::int64_t now) -> Status {
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

Status Ec2::DisableImageDeprecation(const Caller& caller, const std::string& image_id) {
  return EditOwnImage(caller, image_id, [](Image& image, std::int64_t) -> Status {
    image.deprecation_time_ms = 0;
    return Ok{};
  });
}

Status Ec2::SetImageEnabled(const Caller& caller, const std::string& image_id, bool enabled) {
  return EditOwnImage(caller, image_id, [&](Image& image, std::int64_t now) -> Status {
    std::string_view state = CurrentImageState(image, now, timing_);
    if (enabled) {
      if (state != "disabled") {
        return MakeError(codes::kIncorrectState, "The image " + image_id + " is not disabled.");
      }
      image.state = "available";
      return Ok{};
    }
    if (state != "available") {
      return MakeError(codes::kIncorrectState,
                       "The image " + image_id + " is " + std::string(state) + " and can't be disabled.");
    }
    // A disabled image is private: its sharing ends with it (AWS).
    image.state = "disabled";
    image.state_since_ms = now;
    image.is_public = false;
    image.launch_permissions.clear();
    return Ok{};
  });
}

Status Ec2::SetImageDeregistrationProtection(const Caller& caller, const std::string& image_id, bool enabled,
                                             bool with_cooldown) {
  return EditOwnImage(caller, image_id, [&](Image& image, std::int64_t now) -> Status {
    if (enabled) {
      image.protection = with_cooldown ? "enabled-with-cooldown" : "enabled-without-cooldown";
      image.protection_until_ms = 0;
      return Ok{};
    }
    if (image.protection == "enabled-with-cooldown") image.protection_until_ms = now + kProtectionCooldownMs;
    image.protection = "disabled";
    return Ok{};
  });
}

}  // namespace localec2::model
