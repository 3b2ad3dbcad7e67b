#pragma once

#include <chrono>
#include <cstdint>

namespace localec2::model {

// Time as the model sees it, injected so tests control it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMs() const = 0;  // milliseconds since the Unix epoch
};

class SystemClock : public Clock {
 public:
  std::int64_t NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FakeClock : public Clock {
 public:
  explicit FakeClock(std::int64_t now_ms = 1767225600000) : now_ms_(now_ms) {}  // 2026-01-01
  std::int64_t NowMs() const override { return now_ms_; }
  void Advance(std::int64_t ms) { now_ms_ += ms; }

 private:
  std::int64_t now_ms_;
};

}  // namespace localec2::model
