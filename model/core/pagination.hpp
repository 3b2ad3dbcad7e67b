// The one pagination mechanism every paginated Describe* uses. Items are listed in id order; the
// NextToken is the opaque (base64url) id of the last item returned, so items created or deleted between
// pages neither repeat nor shift the rest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/error_codes.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct PageRequest {
  std::optional<long long> max_results;
  std::optional<std::string> next_token;
};

struct PageBounds {
  long long min = 5;
  long long max = 1000;
};

// Checks MaxResults against AWS's bounds for the action and decodes the token.
// Errors: InvalidParameterValue (MaxResults out of bounds), InvalidPaginationToken.
Status ValidatePage(const PageRequest& request, PageBounds bounds);

// The page of `sorted` (in `id_of` order) after the token, and the next token (empty when
// this is the last page). `request` must have been validated.
template <class T, class IdOf>
std::vector<T> TakePage(const std::vector<T>& sorted, const PageRequest& request, IdOf id_of,
                        std::string& next_token);

// One page of a Describe* answer.
template <class T>
struct Page {
  std::vector<T> items;
  std::string next_token;  // empty on the last page
};

// InvalidParameterCombination: a call named ids (`ids_parameter`) and also MaxResults.
inline Error IdsWithMaxResults(std::string_view ids_parameter) {
  return MakeError(codes::kInvalidParameterCombination, "The parameter " + std::string(ids_parameter) +
                                                            " cannot be used with the parameter maxResults");
}

std::string EncodePageToken(const std::string& last_id);
std::optional<std::string> DecodePageToken(const std::string& token);

template <class T, class IdOf>
std::vector<T> TakePage(const std::vector<T>& sorted, const PageRequest& request, IdOf id_of,
                        std::string& next_token) {
  next_token.clear();
  size_t begin = 0;
  if (request.next_token) {
    std::string after = DecodePageToken(*request.next_token).value_or("");
    while (begin < sorted.size() && id_of(sorted[begin]) <= after) ++begin;
  }
  if (!request.max_results) return std::vector<T>(sorted.begin() + static_cast<long>(begin), sorted.end());
  size_t end = std::min(sorted.size(), begin + static_cast<size_t>(*request.max_results));
  if (end < sorted.size()) next_token = EncodePageToken(id_of(sorted[end - 1]));
  return std::vector<T>(sorted.begin() + static_cast<long>(begin), sorted.begin() + static_cast<long>(end));
}

}  // namespace localec2::model
