// application/x-www-form-urlencoded decoding, shared by the front doors: an EC2 or STS query (POST body
// or GET query string) and the query strings of localec2's own endpoints.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/core/result.hpp"

namespace localec2::wire {

// Decoded parameters, sorted by name for prefix lookups, each with a "consumed" mark the input parser
// sets so that whatever is left over can be reported as UnknownParameter.
class FormParams {
 public:
  struct Param {
    std::string name;
    std::string value;
    mutable bool used = false;
  };

  explicit FormParams(std::vector<Param> sorted) : params_(std::move(sorted)) {}
  FormParams() = default;

  // The parameter named exactly `name`, or nullptr.
  const Param* Find(std::string_view name) const;
  // The parameters whose name starts with `prefix`, as a contiguous range.
  std::pair<const Param*, const Param*> WithPrefix(std::string_view prefix) const;
  const std::vector<Param>& all() const { return params_; }

 private:
  std::vector<Param> params_;
};

// Decodes `a=1&b=x%20y` (`+` is a space). Errors: MalformedQueryString for a bad %-escape, a name or
// value that is not UTF-8, or an empty name; InvalidParameterValue for a name given twice.
model::Result<FormParams> DecodeForm(std::string_view body);

// Appends the form decoding of `query` (a URL's query string) to an already decoded set.
model::Result<FormParams> DecodeForm(std::string_view body, std::string_view query);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);

}  // namespace localec2::wire
