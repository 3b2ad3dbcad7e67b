// IAM instance profile associations. There is no IAM service here: a profile is taken as given, by ARN
// or by name, and recorded on the instance with an association id.
#include <algorithm>

#include "model/core/ec2_state.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<IamAssociation> kAssociationFilters[] = {
    {"instance-id",
     [](const IamAssociation& a, std::string_view, auto& out) { out.push_back(a.instance_id); }},
    {"state", [](const IamAssociation& a, std::string_view, auto& out) { out.push_back(a.state); }},
};

IamAssociation AssociationOf(const Instance& instance, std::string state) {
  return {instance.iam_association_id, instance.instance_id, instance.iam_profile_arn,
          instance.iam_profile_id, std::move(state)};
}

Error AssociationNotFound(const std::string& id) {
  return MakeError("InvalidAssociationID.NotFound", "An association with ID " + id + " does not exist.");
}

// The instance holding association `id`, or nullptr.
const Instance* HolderOf(const Ec2::Partition& p, const std::string& id) {
  for (const auto& [instance_id, instance] : p.instances) {
    if (!id.empty() && instance.iam_association_id == id) return &instance;
  }
  return nullptr;
}

}  // namespace

Result<ResolvedProfile> ResolveProfile(const std::string& account_id, const std::string& arn,
                                       const std::string& name) {
  ResolvedProfile profile;
  if (!arn.empty()) {
    // arn:aws:iam::<12-digit account>:instance-profile/<path and name>
    if (!arn.starts_with("arn:aws:iam::") || arn.find(":instance-profile/") != 25) {
      return MakeError(codes::kInvalidParameterValue,
                       "Value (" + arn + ") for parameter iamInstanceProfile.arn is invalid. Invalid ARN");
    }
    profile.arn = arn;
  } else if (!name.empty()) {
    profile.arn = "arn:aws:iam::" + account_id + ":instance-profile/" + name;
  } else {
    return MakeError(codes::kInvalidParameterValue, "The IamInstanceProfile must name an Arn or a Name.");
  }
  std::string suffix = DerivedId("x", profile.arn).substr(3);  // 16 hex digits
  std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  profile.id = "AIPA" + suffix;
  return profile;
}

Result<IamAssociation> Ec2::AssociateIamInstanceProfile(const Caller& caller, const std::string& instance_id,
                                                        const std::string& arn, const std::string& name) {
  auto profile = ResolveProfile(caller.account_id, arn, name);
  if (!profile) return std::move(profile).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  auto found = FindInstances(p, {instance_id});
  if (!found) return std::move(found).error();
  Instance instance = *(*found)[0];
  if (!instance.iam_association_id.empty()) {
    return MakeError("IncorrectState", "There is an existing association for instance " + instance_id);
  }
  instance.iam_profile_arn = profile->arn;
  instance.iam_profile_id = profile->id;
  instance.iam_association_id = ids_.NewId("iip-assoc");
  IamAssociation association = AssociationOf(instance, "associating");
  ChangeSet change;
  change.puts.push_back({p.scope, std::move(instance)});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return association;
}

Result<Page<IamAssociation>> Ec2::DescribeIamInstanceProfileAssociations(
    const Caller& caller, const std::vector<std::string>& ids, const std::vector<Filter>& filter_list,
    const PageRequest& page_request) {
  if (auto valid = ValidatePage(page_request, {5, 1000}); !valid) return std::move(valid).error();
  auto filters = CompiledFilters<IamAssociation>::Compile(filter_list, kAssociationFilters);
  if (!filters) return std::move(filters).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  for (const std::string& id : ids) {
    if (HolderOf(p, id) == nullptr) return AssociationNotFound(id);
  }
  std::vector<IamAssociation> matching;
  for (const auto& [instance_id, instance] : p.instances) {
    if (instance.iam_association_id.empty() || !IsVisible(instance, clock_.NowMs(), timing_)) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), instance.iam_association_id) == ids.end()) continue;
    IamAssociation association = AssociationOf(instance, "associated");
    if (filters->Matches(association)) matching.push_back(std::move(association));
  }
  std::sort(matching.begin(), matching.end(), [](const IamAssociation& a, const IamAssociation& b) {
    return a.association_id < b.association_id;
  });
  Page<IamAssociation> page;
  page.items = TakePage(
      matching, page_request, [](const IamAssociation& a) { return a.association_id; }, page.next_token);
  return page;
}

Result<IamAssociation> Ec2::ReplaceIamInstanceProfileAssociation(const Caller& caller,
                                                                 const std::string& association_id,
                                                                 const std::string& arn,
                                                                 const std::string& name) {
  auto profile = ResolveProfile(caller.account_id, arn, name);
  if (!profile) return std::move(profile).error();
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  const Instance* holder = HolderOf(p, association_id);
  if (holder == nullptr) return AssociationNotFound(association_id);
  Instance instance = *holder;
  instance.iam_profile_arn = profile->arn;
  instance.iam_profile_id = profile->id;
  instance.iam_association_id = ids_.NewId("iip-assoc");
  IamAssociation association = AssociationOf(instance, "associating");
  ChangeSet change;
  change.puts.push_back({p.scope, std::move(instance)});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return association;
}

Result<IamAssociation> Ec2::DisassociateIamInstanceProfile(const Caller& caller,
                                                           const std::string& association_id) {
  std::lock_guard lock(mutex_);
  Partition& p = PartitionFor(caller);
  const Instance* holder = HolderOf(p, association_id);
  if (holder == nullptr) return AssociationNotFound(association_id);
  Instance instance = *holder;
  IamAssociation association = AssociationOf(instance, "disassociating");
  instance.iam_profile_arn.clear();
  instance.iam_profile_id.clear();
  instance.iam_association_id.clear();
  ChangeSet change;
  change.puts.push_back({p.scope, std::move(instance)});
  if (auto committed = CommitAndApply(std::move(change)); !committed) return std::move(committed).error();
  return association;
}

}  // namespace localec2::model
