#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> CreateTags(ActionContext& context, const Json& input);
model::Result<Json> DeleteTags(ActionContext& context, const Json& input);
model::Result<Json> DescribeTags(ActionContext& context, const Json& input);

}  // namespace localec2::api
