#include "control/state_members.hpp"

#include <array>
#include <cctype>

#include "control/cost_query.hpp"
#include "model/core/time_format.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

constexpr std::string_view kTimeSuffix = "_ms";

// Every record field holding a time (resources.hpp, network_records.hpp; a unit test keeps it complete).
constexpr std::array<std::string_view, 11> kTimeFields = {
    "attach_since_ms",     "attach_time_ms",   "create_time_ms", "delete_time_ms",
    "deprecation_time_ms", "last_launched_ms", "launch_time_ms", "protection_until_ms",
    "start_time_ms",       "state_since_ms",   "subscribed_ms"};

json Renamed(const json& value, bool to_members) {
  if (value.is_array()) {
    json out = json::array();
    for (const json& element : value) out.push_back(Renamed(element, to_members));
    return out;
  }
  if (!value.is_object()) return value;
  json out = json::object();
  for (const auto& [key, member] : value.items()) {
    const std::string field = to_members ? key : FieldOf(key);
    if (field.empty()) continue;
    json& slot = out[to_members ? MemberOf(key) : field];
    if (IsVerbatim(field)) {
      slot = member;
    } else if (IsTimeField(field) && to_members && member.is_number_integer()) {
      const auto ms = member.get<std::int64_t>();
      slot = ms == 0 ? json(nullptr) : json(model::IsoTime(ms));
    } else if (IsTimeField(field) && !to_members) {
      auto ms = TimeOf(member);
      slot = ms ? json(*ms) : member;
    } else {
      slot = Renamed(member, to_members);
    }
  }
  return out;
}

}  // namespace

std::string PascalMember(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string SnakeMember(std::string_view pascal) {
  std::string out;
  for (size_t i = 0; i < pascal.size(); ++i) {
    const char c = pascal[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (i > 0) out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

bool IsTimeField(std::string_view field) {
  for (std::string_view time : kTimeFields) {
    if (time == field) return true;
  }
  return false;
}

bool IsVerbatim(std::string_view field) { return field == "tags" || field == "tag_specifications"; }

std::string FieldOf(std::string_view member) {
  std::string field = SnakeMember(member);
  if (PascalMember(field) != member || IsTimeField(field)) return "";
  if (IsTimeField(field + std::string(kTimeSuffix))) field += kTimeSuffix;
  return field;
}

std::string MemberOf(std::string_view field) {
  if (IsTimeField(field)) field.remove_suffix(kTimeSuffix.size());
  return PascalMember(field);
}

std::optional<std::int64_t> TimeOf(const json& value) {
  if (value.is_null()) return 0;
  if (!value.is_string()) return std::nullopt;
  return ParseIsoTime(value.get<std::string>());
}

json ToMembers(const json& encoded) { return Renamed(encoded, true); }
json ToFields(const json& entry) { return Renamed(entry, false); }

}  // namespace localec2::control
