// The constants for every AWS error code localec2 answers with, made from errors.def (one table with
// the HTTP statuses), and the status lookup the protocol layers use.
#pragma once

#include <string_view>

namespace localec2::model::codes {

#define LOCALEC2_ERROR(name, code, status) inline constexpr std::string_view name = code;
#include "model/core/errors.def"
#undef LOCALEC2_ERROR

}  // namespace localec2::model::codes

namespace localec2::model {

// The HTTP status AWS answers `code` with: errors.def's, or 400 for a code not listed there.
int HttpStatusFor(std::string_view code);

}  // namespace localec2::model
