#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace localec2::api {

// Milliseconds since the Unix epoch, from ISO 8601 (`2026-01-02T03:04:05Z`, optional fraction, `Z` or
// ±hh:mm offset, or a bare date) or from epoch seconds (`1767323045`, optional fraction).
std::optional<std::int64_t> ParseTimestamp(std::string_view text);

// `2026-01-02T03:04:05.000Z`: the form EC2 answers with.
std::string FormatTimestamp(std::int64_t epoch_ms);

}  // namespace localec2::api
