#pragma once

#include <cstdint>
#include <string>

namespace localec2::model {

// `2026-01-02T03:04:05.000Z`: the ISO 8601 form EC2 shows times in.
std::string IsoTime(std::int64_t epoch_ms);

}  // namespace localec2::model
