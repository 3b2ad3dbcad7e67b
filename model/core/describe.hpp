// The Describe* every family has for a type kept by id: the ids named must exist, the filters must
// match, and the answer is paginated in id order. The type's errors come from its ResourceTraits row.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resource_types.hpp"
#include "model/core/tx.hpp"

namespace localec2::model {

// The caller's `T`s named by `ids` (all when none) that match `filters` (`table`'s fields), one page of
// them. Errors, in this order: pagination errors, InvalidParameterCombination (ids with MaxResults),
// unknown filter, then per id `T`'s Malformed / NotFound.
template <class T>
Result<Page<T>> DescribeById(const View& view, const std::vector<std::string>& ids,
                             const std::vector<Filter>& filters, std::span<const FilterField<T>> table,
                             const PageRequest& page_request) {
  using Traits = ResourceTraits<T>;
  if (auto valid = ValidatePage(page_request, {5, 1000}); !valid) return std::move(valid).error();
  if (page_request.max_results && !ids.empty()) return IdsWithMaxResults(Traits::kIdsParameter);
  auto compiled = CompiledFilters<T>::Compile(filters, table);
  if (!compiled) return std::move(compiled).error();
  for (const std::string& id : ids) {
    if (auto found = view.Find<T>(id); !found) return std::move(found).error();
  }
  std::vector<T> matching;
  for (const auto& [id, item] : MapOf<T>(view.partition())) {
    bool wanted = ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end();
    if (wanted && compiled->Matches(item)) matching.push_back(item);
  }
  Page<T> page;
  page.items = TakePage(
      matching, page_request, [](const T& item) { return item.*Traits::kId; }, page.next_token);
  return page;
}

}  // namespace localec2::model
