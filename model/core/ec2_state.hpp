// The in-memory state behind Ec2: one Partition per account and region. Private to model/*.cpp.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "model/core/ec2.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/resources.hpp"

namespace localec2::model {

struct Ec2::Partition {
  Scope scope;
  std::string default_vpc_id;
  std::string default_group_id;
  std::map<std::string, KeyPair> key_pairs;     // by id
  std::map<std::string, SecurityGroup> groups;  // by id
  std::map<std::string, Vpc> vpcs;
  std::map<std::string, Subnet> subnets;
  std::map<std::string, Instance> instances;
  std::map<std::string, Image> images;  // the account's own, tombstones of deregistered ones included
  std::map<std::string, Snapshot> snapshots;
  std::map<std::string, Volume> volumes;
  // tag key → tag value → ids of the instances that carry it; kept by Apply so that a literal tag filter
  // narrows DescribeInstances to its matches instead of scanning every instance.
  std::map<std::string, std::map<std::string, std::set<std::string>, std::less<>>, std::less<>> instance_tags;

  void IndexTags(const Instance& instance, bool add);
};

// The default VPC, its subnets (one per zone) and its default security group for `scope`. Derived from
// the scope alone, so they are the same on every start and need no storage until changed.
void AddDefaults(Ec2::Partition& partition);

// Tag filters shared by every taggable resource type: tag:<key>, tag-key, tag-value.
template <class T>
void TagValueOf(const T& resource, std::string_view key, std::vector<std::string>& out) {
  auto it = resource.tags.find(std::string(key));
  if (it != resource.tags.end()) out.push_back(it->second);
}
template <class T>
void TagKeysOf(const T& resource, std::string_view, std::vector<std::string>& out) {
  for (const auto& [key, value] : resource.tags) out.push_back(key);
}
template <class T>
void TagValuesOf(const T& resource, std::string_view, std::vector<std::string>& out) {
  for (const auto& [key, value] : resource.tags) out.push_back(value);
}
#define LOCALEC2_TAG_FILTERS(T) \
  {"tag:", &TagValueOf<T>, true}, {"tag-key", &TagKeysOf<T>}, { "tag-value", &TagValuesOf<T> }

inline std::string BoolText(bool b) { return b ? "true" : "false"; }

// Whether `account` may see `image` of `owner_account` (launch it, copy it, describe it).
inline bool ImageVisibleTo(const Image& image, const std::string& owner_account, const std::string& account) {
  if (image.state == "deregistered") return false;
  if (owner_account == account) return true;
  if (image.state == "disabled") return false;
  return image.is_public || std::find(image.launch_permissions.begin(), image.launch_permissions.end(),
                                      account) != image.launch_permissions.end();
}

// Whether `account` may see `snapshot` of `owner_account` (describe it, copy it, make volumes from it).
inline bool SnapshotVisibleTo(const Snapshot& snapshot, const std::string& owner_account,
                              const std::string& account) {
  return owner_account == account || snapshot.is_public ||
         std::find(snapshot.create_volume_permissions.begin(), snapshot.create_volume_permissions.end(),
                   account) != snapshot.create_volume_permissions.end();
}

struct ResolvedProfile {
  std::string arn;
  std::string id;  // AIPA…, derived from the ARN (there is no IAM service to ask)
};
// The instance profile an IamInstanceProfile parameter names, by ARN or by name in `account_id`.
// Errors: InvalidParameterValue for an ARN that is not an instance-profile ARN, or neither given.
Result<ResolvedProfile> ResolveProfile(const std::string& account_id, const std::string& arn,
                                       const std::string& name);

// Error wording shared by several families.
inline Error AmiNotFound(const std::string& id) {
  return MakeError(codes::kAmiIdNotFound, "The image id '[" + id + "]' does not exist");
}
inline Error SnapshotNotFound(const std::string& id) {
  return MakeError(codes::kSnapshotNotFound, "The snapshot '" + id + "' does not exist.");
}
inline Error VolumeNotFound(const std::string& id) {
  return MakeError(codes::kVolumeNotFound, "The volume '" + id + "' does not exist.");
}
inline Error VpcNotFound(const std::string& id) {
  return MakeError(codes::kVpcIdNotFound, "The vpc ID '" + id + "' does not exist");
}
inline Error GroupIdNotFound(const std::string& id) {
  return MakeError(codes::kGroupNotFound, "The security group '" + id + "' does not exist");
}
inline Error MalformedId(std::string_view code, const std::string& id, std::string_view prefix) {
  return MakeError(code, "Invalid id: \"" + id + "\" (expecting \"" + std::string(prefix) + "-...\")");
}
inline Error IdsWithMaxResults(std::string_view ids_parameter) {
  return MakeError(codes::kInvalidParameterCombination, "The parameter " + std::string(ids_parameter) +
                                                            " cannot be used with the parameter maxResults");
}

}  // namespace localec2::model
