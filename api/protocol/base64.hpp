#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace localec2::api {

// Standard base64 (RFC 4648 §4) with padding.
std::string Base64Encode(std::string_view bytes);
// The decoded bytes, or nullopt when `text` is not padded standard base64. Whitespace is not allowed.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace localec2::api
