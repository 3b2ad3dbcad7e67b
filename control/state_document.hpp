// The state document of GET and POST /_localec2/state (README "Export and import state"): one account's
// records, by region, every field the engine keeps, named as AWS names members (PascalCase):
//
//   {"Version": 1, "Account": "111122223333",
//    "Regions": {"us-east-1": {"Instances": [{"InstanceId": "i-…", "ImageId": "ami-…", …}, …],
//                              "Images": […], "Snapshots": […], "Volumes": […], "KeyPairs": […], …}}}
//
// A record's members are its fields (storage/record_codec.cpp) named and written as state_members.hpp
// says (InstanceId, SizeGib, "LaunchTime": "2026-12-05T10:00:00.000Z", Tags {"key": "value"}). The
// derived defaults of a region (default VPC, its
// subnets, group, gateway, route table, ACL, DHCP options) are written only when they differ from what
// localec2 derives, so a document lists what the account made. Empty lists are left out.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/result.hpp"
#include "model/core/store.hpp"

namespace localec2::control {

inline constexpr int kStateDocumentVersion = 1;

// How one record reads and writes as JSON with snake_case members (storage's record codec, which
// main.cpp injects: control/ does not depend on storage/).
struct RecordCodec {
  std::function<nlohmann::json(const model::Resource& resource)> encode;
  // Errors: any (the message is kept as the reason a member is refused).
  std::function<model::Result<model::Resource>(std::string_view type, const nlohmann::json& body)> decode;
};

// A document's records in document order, each with where it was written ("Regions.R.Instances[3]").
struct ParsedState {
  std::vector<model::Record> records;
  std::vector<std::string> paths;
};

// The document of `account`'s `records` (those of other accounts are left out), of `region` only when
// given. Regions where nothing but unchanged derived defaults is left are omitted.
nlohmann::json ExportState(const std::string& account, const std::vector<model::Record>& records,
                           const std::optional<std::string>& region, const RecordCodec& codec);

// The records of `document` for `account`, checked member by member: the top level (Version 1, Account
// equal to `account`, Regions), region names, list names, each record (an object; no unknown member;
// each member of its field's type and read back exactly; its id of its type's shape and not used twice;
// OwnerId the account; an Availability Zone of its region). Cross-references are state_references.hpp's.
// Errors: InvalidParameterValue, "PATH: what is wrong" for the first problem found.
model::Result<ParsedState> ParseStateDocument(const nlohmann::json& document, const std::string& account,
                                              const RecordCodec& codec);

// The records AddDefaults derives for `scope`.
std::vector<model::Record> DerivedDefaults(const model::Scope& scope);

}  // namespace localec2::control
