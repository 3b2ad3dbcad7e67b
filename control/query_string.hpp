// A URL query string read the way the EC2 front door reads its form (api/protocol/form_decoder), so that
// localec2's own endpoints accept and refuse exactly the queries they always have. control/ may not
// include the api; tests/unit/control/query_string_test.cpp holds the two decoders to the same answers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace localec2::control {

// Decodes `a=1&b=x%20y` (`+` is a space; empty pairs are skipped; a name without '=' has an empty value)
// into name → value. nullopt when the query does not decode: a bad %-escape, a name or value that is not
// UTF-8, an empty name, or a name given twice.
std::optional<std::map<std::string, std::string>> DecodeQueryString(std::string_view query);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace localec2::control
