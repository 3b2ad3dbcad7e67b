// A clock tests move by hand.
#pragma once

#include "model/core/clock.hpp"

namespace localec2::model {

class FakeClock : public Clock {
 public:
  explicit FakeClock(std::int64_t now_ms = 1767225600000) : now_ms_(now_ms) {}  // 2026-01-01
  std::int64_t NowMs() const override { return now_ms_; }
  void Advance(std::int64_t ms) { now_ms_ += ms; }

 private:
  std::int64_t now_ms_;
};

}  // namespace localec2::model
