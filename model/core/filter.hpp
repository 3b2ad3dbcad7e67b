// The one filter mechanism every Describe* uses. A resource type declares a table of the AWS filter
// names it supports; a request's filters are compiled against it once (unknown name → the AWS error),
// then each candidate is tested. Semantics as AWS: filters are ANDed, the values of one filter ORed,
// values match with the wildcards `*` (any run) and `?` (one character), `\` escapes either.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/result.hpp"

namespace localec2::model {

struct Filter {
  std::string name;
  std::vector<std::string> values;
};

// True when `text` matches the AWS filter `pattern`.
bool WildcardMatch(std::string_view pattern, std::string_view text);

// One supported filter name of resource type T. `collect` appends the resource's values for that
// filter; `suffix` is what follows a prefix field's name (the Key of `tag:Key`), empty otherwise.
template <class T>
struct FilterField {
  std::string_view name;
  void (*collect)(const T& resource, std::string_view suffix, std::vector<std::string>& out);
  bool is_prefix = false;  // e.g. "tag:" matches "tag:Name"
};

template <class T>
class CompiledFilters {
 public:
  // Binds each filter to its field; InvalidParameterValue for a name the table does not have or a
  // filter with no values; FilterLimitExceeded past 50 filters or 200 values in all.
  static Result<CompiledFilters> Compile(std::span<const Filter> filters,
                                         std::span<const FilterField<T>> table);

  // True when `resource` passes every filter.
  bool Matches(const T& resource) const;
  bool empty() const { return bound_.empty(); }

 private:
  struct Bound {
    const FilterField<T>* field;
    std::string suffix;
    const std::vector<std::string>* values;
  };
  std::vector<Bound> bound_;
};

// `name` with each upper-case letter turned into '-' and its lower case: the kebab-case filter name AWS
// also accepts in camelCase (`availabilityZone` → `availability-zone`).
std::string KebabCaseOf(std::string_view name);

Error InvalidFilterError(std::string_view name);
Error EmptyFilterValuesError(std::string_view name);
Error FilterLimitError();

// AWS's bounds on one call's filters: the work a request can ask for stays bounded.
inline constexpr size_t kMaxFilters = 50;
inline constexpr size_t kMaxFilterValues = 200;

template <class T>
Result<CompiledFilters<T>> CompiledFilters<T>::Compile(std::span<const Filter> filters,
                                                       std::span<const FilterField<T>> table) {
  CompiledFilters compiled;
  size_t values = 0;
  for (const Filter& filter : filters) values += filter.values.size();
  if (filters.size() > kMaxFilters || values > kMaxFilterValues) return FilterLimitError();
  for (const Filter& filter : filters) {
    const FilterField<T>* found = nullptr;
    std::string suffix;
    auto bind = [&](const std::string& name) {
      for (const FilterField<T>& field : table) {
        if (field.is_prefix ? name.size() > field.name.size() && name.starts_with(field.name)
                            : name == field.name) {
          found = &field;
          if (field.is_prefix) suffix = name.substr(field.name.size());
          return;
        }
      }
    };
    bind(filter.name);
    if (found == nullptr) bind(KebabCaseOf(filter.name));  // AWS also takes `isDefault` for `is-default`
    if (found == nullptr) return InvalidFilterError(filter.name);
    if (filter.values.empty()) return EmptyFilterValuesError(filter.name);
    compiled.bound_.push_back({found, std::move(suffix), &filter.values});
  }
  return compiled;
}

template <class T>
bool CompiledFilters<T>::Matches(const T& resource) const {
  thread_local std::vector<std::string> actual;
  for (const Bound& bound : bound_) {
    actual.clear();
    bound.field->collect(resource, bound.suffix, actual);
    bool any = false;
    for (const std::string& pattern : *bound.values) {
      for (const std::string& value : actual) {
        if (WildcardMatch(pattern, value)) {
          any = true;
          break;
        }
      }
      if (any) break;
    }
    if (!any) return false;
  }
  return true;
}

}  // namespace localec2::model
