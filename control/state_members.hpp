// How a record's fields are named and written in a state document (state_document.hpp): each snake_case
// field as its PascalCase member (instance_id → InstanceId); a time field (…_ms, milliseconds since the
// epoch) as the member without "Ms" holding ISO 8601, as Describe* shows times (launch_time_ms →
// "LaunchTime": "2026-12-05T10:00:00.000Z"), null for 0 (never); tags and tag specifications verbatim
// (their keys are the user's).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace localec2::control {

std::string PascalMember(std::string_view snake);
std::string SnakeMember(std::string_view pascal);

// The field `member` names ("LaunchTime" → "launch_time_ms", "InstanceId" → "instance_id"), or "" when
// it is not spelt as a member is ("instanceId", "LaunchTimeMs").
std::string FieldOf(std::string_view member);
// The member naming `field`.
std::string MemberOf(std::string_view field);
bool IsTimeField(std::string_view field);
bool IsVerbatim(std::string_view field);

// A time member's value: milliseconds (null: 0), or nullopt when it is neither null nor an ISO 8601 UTC
// time (2026-01-02T03:04:05Z, optionally with .mmm).
std::optional<std::int64_t> TimeOf(const nlohmann::json& value);

// A record's encoding written with members, and a document entry read back into fields. An entry's
// member not spelt as one is left out (the caller names it as unknown); a time member's value that is not
// a time is kept as written (the caller refuses it).
nlohmann::json ToMembers(const nlohmann::json& encoded);
nlohmann::json ToFields(const nlohmann::json& entry);

}  // namespace localec2::control
