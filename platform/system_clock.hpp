// The real clock, for the server. Tests use tests/support/fake_clock.hpp.
#pragma once

#include <chrono>

#include "model/core/clock.hpp"

namespace localec2::platform {

class SystemClock : public model::Clock {
 public:
  std::int64_t NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace localec2::platform
