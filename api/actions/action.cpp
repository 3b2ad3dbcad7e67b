#include "api/actions/action.hpp"

namespace localec2::api {

std::string StringMember(const Json& input, const char* member) {
  auto it = input.find(member);
  return it == input.end() ? std::string() : it->get<std::string>();
}

bool BoolMember(const Json& input, const char* member, bool fallback) {
  auto it = input.find(member);
  return it == input.end() ? fallback : it->get<bool>();
}

std::vector<std::string> StringList(const Json& input, const char* member) {
  auto it = input.find(member);
  if (it == input.end()) return {};
  return it->get<std::vector<std::string>>();
}

std::vector<model::Filter> FilterList(const Json& input) {
  std::vector<model::Filter> filters;
  auto it = input.find("Filters");
  if (it == input.end()) return filters;
  for (const Json& filter : *it)
    filters.push_back({StringMember(filter, "Name"), StringList(filter, "Values")});
  return filters;
}

model::Tags TagMap(const Json& input, const char* member) {
  model::Tags tags;
  auto it = input.find(member);
  if (it == input.end()) return tags;
  for (const Json& tag : *it) tags[StringMember(tag, "Key")] = StringMember(tag, "Value");
  return tags;
}

std::vector<model::TagSpecification> TagSpecificationList(const Json& input) {
  std::vector<model::TagSpecification> specs;
  auto it = input.find("TagSpecifications");
  if (it == input.end()) return specs;
  for (const Json& spec : *it) specs.push_back({StringMember(spec, "ResourceType"), TagMap(spec, "Tags")});
  return specs;
}

model::PageRequest PageOf(const Json& input) {
  model::PageRequest page;
  if (auto it = input.find("MaxResults"); it != input.end()) page.max_results = it->get<long long>();
  if (auto it = input.find("NextToken"); it != input.end()) page.next_token = it->get<std::string>();
  return page;
}

Json TagList(const model::Tags& tags) {
  Json list = Json::array();
  for (const auto& [key, value] : tags) list.push_back({{"Key", key}, {"Value", value}});
  return list;
}

void PutTags(Json& out, const model::Tags& tags, const char* member) {
  if (!tags.empty()) out[member] = TagList(tags);
}

Json PagedOutput(const char* member, Json items, const std::string& next_token) {
  Json out = {{member, std::move(items)}};
  if (!next_token.empty()) out["NextToken"] = next_token;
  return out;
}

std::string Arn(const model::Caller& caller, std::string_view resource_type, const std::string& id) {
  return "arn:aws:ec2:" + caller.region + ":" + caller.account_id + ":" + std::string(resource_type) + "/" +
         id;
}

}  // namespace localec2::api
