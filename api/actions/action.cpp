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

std::optional<int> OptionalInt(const Json& input, const char* member) {
  auto it = input.find(member);
  if (it == input.end()) return std::nullopt;
  return it->get<int>();
}

std::optional<bool> OptionalBool(const Json& input, const char* member) {
  auto it = input.find(member);
  if (it == input.end()) return std::nullopt;
  return it->get<bool>();
}

std::vector<model::BlockDeviceMappingRequest> BlockDeviceMappingList(const Json& input) {
  std::vector<model::BlockDeviceMappingRequest> mappings;
  auto it = input.find("BlockDeviceMappings");
  if (it == input.end()) return mappings;
  for (const Json& m : *it) {
    model::BlockDeviceMappingRequest bdm;
    bdm.device_name = StringMember(m, "DeviceName");
    bdm.virtual_name = StringMember(m, "VirtualName");
    bdm.no_device = m.contains("NoDevice");
    if (auto ebs = m.find("Ebs"); ebs != m.end()) {
      bdm.has_ebs = true;
      bdm.volume_size = OptionalInt(*ebs, "VolumeSize");
      bdm.delete_on_termination = OptionalBool(*ebs, "DeleteOnTermination");
      bdm.volume_type = StringMember(*ebs, "VolumeType");
      bdm.snapshot_id = StringMember(*ebs, "SnapshotId");
      bdm.iops = OptionalInt(*ebs, "Iops");
      bdm.throughput = OptionalInt(*ebs, "Throughput");
      bdm.encrypted = OptionalBool(*ebs, "Encrypted");
      bdm.kms_key_id = StringMember(*ebs, "KmsKeyId");
    }
    mappings.push_back(std::move(bdm));
  }
  return mappings;
}

model::PermissionEdit PermissionEditOf(const Json& modifications) {
  model::PermissionEdit edit;
  auto read = [&](const char* member, std::vector<std::string>& users, bool& all) {
    auto it = modifications.find(member);
    if (it == modifications.end()) return;
    for (const Json& permission : *it) {
      if (permission.contains("UserId")) users.push_back(StringMember(permission, "UserId"));
      if (StringMember(permission, "Group") == "all") all = true;
    }
  };
  read("Add", edit.add_users, edit.add_all);
  read("Remove", edit.remove_users, edit.remove_all);
  return edit;
}

Json ValueJson(Json value) { return {{"Value", std::move(value)}}; }

Json PermissionsJson(const std::vector<std::string>& accounts, bool is_public) {
  Json list = Json::array();
  if (is_public) list.push_back({{"Group", "all"}});
  for (const std::string& account : accounts) list.push_back({{"UserId", account}});
  return list;
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
