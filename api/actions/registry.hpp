// The single list of the Actions localec2 emulates.
#pragma once

#include <span>
#include <string_view>

#include "api/actions/action.hpp"

namespace localec2::api {

struct ActionEntry {
  std::string_view name;  // exactly the AWS Action, which is also the handler's C++ name
  Handler handler;
};

// The handler for `action`, or nullptr when localec2 does not emulate it.
Handler FindHandler(std::string_view action);

// Every emulated action, sorted by name.
std::span<const ActionEntry> SupportedActions();

}  // namespace localec2::api
