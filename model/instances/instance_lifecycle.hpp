// The instance state machine, driven by the clock rather than by threads:
//
//   pending ──► running ──► stopping ──► stopped ──► pending (start)
//      └───────────┴──────────┴────────────┴──► shutting-down ──► terminated ──► (gone)
//
// A transitional state (pending, stopping, shutting-down) settles into the next one once
// `transition_ms` have passed since it was entered; with the default 0 the call that starts a
// transition answers with the transitional state and any later read sees the settled one, so waiters
// finish at full speed. Terminated instances stay visible for `terminated_visible_ms`, as on AWS.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/core/resources.hpp"

namespace localec2::model {

struct LifecycleTiming {
  std::int64_t transition_ms = 0;
  std::int64_t terminated_visible_ms = 60 * 60 * 1000;
};

// The state `instance` is in at `now_ms`.
std::string_view CurrentState(const Instance& instance, std::int64_t now_ms, const LifecycleTiming& timing);

// AWS's state code: pending 0, running 16, shutting-down 32, terminated 48, stopping 64, stopped 80.
int StateCode(std::string_view state);

// False once a terminated instance has been gone long enough to vanish from Describe*.
bool IsVisible(const Instance& instance, std::int64_t now_ms, const LifecycleTiming& timing);

// "User initiated (2026-01-02 03:04:05 GMT)", AWS's StateTransitionReason wording.
std::string UserInitiatedReason(std::int64_t now_ms);

}  // namespace localec2::model
