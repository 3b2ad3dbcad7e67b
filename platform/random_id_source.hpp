// New resource ids from a pseudo-random generator, seeded from the system (or by a test).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "model/core/ids.hpp"

namespace localec2::platform {

class RandomIdSource : public model::IdSource {
 public:
  RandomIdSource() : engine_(std::random_device{}()) {}
  explicit RandomIdSource(std::uint64_t seed) : engine_(seed) {}
  std::string NewId(std::string_view prefix) override { return model::FormatId(prefix, engine_()); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace localec2::platform
