// The instances family: launch, describe, lifecycle, attributes and IAM instance profile associations.
// Each call runs in the Ec2 engine (core/tx.hpp) for the caller's account and region; a mutating call
// changes nothing when it answers an error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

class View;

// ---- Lookups shared with the families that act on instances (images, ebs) ----

// The visible instances `ids` names, in that order. Errors: InvalidInstanceID.Malformed,
// InvalidInstanceID.NotFound (naming every missing id).
Result<std::vector<const Instance*>> FindInstances(const View& view, const std::vector<std::string>& ids);
// `instance` as Describe* shows it: its current state and its groups' names.
InstanceView ViewOf(const View& view, const Instance& instance);

// ---- IAM instance profile associations (iam_associations.cpp) ----
// There is no IAM service: a profile is taken as given, by ARN or by name in the caller's account.

struct IamAssociation {
  std::string association_id;  // iip-assoc-…
  std::string instance_id;
  std::string profile_arn;
  std::string profile_id;
  std::string state;              // associating | associated | disassociating
  std::int64_t timestamp_ms = 0;  // as AWS shows it: the time of the answer
};
struct ProfileRef {
  std::string arn;  // one of the two names the profile
  std::string name;
};
struct DescribeIamAssociationsRequest {
  std::vector<std::string> association_ids;
  std::vector<Filter> filters;  // instance-id, state
  PageRequest page;
};

struct ResolvedProfile {
  std::string arn;
  std::string id;  // AIPA…, derived from the ARN (there is no IAM service to ask)
};
// The instance profile an IamInstanceProfile parameter names, by ARN or by name in `account_id`.
// Errors: InvalidParameterValue for an ARN that is not an instance-profile ARN, or neither given.
Result<ResolvedProfile> ResolveProfile(const std::string& account_id, const ProfileRef& profile);

// Errors: InvalidInstanceID.*, IncorrectState (the instance already has one), InvalidParameterValue.
Result<IamAssociation> AssociateIamInstanceProfile(Ec2& ec2, const Caller& caller,
                                                   const std::string& instance_id, const ProfileRef& profile);
// The visible instances' associations, by id. Errors: InvalidAssociationID.NotFound, filter and page errors.
Result<Page<IamAssociation>> DescribeIamInstanceProfileAssociations(
    Ec2& ec2, const Caller& caller, const DescribeIamAssociationsRequest& request);
// Errors: InvalidAssociationID.NotFound, InvalidParameterValue.
Result<IamAssociation> ReplaceIamInstanceProfileAssociation(Ec2& ec2, const Caller& caller,
                                                            const std::string& association_id,
                                                            const ProfileRef& profile);
// Errors: InvalidAssociationID.NotFound.
Result<IamAssociation> DisassociateIamInstanceProfile(Ec2& ec2, const Caller& caller,
                                                      const std::string& association_id);

}  // namespace localec2::model
