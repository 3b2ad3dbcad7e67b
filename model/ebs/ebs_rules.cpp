#include "model/ebs/ebs_rules.hpp"

#include <algorithm>
#include <cctype>

#include "model/core/caller.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/ids.hpp"

namespace localec2::model {

bool SnapshotVisibleTo(const Snapshot& snapshot, const std::string& owner_account,
                       const std::string& account) {
  return owner_account == account || snapshot.is_public ||
         std::find(snapshot.create_volume_permissions.begin(), snapshot.create_volume_permissions.end(),
                   account) != snapshot.create_volume_permissions.end();
}

Status ValidateImageName(const std::string& name) {
  bool ok = name.size() >= 3 && name.size() <= 128 && std::all_of(name.begin(), name.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) ||
                     std::string_view("()[] ./-'@_").find(c) != std::string_view::npos;
            });
  if (ok) return Ok{};
  return MakeError(codes::kAmiNameMalformed,
                   "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, "
                   "'(', ')', '.', '-', '/' and '_'");
}

std::string KmsKeyArn(const Scope& scope, const std::string& key) {
  const std::string prefix = "arn:aws:kms:" + scope.region + ":" + scope.account_id + ":";
  if (key.empty()) {
    // A key id is a UUID; two derived ids give its 32 hex digits.
    std::string seed = scope.account_id + "/" + scope.region + "/aws/ebs";
    std::string hex = DerivedId("k", seed + "/1").substr(2) + DerivedId("k", seed + "/2").substr(2);
    return prefix + "key/" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
  }
  if (key.starts_with("arn:")) return key;
  if (key.starts_with("alias/")) return prefix + key;
  return prefix + "key/" + key;
}

Status RequireEncryptedForKey(bool encrypted, const std::string& kms_key_id) {
  if (kms_key_id.empty() || encrypted) return Ok{};
  return MakeError(codes::kInvalidParameterDependency,
                   "The parameter KmsKeyId requires the parameter Encrypted to be set.");
}

Status ApplyPermissionEdit(const PermissionEdit& edit, std::vector<std::string>& list, bool& is_public) {
  for (const auto* ids : {&edit.add_users, &edit.remove_users}) {
    for (const std::string& id : *ids) {
      if (!IsAccountId(id)) return MakeError(codes::kUserIdMalformed, "User ID '" + id + "' is invalid");
    }
  }
  for (const std::string& id : edit.add_users) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
  }
  for (const std::string& id : edit.remove_users) std::erase(list, id);
  if (edit.add_all) is_public = true;
  if (edit.remove_all) is_public = false;
  return Ok{};
}

std::string GroupedDigits(std::int64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Result<VolumeShape> ResolveVolumeShape(const std::string& type, int size_gib, std::optional<int> iops,
                                       std::optional<int> throughput) {
  struct Limits {
    std::string_view type;
    int min_size, max_size;
    int min_iops, max_iops;  // 0: iops cannot be set
    bool iops_required;
  };
  static constexpr Limits kLimits[] = {
      {"gp2", 1, 16384, 0, 0, false},      {"gp3", 1, 65536, 3000, 80000, false},
      {"io1", 4, 16384, 100, 64000, true}, {"io2", 4, 65536, 100, 256000, true},
      {"st1", 125, 16384, 0, 0, false},    {"sc1", 125, 16384, 0, 0, false},
      {"standard", 1, 1024, 0, 0, false},
  };
  const Limits* limits = nullptr;
  for (const Limits& l : kLimits) {
    if (l.type == type) limits = &l;
  }
  if (limits == nullptr) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + type + ") for parameter volumeType is invalid.");
  }
  if (size_gib < limits->min_size || size_gib > limits->max_size) {
    return MakeError(codes::kInvalidParameterValue, "Volume of " + std::to_string(size_gib) +
                                                        "GiB is out of range for " + type + " (" +
                                                        std::to_string(limits->min_size) + "-" +
                                                        std::to_string(limits->max_size) + " GiB).");
  }
  VolumeShape shape{type, size_gib, 0, 0};
  if (iops) {
    if (limits->max_iops == 0) {
      return MakeError(codes::kInvalidParameterCombination,
                       "The parameter iops is not supported for " + type + " volumes.");
    }
    if (*iops < limits->min_iops || *iops > limits->max_iops) {
      return MakeError(codes::kInvalidParameterValue,
                       "Volume iops of " + std::to_string(*iops) + " is out of range for " + type + " (" +
                           std::to_string(limits->min_iops) + "-" + std::to_string(limits->max_iops) + ").");
    }
    shape.iops = *iops;
  } else if (limits->iops_required) {
    return MakeError(codes::kMissingParameter,
                     "The parameter iops must be specified for " + type + " volumes.");
  }
  if (throughput && type != "gp3") {
    return MakeError(codes::kInvalidParameterCombination,
                     "The parameter throughput is not supported for " + type + " volumes.");
  }
  if (type == "gp3") {
    if (!iops) shape.iops = 3000;
    shape.throughput = throughput.value_or(125);
    if (shape.throughput < 125 || shape.throughput > 2000) {
      return MakeError(codes::kInvalidParameterValue, "Volume throughput of " +
                                                          std::to_string(shape.throughput) +
                                                          " MiB/s is out of range for gp3 (125-2000).");
    }
  }
  if (type == "gp2") shape.iops = std::clamp(3 * size_gib, 100, 16000);
  return shape;
}

}  // namespace localec2::model
