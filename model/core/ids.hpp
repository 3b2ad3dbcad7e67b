// Resource ids in AWS's shape: a prefix, '-', then 17 lower-case hex digits (8 for old-style ids,
// which are accepted on input).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace localec2::model {

class IdSource {
 public:
  virtual ~IdSource() = default;
  // A new id with `prefix` ("sg", "key", …), never returned before by this source.
  virtual std::string NewId(std::string_view prefix) = 0;
};

// `prefix-` and 17 hex digits: a leading 0, then `value`'s 64 bits, as AWS's ids look.
std::string FormatId(std::string_view prefix, std::uint64_t value);

// The same id for the same `seed` every time: defaults (the default VPC, its subnets and security
// group) are derived, not stored, so they are identical across restarts.
std::string DerivedId(std::string_view prefix, std::string_view seed);

// True when `id` is `prefix-` followed by 8 or 17 lower-case hex digits.
bool IsWellFormedId(std::string_view prefix, std::string_view id);

}  // namespace localec2::model
