// New resource ids from a pseudo-random generator, seeded from the system (or by a test).
//
// The server's ids lead with the time they were made in (seconds, 24 bits: a 194-day cycle) above 40
// random bits. They look like AWS's, but the records one call creates (an instance, its volumes, its
// interfaces) share a prefix, so their rows land next to each other in SQLite's b-tree instead of on
// scattered pages: a launch of 10 dirties a few pages, not 30.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "model/core/ids.hpp"

namespace localec2::platform {

class RandomIdSource : public model::IdSource {
 public:
  RandomIdSource() : engine_(std::random_device{}()), time_prefixed_(true) {}
  // Fully random ids from `seed` (tests that want repeatable ids).
  explicit RandomIdSource(std::uint64_t seed) : engine_(seed) {}
  std::string NewId(std::string_view prefix) override {
    std::uint64_t value = engine_();
    if (time_prefixed_) value = (Seconds() << 40) | (value & ((std::uint64_t{1} << 40) - 1));
    return model::FormatId(prefix, value);
  }

 private:
  static std::uint64_t Seconds() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count()) &
           0xFFFFFF;
  }
  std::mt19937_64 engine_;
  bool time_prefixed_ = false;
};

}  // namespace localec2::platform
