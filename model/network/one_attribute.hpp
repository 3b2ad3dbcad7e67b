// The rule ModifyVpcAttribute and ModifySubnetAttribute share: one attribute per call.
#pragma once

#include <string>
#include <vector>

#include "model/core/error_codes.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

// `named`: the attributes (AWS's camelCase names) a call sets. Errors: InvalidParameterCombination for
// none or several, with AWS's wording.
inline Status CheckOneAttribute(const std::vector<std::string>& named) {
  if (named.empty()) return MakeError(codes::kInvalidParameterCombination, "No attributes specified.");
  if (named.size() == 1) return Ok{};
  std::string list;
  for (const std::string& name : named) list += (list.empty() ? "" : ", ") + name;
  return MakeError(codes::kInvalidParameterCombination,
                   "Fields for multiple attribute types specified: " + list);
}

}  // namespace localec2::model
