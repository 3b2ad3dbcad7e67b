#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> DescribeRegions(ActionContext& context, const Json& input);
model::Result<Json> DescribeAvailabilityZones(ActionContext& context, const Json& input);

}  // namespace localec2::api
