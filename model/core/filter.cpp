#include "model/core/filter.hpp"

#include "model/core/error_codes.hpp"

namespace localec2::model {

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  // Iterative glob match with single-star backtracking: O(|pattern| * |text|) worst case, no recursion.
  size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char c = pattern[p];
      if (c == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (c == '?') {
        ++p;
        ++t;
        continue;
      }
      if (c == '\\' && p + 1 < pattern.size()) c = pattern[++p];
      if (c == text[t]) {
        ++p;
        ++t;
        continue;
      }
      // A literal mismatch: backtrack to the last star, if any.
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string KebabCaseOf(std::string_view name) {
  std::string kebab;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      kebab += '-';
      kebab += static_cast<char>(c - 'A' + 'a');
    } else {
      kebab += c;
    }
  }
  return kebab;
}

Error InvalidFilterError(std::string_view name) {
  return {std::string(codes::kInvalidParameterValue), "The filter '" + std::string(name) + "' is invalid"};
}

Error EmptyFilterValuesError(std::string_view name) {
  return {std::string(codes::kInvalidParameterValue),
          "The filter '" + std::string(name) + "' must have at least one value"};
}

Error FilterLimitError() {
  return {std::string(codes::kFilterLimitExceeded),
          "The maximum number of filter values specified on a single call is 200"};
}

}  // namespace localec2::model
