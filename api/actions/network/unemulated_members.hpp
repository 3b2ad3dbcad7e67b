// The VPC family's refusal of input members localec2 does not emulate (IPv6, IPAM pools, Outposts…):
// refused by name rather than accepted and dropped.
#pragma once

#include <initializer_list>
#include <string>

#include "api/actions/action.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::api {

// Errors: InvalidParameterValue naming the first of `members` that `input` sets: a boolean true, a
// non-empty string or list, any number (Terraform sends `AmazonProvidedIpv6CidrBlock: false`, which asks
// for nothing and is accepted).
inline model::Status RefuseUnemulatedMembers(const Json& input, std::initializer_list<const char*> members) {
  for (const char* member : members) {
    auto it = input.find(member);
    if (it == input.end()) continue;
    bool asks = !it->is_null();
    if (it->is_boolean()) asks = it->get<bool>();
    if (it->is_string()) asks = !it->get_ref<const std::string&>().empty();
    if (it->is_array() || it->is_object()) asks = !it->empty();
    if (asks) {
      return model::MakeError(model::codes::kInvalidParameterValue,
                              "The parameter " + std::string(member) + " is not supported by localec2.");
    }
  }
  return model::Ok{};
}

}  // namespace localec2::api
