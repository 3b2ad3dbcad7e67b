#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

model::Result<Json> DescribeImages(ActionContext& context, const Json& input);
model::Result<Json> CreateImage(ActionContext& context, const Json& input);
model::Result<Json> RegisterImage(ActionContext& context, const Json& input);
model::Result<Json> CopyImage(ActionContext& context, const Json& input);
model::Result<Json> DeregisterImage(ActionContext& context, const Json& input);

// An image's BlockDeviceMappings as EC2 shows them (DescribeImages, DescribeImageAttribute).
Json ImageBlockDevicesJson(const model::Image& image);

}  // namespace localec2::api
