// The one query parameter localec2's own endpoints take without --auth strict: ?account=ACCOUNT_ID.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/core/result.hpp"

namespace localec2::control {

// The account `query` names (nullopt: none named). A query that does not decode, names anything but
// `account`, or names no 12-digit account is refused (InvalidParameterValue, UnknownParameter): a typo
// must never widen what a call acts on.
model::Result<std::optional<std::string>> AccountOfQuery(std::string_view query);

}  // namespace localec2::control
