// IAM instance profile associations (there is no IAM service: profiles are taken as given).
#include "api/actions/families.hpp"
#include "model/instances/instances.hpp"

namespace localec2::api {
namespace {

Json AssociationJson(const model::IamAssociation& a) {
  return {{"AssociationId", a.association_id},
          {"InstanceId", a.instance_id},
          {"IamInstanceProfile", {{"Arn", a.profile_arn}, {"Id", a.profile_id}}},
          {"State", a.state},
          {"Timestamp", a.timestamp_ms}};
}

model::ProfileRef ProfileOf(const Json& input) {
  const Json& profile = input.at("IamInstanceProfile");
  return {StringMember(profile, "Arn"), StringMember(profile, "Name")};
}

model::Result<Json> AssociateIamInstanceProfile(ActionContext& context, const Json& input) {
  auto association = model::AssociateIamInstanceProfile(context.ec2, context.caller,
                                                        StringMember(input, "InstanceId"), ProfileOf(input));
  if (!association) return std::move(association).error();
  return Json{{"IamInstanceProfileAssociation", AssociationJson(*association)}};
}

model::Result<Json> DescribeIamInstanceProfileAssociations(ActionContext& context, const Json& input) {
  auto page = model::DescribeIamInstanceProfileAssociations(
      context.ec2, context.caller, {StringList(input, "AssociationIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::IamAssociation& a : page->items) items.push_back(AssociationJson(a));
  return PagedOutput("IamInstanceProfileAssociations", std::move(items), page->next_token);
}

model::Result<Json> ReplaceIamInstanceProfileAssociation(ActionContext& context, const Json& input) {
  auto association = model::ReplaceIamInstanceProfileAssociation(
      context.ec2, context.caller, StringMember(input, "AssociationId"), ProfileOf(input));
  if (!association) return std::move(association).error();
  return Json{{"IamInstanceProfileAssociation", AssociationJson(*association)}};
}

model::Result<Json> DisassociateIamInstanceProfile(ActionContext& context, const Json& input) {
  auto association = model::DisassociateIamInstanceProfile(context.ec2, context.caller,
                                                           StringMember(input, "AssociationId"));
  if (!association) return std::move(association).error();
  return Json{{"IamInstanceProfileAssociation", AssociationJson(*association)}};
}

}  // namespace

std::span<const ActionEntry> IamAssociationActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AssociateIamInstanceProfile), LOCALEC2_ACTION(DescribeIamInstanceProfileAssociations),
      LOCALEC2_ACTION(DisassociateIamInstanceProfile), LOCALEC2_ACTION(ReplaceIamInstanceProfileAssociation)};
  return kActions;
}

}  // namespace localec2::api
