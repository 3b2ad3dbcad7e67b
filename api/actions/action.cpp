#include "api/actions/action.hpp"

namespace localec2::api {

std::vector<std::string> StringList(const Json& input, const char* member) {
  auto it = input.find(member);
  if (it == input.end()) return {};
  return it->get<std::vector<std::string>>();
}

std::vector<model::Filter> FilterList(const Json& input) {
  std::vector<model::Filter> filters;
  auto it = input.find("Filters");
  if (it == input.end()) return filters;
  for (const Json& filter : *it) {
    filters.push_back({filter.value("Name", std::string()), StringList(filter, "Values")});
  }
  return filters;
}

bool BoolMember(const Json& input, const char* member, bool fallback) {
  auto it = input.find(member);
  return it == input.end() ? fallback : it->get<bool>();
}

}  // namespace localec2::api
