#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace localec2::model {

// Who is asking and where: every resource belongs to exactly one account and region.
struct Caller {
  std::string account_id;  // 12 digits
  std::string region;      // a name from the region catalog
};

// An AWS account id: exactly 12 digits.
inline bool IsAccountId(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace localec2::model
