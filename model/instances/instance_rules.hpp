// Rules the instance calls share (RunInstances and ModifyInstanceAttribute): what an instance type runs
// on, how user data must be encoded, what a shutdown may do.
#pragma once

#include <string>
#include <string_view>

#include "model/core/result.hpp"

namespace localec2::model {

// The architecture `instance_type` runs (x86_64 | arm64): the catalog's, else derived from its family.
std::string ArchitectureOf(std::string_view instance_type);
// Errors: InvalidParameterValue unless `user_data` is base64 (the empty text is).
Status CheckUserData(const std::string& user_data);
// Errors: InvalidParameterValue unless `behavior` is stop or terminate.
Status CheckShutdownBehavior(const std::string& behavior);

}  // namespace localec2::model
