#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> CreateSecurityGroup(ActionContext& context, const Json& input);
model::Result<Json> DeleteSecurityGroup(ActionContext& context, const Json& input);
model::Result<Json> AuthorizeSecurityGroupIngress(ActionContext& context, const Json& input);
model::Result<Json> AuthorizeSecurityGroupEgress(ActionContext& context, const Json& input);
model::Result<Json> RevokeSecurityGroupIngress(ActionContext& context, const Json& input);
model::Result<Json> RevokeSecurityGroupEgress(ActionContext& context, const Json& input);
model::Result<Json> DescribeSecurityGroups(ActionContext& context, const Json& input);
model::Result<Json> DescribeSecurityGroupRules(ActionContext& context, const Json& input);

}  // namespace localec2::api
