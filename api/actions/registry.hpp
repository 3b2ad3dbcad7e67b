// The single index of the Actions localec2 emulates, merged from the families' tables (families.hpp).
#pragma once

#include <span>
#include <string_view>

#include "api/actions/action.hpp"

namespace localec2::api {

// The handler for `action`, or nullptr when localec2 does not emulate it.
Handler FindHandler(std::string_view action);

// Every emulated action, sorted by name.
std::span<const ActionEntry> SupportedActions();

}  // namespace localec2::api
