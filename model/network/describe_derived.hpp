// DescribeById for types whose answer is derived at read time (a NAT gateway's settled state, a route's
// active/blackhole state): the caller prepares the candidates (copies of the records, possibly of a type
// derived from the record, in id order, the vanished ones left out); ids, filters and pagination work as
// DescribeById's, and an id whose record has vanished is NotFound.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resource_types.hpp"

namespace localec2::model {

// One page of `candidates` named by `ids` (all when none) matching `filters`; MaxResults within `bounds`
// (the action's own, from its botocore shape). `Record` is the stored type whose traits name the errors;
// `T` is it or a type derived from it. Errors as DescribeById.
template <class Record, class T>
Result<Page<T>> DescribeDerived(const Partition& p, const std::vector<std::string>& ids,
                                const std::vector<Filter>& filters, std::span<const FilterField<T>> table,
                                const PageRequest& page_request, PageBounds bounds,
                                const std::vector<T>& candidates) {
  using Traits = ResourceTraits<Record>;
  auto id_of = [](const T& item) -> const std::string& { return item.*Traits::kId; };
  if (auto valid = ValidatePage(page_request, bounds); !valid) return std::move(valid).error();
  if (page_request.max_results && !ids.empty()) return IdsWithMaxResults(Traits::kIdsParameter);
  auto compiled = CompiledFilters<T>::Compile(filters, table);
  if (!compiled) return std::move(compiled).error();
  for (const std::string& id : ids) {
    if (auto found = Find<Record>(p, id); !found) return std::move(found).error();
    bool visible =
        std::any_of(candidates.begin(), candidates.end(), [&](const T& c) { return id_of(c) == id; });
    if (!visible) return Traits::NotFound(id);
  }
  std::vector<T> matching;
  for (const T& item : candidates) {
    bool wanted = ids.empty() || std::find(ids.begin(), ids.end(), id_of(item)) != ids.end();
    if (wanted && compiled->Matches(item)) matching.push_back(item);
  }
  Page<T> page;
  page.items = TakePage(matching, page_request, id_of, page.next_token);
  return page;
}

}  // namespace localec2::model
