#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> CreateKeyPair(ActionContext& context, const Json& input);
model::Result<Json> ImportKeyPair(ActionContext& context, const Json& input);
model::Result<Json> DescribeKeyPairs(ActionContext& context, const Json& input);
model::Result<Json> DeleteKeyPair(ActionContext& context, const Json& input);

}  // namespace localec2::api
