#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> DescribeImages(ActionContext& context, const Json& input);

}  // namespace localec2::api
