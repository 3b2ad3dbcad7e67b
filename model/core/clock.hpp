#pragma once

#include <cstdint>

namespace localec2::model {

// Time as the model sees it, injected so tests control it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMs() const = 0;  // milliseconds since the Unix epoch
};

}  // namespace localec2::model
