#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> CreateVolume(ActionContext& context, const Json& input);
model::Result<Json> AttachVolume(ActionContext& context, const Json& input);
model::Result<Json> DetachVolume(ActionContext& context, const Json& input);
model::Result<Json> DeleteVolume(ActionContext& context, const Json& input);
model::Result<Json> DescribeVolumes(ActionContext& context, const Json& input);
model::Result<Json> ModifyVolume(ActionContext& context, const Json& input);
model::Result<Json> DescribeVolumesModifications(ActionContext& context, const Json& input);
model::Result<Json> DescribeVolumeStatus(ActionContext& context, const Json& input);

}  // namespace localec2::api
