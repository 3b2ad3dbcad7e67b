#pragma once

#include <string>

namespace localec2::model {

// Who is asking and where: every resource belongs to exactly one account and region.
struct Caller {
  std::string account_id;  // 12 digits
  std::string region;      // a name from the region catalog
};

}  // namespace localec2::model
