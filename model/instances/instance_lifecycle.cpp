#include "model/instances/instance_lifecycle.hpp"

#include <chrono>
#include <cstdio>

#include "model/core/states.hpp"

namespace localec2::model {

std::string_view CurrentState(const Instance& instance, std::int64_t now_ms, const LifecycleTiming& timing) {
  const bool settled = now_ms >= instance.state_since_ms + timing.transition_ms;
  const std::string& state = instance.state;
  if (state == states::kPending) return settled ? states::kRunning : states::kPending;
  if (state == states::kStopping) return settled ? states::kStopped : states::kStopping;
  if (state == states::kShuttingDown) return settled ? states::kTerminated : states::kShuttingDown;
  return state;
}

int StateCode(std::string_view state) {
  if (state == states::kPending) return 0;
  if (state == states::kRunning) return 16;
  if (state == states::kShuttingDown) return 32;
  if (state == states::kTerminated) return 48;
  if (state == states::kStopping) return 64;
  if (state == states::kStopped) return 80;
  return -1;
}

bool IsVisible(const Instance& instance, std::int64_t now_ms, const LifecycleTiming& timing) {
  if (CurrentState(instance, now_ms, timing) != states::kTerminated) return true;
  std::int64_t terminated_at =
      instance.state_since_ms + (instance.state == states::kTerminated ? 0 : timing.transition_ms);
  return now_ms < terminated_at + timing.terminated_visible_ms;
}

std::string UserInitiatedReason(std::int64_t now_ms) {
  using namespace std::chrono;
  sys_time<milliseconds> tp{milliseconds(now_ms)};
  auto day = floor<days>(tp);
  year_month_day date(day);
  hh_mm_ss time(floor<seconds>(tp - day));
  char buf[64];
  std::snprintf(buf, sizeof buf, "User initiated (%04d-%02u-%02u %02d:%02d:%02d GMT)",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buf;
}

}  // namespace localec2::model
