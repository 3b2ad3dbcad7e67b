// What a handler is: a few lines that turn parsed input (member names → values) into one model call
// and the model's answer into output members. No XML and no wire names in handlers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/caller.hpp"
#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"
#include "model/ebs/block_device_mapping.hpp"
#include "model/ebs/ebs.hpp"

namespace localec2::api {

struct ActionContext {
  const model::Caller& caller;
  model::Ec2& ec2;
  // Set by the Query dispatcher: a handler may put XML fragments (JSON binary values) where its answer's
  // bulk is, which the serializer copies as they are (instance_output.hpp). Other callers read the tree.
  bool xml_fragments;
};

using Json = nlohmann::json;
using Handler = model::Result<Json> (*)(ActionContext& context, const Json& input);

struct ActionEntry {
  std::string_view name;  // exactly the AWS Action, which is also the handler's C++ name
  Handler handler;
};
// A family table's row for the handler named exactly like its AWS action.
#define LOCALEC2_ACTION(name) \
  ::localec2::api::ActionEntry { #name, &name }

// Input helpers: absent members read as empty / the default.
std::string StringMember(const Json& input, const char* member);
bool BoolMember(const Json& input, const char* member, bool fallback = false);
std::vector<std::string> StringList(const Json& input, const char* member);
std::vector<model::Filter> FilterList(const Json& input);                      // the `Filters` member
model::Tags TagMap(const Json& input, const char* member);                     // a list of {Key, Value}
std::vector<model::TagSpecification> TagSpecificationList(const Json& input);  // `TagSpecifications`
model::PageRequest PageOf(const Json& input);                                  // `MaxResults` and `NextToken`
std::optional<int> OptionalInt(const Json& input, const char* member);
std::optional<bool> OptionalBool(const Json& input, const char* member);
// The `BlockDeviceMappings` member of RunInstances, CreateImage and RegisterImage.
std::vector<model::BlockDeviceMappingRequest> BlockDeviceMappingList(const Json& input);
// `member`.Value of an AttributeValue-shaped member, when given.
template <class T>
std::optional<T> ValueOf(const Json& input, const char* member) {
  auto it = input.find(member);
  if (it == input.end() || !it->contains("Value")) return std::nullopt;
  return (*it)["Value"].get<T>();
}
// A permission edit from {Add: [{UserId | Group}], Remove: [...]} (LaunchPermission,
// CreateVolumePermission).
model::PermissionEdit PermissionEditOf(const Json& modifications);

// Output helpers.
Json TagList(const model::Tags& tags);  // [{Key, Value}], omitted by callers when empty
// Sets `member` to TagList(tags) when there are tags (AWS omits an empty tag set).
void PutTags(Json& out, const model::Tags& tags, const char* member = "Tags");
// {member: items}, with NextToken when there is a next page.
Json PagedOutput(const char* member, Json items, const std::string& next_token);
std::string Arn(const model::Caller& caller, std::string_view resource_type, const std::string& id);
Json ValueJson(Json value);  // {"Value": value}: an AttributeValue
// [{UserId} …, {Group: all}] of a launch or create-volume permission.
Json PermissionsJson(const std::vector<std::string>& accounts, bool is_public);

}  // namespace localec2::api
