#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> DescribeImageAttribute(ActionContext& context, const Json& input);
model::Result<Json> ModifyImageAttribute(ActionContext& context, const Json& input);
model::Result<Json> ResetImageAttribute(ActionContext& context, const Json& input);
model::Result<Json> EnableImageDeprecation(ActionContext& context, const Json& input);
model::Result<Json> DisableImageDeprecation(ActionContext& context, const Json& input);
model::Result<Json> EnableImage(ActionContext& context, const Json& input);
model::Result<Json> DisableImage(ActionContext& context, const Json& input);
model::Result<Json> EnableImageDeregistrationProtection(ActionContext& context, const Json& input);
model::Result<Json> DisableImageDeregistrationProtection(ActionContext& context, const Json& input);

}  // namespace localec2::api
