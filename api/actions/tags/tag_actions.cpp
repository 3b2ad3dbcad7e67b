#include "api/actions/families.hpp"
#include "model/tags/tags.hpp"

namespace localec2::api {
namespace {

model::Result<Json> CreateTags(ActionContext& context, const Json& input) {
  auto created =
      model::CreateTags(context.ec2, context.caller, StringList(input, "Resources"), TagMap(input, "Tags"));
  if (!created) return std::move(created).error();
  return Json::object();
}

model::Result<Json> DeleteTags(ActionContext& context, const Json& input) {
  std::vector<std::pair<std::string, std::optional<std::string>>> tags;
  if (auto it = input.find("Tags"); it != input.end()) {
    for (const Json& tag : *it) {
      auto value = tag.find("Value");
      tags.emplace_back(
          StringMember(tag, "Key"),
          value == tag.end() ? std::nullopt : std::optional<std::string>(value->get<std::string>()));
    }
  }
  auto deleted = model::DeleteTags(context.ec2, context.caller, StringList(input, "Resources"), tags);
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> DescribeTags(ActionContext& context, const Json& input) {
  auto page = model::DescribeTags(context.ec2, context.caller, {FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::TagDescription& t : page->items) {
    items.push_back({{"ResourceId", t.resource_id},
                     {"ResourceType", t.resource_type},
                     {"Key", t.key},
                     {"Value", t.value}});
  }
  return PagedOutput("Tags", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> TagActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(CreateTags), LOCALEC2_ACTION(DeleteTags),
                                             LOCALEC2_ACTION(DescribeTags)};
  return kActions;
}

}  // namespace localec2::api
