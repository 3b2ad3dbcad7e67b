#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> DescribeVpcs(ActionContext& context, const Json& input);
model::Result<Json> DescribeSubnets(ActionContext& context, const Json& input);
model::Result<Json> DescribeAccountAttributes(ActionContext& context, const Json& input);

}  // namespace localec2::api
