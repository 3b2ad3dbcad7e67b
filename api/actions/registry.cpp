#include "api/actions/registry.hpp"

#include <algorithm>

#include "api/actions/region_actions.hpp"

namespace localec2::api {
namespace {

#define LOCALEC2_ACTION(name) \
  ActionEntry { #name, &name }

// Sorted by name (checked by a unit test).
constexpr ActionEntry kActions[] = {
    LOCALEC2_ACTION(DescribeAvailabilityZones),
    LOCALEC2_ACTION(DescribeRegions),
};

#undef LOCALEC2_ACTION

}  // namespace

Handler FindHandler(std::string_view action) {
  auto it = std::lower_bound(std::begin(kActions), std::end(kActions), action,
                             [](const ActionEntry& e, std::string_view n) { return e.name < n; });
  return it != std::end(kActions) && it->name == action ? it->handler : nullptr;
}

std::span<const ActionEntry> SupportedActions() { return kActions; }

}  // namespace localec2::api
