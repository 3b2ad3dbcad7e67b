// Output shapes the image handlers share.
#pragma once

#include "api/actions/action.hpp"

namespace localec2::api {

// An image's BlockDeviceMappings as EC2 shows them (DescribeImages, DescribeImageAttribute).
Json ImageBlockDevicesJson(const model::Image& image);

}  // namespace localec2::api
