// Resource ids in AWS's shape: a prefix, '-', then 17 lower-case hex digits (8 for old-style ids,
// which are accepted on input).
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace localec2::model {

class IdSource {
 public:
  virtual ~IdSource() = default;
  // A new id with `prefix` ("sg", "key", …), never returned before by this source.
  virtual std::string NewId(std::string_view prefix) = 0;
};

class RandomIdSource : public IdSource {
 public:
  RandomIdSource();
  explicit RandomIdSource(std::uint64_t seed) : engine_(seed) {}
  std::string NewId(std::string_view prefix) override;

 private:
  std::mt19937_64 engine_;
};

// The same id for the same `seed` every time: defaults (the default VPC, its subnets and security
// group) are derived, not stored, so they are identical across restarts.
std::string DerivedId(std::string_view prefix, std::string_view seed);

// True when `id` is `prefix-` followed by 8 or 17 lower-case hex digits.
bool IsWellFormedId(std::string_view prefix, std::string_view id);

}  // namespace localec2::model
