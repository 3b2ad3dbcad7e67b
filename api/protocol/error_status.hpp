#pragma once

#include <string_view>

namespace localec2::api {

// The HTTP status AWS answers an EC2 error code with: 400 unless listed in error_status.cpp.
int HttpStatusFor(std::string_view code);

}  // namespace localec2::api
