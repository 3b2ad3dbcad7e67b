// Rules shared by the image, snapshot and volume calls. Private to model/*.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/ebs/ebs.hpp"

namespace localec2::model {

// Whether `account` may see `snapshot` of `owner_account` (describe it, copy it, make volumes from it).
bool SnapshotVisibleTo(const Snapshot& snapshot, const std::string& owner_account,
                       const std::string& account);

// 3–128 characters of letters, digits, ( ) [ ] space . / - ' @ _. Errors: InvalidAMIName.Malformed.
Status ValidateImageName(const std::string& name);

// The ARN EBS records for a KMS key named by id, alias or ARN; empty `key` is the account's AWS-managed
// key for EBS (alias/aws/ebs), whose id is derived from the account and region.
std::string KmsKeyArn(const Scope& scope, const std::string& key);

// KmsKeyId without Encrypted. Errors: InvalidParameterDependency.
Status RequireEncryptedForKey(bool encrypted, const std::string& kms_key_id);

// `list` with `edit` applied: add_users appended (once each), remove_users removed; `is_public`
// follows add_all / remove_all. Errors: InvalidUserID.Malformed for an id that is not 12 digits.
Status ApplyPermissionEdit(const PermissionEdit& edit, std::vector<std::string>& list, bool& is_public);

// "1,767,225,600,000": how AWS writes the task time in a copied snapshot's description.
std::string GroupedDigits(std::int64_t value);

// Defaults and limits of each EBS volume type. Errors: InvalidParameterValue / InvalidParameterCombination
// / MissingParameter as AWS answers CreateVolume and ModifyVolume.
struct VolumeShape {
  std::string type;
  int size_gib = 0;
  int iops = 0;
  int throughput = 0;
};
Result<VolumeShape> ResolveVolumeShape(const std::string& type, int size_gib, std::optional<int> iops,
                                       std::optional<int> throughput);

// The page `request` asks for of `items` in the order of their `id`, each id once: the end of the EBS
// and image Describe* calls. `request` must have been validated.
template <class T>
Page<T> PageById(std::vector<T> items, const PageRequest& request, std::string T::*id) {
  auto id_of = [id](const T& item) -> const std::string& { return item.*id; };
  auto before = [&](const T& a, const T& b) { return id_of(a) < id_of(b); };
  if (!std::is_sorted(items.begin(), items.end(), before)) std::sort(items.begin(), items.end(), before);
  items.erase(
      std::unique(items.begin(), items.end(), [&](const T& a, const T& b) { return id_of(a) == id_of(b); }),
      items.end());
  Page<T> page;
  page.items = TakePage(items, request, id_of, page.next_token);
  return page;
}

}  // namespace localec2::model
