#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> DescribeInstanceStatus(ActionContext& context, const Json& input);
model::Result<Json> GetConsoleOutput(ActionContext& context, const Json& input);
model::Result<Json> DescribeInstanceTypes(ActionContext& context, const Json& input);
model::Result<Json> DescribeInstanceTypeOfferings(ActionContext& context, const Json& input);
model::Result<Json> AssociateIamInstanceProfile(ActionContext& context, const Json& input);
model::Result<Json> DescribeIamInstanceProfileAssociations(ActionContext& context, const Json& input);
model::Result<Json> ReplaceIamInstanceProfileAssociation(ActionContext& context, const Json& input);
model::Result<Json> DisassociateIamInstanceProfile(ActionContext& context, const Json& input);

}  // namespace localec2::api
