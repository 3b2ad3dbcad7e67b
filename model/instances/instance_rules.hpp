// Rules the instance calls share (launch and ModifyInstanceAttribute): what an instance type runs on and
// how user data must be encoded.
#pragma once

#include <string>
#include <string_view>

namespace localec2::model {

// The architecture `instance_type` runs (x86_64 | arm64): the catalog's, else derived from its family.
std::string ArchitectureOf(std::string_view instance_type);
// True when `text` is base64 (the empty text is).
bool IsBase64(const std::string& text);

}  // namespace localec2::model
