#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> RunInstances(ActionContext& context, const Json& input);
model::Result<Json> DescribeInstances(ActionContext& context, const Json& input);
model::Result<Json> StartInstances(ActionContext& context, const Json& input);
model::Result<Json> StopInstances(ActionContext& context, const Json& input);
model::Result<Json> TerminateInstances(ActionContext& context, const Json& input);
model::Result<Json> RebootInstances(ActionContext& context, const Json& input);
model::Result<Json> DescribeInstanceAttribute(ActionContext& context, const Json& input);
model::Result<Json> ModifyInstanceAttribute(ActionContext& context, const Json& input);
model::Result<Json> ResetInstanceAttribute(ActionContext& context, const Json& input);

}  // namespace localec2::api
