#pragma once

#include <string>

namespace localec2::api {

// A fresh request id in AWS's form: a random (version 4) UUID, lower-case hex.
std::string NewRequestId();

}  // namespace localec2::api
