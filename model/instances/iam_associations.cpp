// IAM instance profile associations. There is no IAM service here: a profile is taken as given, by ARN
// or by name, and recorded on the instance with an association id.
#include <algorithm>

#include "model/core/tx.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<IamAssociation> kAssociationFilters[] = {
    {"instance-id",
     [](const IamAssociation& a, std::string_view, auto& out) { out.push_back(a.instance_id); }},
    {"state", [](const IamAssociation& a, std::string_view, auto& out) { out.push_back(a.state); }},
};

IamAssociation AssociationOf(const Instance& instance, std::string_view state, std::int64_t now_ms) {
  return {instance.iam_association_id, instance.instance_id, instance.iam_profile_arn,
          instance.iam_profile_id,     std::string(state),   now_ms};
}

Error AssociationNotFound(const std::string& id) {
  return MakeError(codes::kAssociationIdNotFound, "An association with ID " + id + " does not exist.");
}

// The instance holding association `id`. Errors: InvalidAssociationID.NotFound.
Result<const Instance*> HolderOf(const View& view, const std::string& id) {
  for (const auto& [instance_id, instance] : view.partition().instances) {
    if (!id.empty() && instance.iam_association_id == id) return &instance;
  }
  return AssociationNotFound(id);
}

// `instance` with `profile` under a new association id, recorded by `tx`.
IamAssociation Associate(Tx& tx, Instance instance, const ResolvedProfile& profile) {
  instance.iam_profile_arn = profile.arn;
  instance.iam_profile_id = profile.id;
  instance.iam_association_id = tx.NewId("iip-assoc");
  IamAssociation association = AssociationOf(instance, states::kAssociating, tx.now());
  tx.Put(std::move(instance));
  return association;
}

}  // namespace

Result<ResolvedProfile> ResolveProfile(const std::string& account_id, const ProfileRef& ref) {
  ResolvedProfile profile;
  if (!ref.arn.empty()) {
    // arn:aws:iam::<12-digit account>:instance-profile/<path and name>
    if (!ref.arn.starts_with("arn:aws:iam::") || ref.arn.find(":instance-profile/") != 25) {
      return MakeError(
          codes::kInvalidParameterValue,
          "Value (" + ref.arn + ") for parameter iamInstanceProfile.arn is invalid. Invalid ARN");
    }
    profile.arn = ref.arn;
  } else if (!ref.name.empty()) {
    profile.arn = "arn:aws:iam::" + account_id + ":instance-profile/" + ref.name;
  } else {
    return MakeError(codes::kInvalidParameterValue, "The IamInstanceProfile must name an Arn or a Name.");
  }
  std::string suffix = DerivedId("x", profile.arn).substr(3);  // 16 hex digits
  std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  profile.id = "AIPA" + suffix;
  return profile;
}

Result<IamAssociation> AssociateIamInstanceProfile(Ec2& ec2, const Caller& caller,
                                                   const std::string& instance_id, const ProfileRef& ref) {
  auto profile = ResolveProfile(caller.account_id, ref);
  if (!profile) return std::move(profile).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<IamAssociation> {
    auto found = FindInstances(tx, {instance_id});
    if (!found) return std::move(found).error();
    const Instance& instance = *(*found)[0];
    if (!instance.iam_association_id.empty()) {
      return MakeError(codes::kIncorrectState,
                       "There is an existing association for instance " + instance_id);
    }
    return Associate(tx, instance, *profile);
  });
}

Result<Page<IamAssociation>> DescribeIamInstanceProfileAssociations(
    Ec2& ec2, const Caller& caller, const DescribeIamAssociationsRequest& request) {
  if (auto valid = ValidatePage(request.page, {5, 1000}); !valid) return std::move(valid).error();
  auto filters = CompiledFilters<IamAssociation>::Compile(request.filters, kAssociationFilters);
  if (!filters) return std::move(filters).error();
  const std::vector<std::string>& ids = request.association_ids;
  return ec2.Read(caller, [&](const View& view) -> Result<Page<IamAssociation>> {
    for (const std::string& id : ids) {
      if (auto holder = HolderOf(view, id); !holder) return std::move(holder).error();
    }
    std::vector<IamAssociation> matching;
    for (const auto& [instance_id, instance] : view.partition().instances) {
      if (instance.iam_association_id.empty() || !IsVisible(instance, view.now(), view.timing())) continue;
      if (!ids.empty() && std::find(ids.begin(), ids.end(), instance.iam_association_id) == ids.end())
        continue;
      IamAssociation association = AssociationOf(instance, states::kAssociated, view.now());
      if (filters->Matches(association)) matching.push_back(std::move(association));
    }
    std::sort(matching.begin(), matching.end(), [](const IamAssociation& a, const IamAssociation& b) {
      return a.association_id < b.association_id;
    });
    Page<IamAssociation> page;
    page.items = TakePage(
        matching, request.page, [](const IamAssociation& a) { return a.association_id; }, page.next_token);
    return page;
  });
}

Result<IamAssociation> ReplaceIamInstanceProfileAssociation(Ec2& ec2, const Caller& caller,
                                                            const std::string& association_id,
                                                            const ProfileRef& ref) {
  auto profile = ResolveProfile(caller.account_id, ref);
  if (!profile) return std::move(profile).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<IamAssociation> {
    auto holder = HolderOf(tx, association_id);
    if (!holder) return std::move(holder).error();
    return Associate(tx, **holder, *profile);
  });
}

Result<IamAssociation> DisassociateIamInstanceProfile(Ec2& ec2, const Caller& caller,
                                                      const std::string& association_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<IamAssociation> {
    auto holder = HolderOf(tx, association_id);
    if (!holder) return std::move(holder).error();
    Instance instance = **holder;
    IamAssociation association = AssociationOf(instance, states::kDisassociating, tx.now());
    instance.iam_profile_arn.clear();
    instance.iam_profile_id.clear();
    instance.iam_association_id.clear();
    tx.Put(std::move(instance));
    return association;
  });
}

}  // namespace localec2::model
