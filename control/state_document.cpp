#include "control/state_document.hpp"

#include <array>
#include <map>

#include "control/state_members.hpp"
#include "model/catalogs/instance_types.hpp"
#include "model/catalogs/region_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/partition.hpp"
#include "model/core/resource_types.hpp"
#include "model/core/states.hpp"
#include "model/network/gateways.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

// Each resource type's list in a region, and its id member (snake_case), in the Resource variant's order.
struct ListEntry {
  std::string_view type;
  std::string_view list;
  std::string_view id_member;
};
constexpr std::array<ListEntry, 20> kLists = {{
    {"key-pair", "KeyPairs", "key_pair_id"},
    {"security-group", "SecurityGroups", "group_id"},
    {"vpc", "Vpcs", "vpc_id"},
    {"subnet", "Subnets", "subnet_id"},
    {"instance", "Instances", "instance_id"},
    {"image", "Images", "image_id"},
    {"snapshot", "Snapshots", "snapshot_id"},
    {"volume", "Volumes", "volume_id"},
    {"marketplace-subscription", "MarketplaceSubscriptions", "product_code"},
    {"launch-template", "LaunchTemplates", "launch_template_id"},
    {"placement-group", "PlacementGroups", "group_id"},
    {"network-interface", "NetworkInterfaces", "network_interface_id"},
    {"elastic-ip", "Addresses", "allocation_id"},
    {"internet-gateway", "InternetGateways", "internet_gateway_id"},
    {"egress-only-internet-gateway", "EgressOnlyInternetGateways", "egress_only_internet_gateway_id"},
    {"natgateway", "NatGateways", "nat_gateway_id"},
    {"route-table", "RouteTables", "route_table_id"},
    {"network-acl", "NetworkAcls", "network_acl_id"},
    {"dhcp-options", "DhcpOptions", "dhcp_options_id"},
    {"removed-default", "RemovedDefaults", "key"},
}};

const ListEntry* EntryOfType(std::string_view type) {
  for (const ListEntry& entry : kLists) {
    if (entry.type == type) return &entry;
  }
  return nullptr;
}

const ListEntry* EntryOfList(std::string_view list) {
  for (const ListEntry& entry : kLists) {
    if (entry.list == list) return &entry;
  }
  return nullptr;
}

// Records nest a few levels (a launch template's versions' block devices); a document nesting deeper is
// refused before anything below walks it recursively.
constexpr size_t kMaxDepth = 16;

// Whether `value` nests deeper than kMaxDepth (walked with an explicit stack: any depth is safe).
bool TooDeep(const json& value) {
  std::vector<std::pair<const json*, size_t>> pending{{&value, 1}};
  while (!pending.empty()) {
    auto [at, depth] = pending.back();
    pending.pop_back();
    if (!at->is_structured()) continue;
    if (depth > kMaxDepth) return true;
    for (const json& member : *at) pending.push_back({&member, depth + 1});
  }
  return false;
}

std::string Shown(const json& value) {
  if (TooDeep(value)) return value.is_array() ? "[...]" : "{...}";  // dump() recurses
  std::string text = value.dump();
  return text.size() > 64 ? text.substr(0, 61) + "..." : text;
}

model::Error Problem(std::string path, const std::string& what) {
  constexpr size_t kMaxPath = 200;  // a path echoes the document's keys: a huge key is not echoed whole
  if (path.size() > kMaxPath) path = path.substr(0, kMaxPath) + "...";
  return model::MakeError(model::codes::kInvalidParameterValue, path + ": " + what);
}

// The first member of `input` (as written) that `encoded` (the decoded record written back) does not
// hold, or holds with another value: an unknown member, or one the decoding would change or drop.
std::optional<model::Error> Mismatch(const json& input, const json& encoded, const std::string& path) {
  if (input.is_object() && encoded.is_object()) {
    for (const auto& [key, member] : input.items()) {
      const std::string field = FieldOf(key);
      const std::string at = path + "." + key;
      if (field.empty() || !encoded.contains(field)) return Problem(at, "unknown member");
      const json& kept = encoded[field];
      if (IsTimeField(field)) {
        if (!kept.is_number_integer() || TimeOf(member) != kept.get<std::int64_t>()) {
          return Problem(at, Shown(member) + " is not a valid value");
        }
      } else if (IsVerbatim(field)) {
        if (member != kept) return Problem(at, Shown(member) + " is not a valid value");
      } else if (auto problem = Mismatch(member, kept, at)) {
        return problem;
      }
    }
    return std::nullopt;
  }
  if (input.is_array() && encoded.is_array() && input.size() == encoded.size()) {
    for (size_t i = 0; i < input.size(); ++i) {
      if (auto problem = Mismatch(input[i], encoded[i], path + "[" + std::to_string(i) + "]")) return problem;
    }
    return std::nullopt;
  }
  if (input != encoded) return Problem(path, Shown(input) + " is not a valid value");
  return std::nullopt;
}

// The first time member of `input` (at any depth) that holds neither null nor an ISO 8601 UTC time.
std::optional<model::Error> TimeProblem(const json& input, const std::string& path) {
  if (input.is_array()) {
    for (size_t i = 0; i < input.size(); ++i) {
      if (auto problem = TimeProblem(input[i], path + "[" + std::to_string(i) + "]")) return problem;
    }
  }
  if (!input.is_object()) return std::nullopt;
  for (const auto& [key, member] : input.items()) {
    const std::string field = FieldOf(key);
    if (IsTimeField(field) && !TimeOf(member)) {
      return Problem(path + "." + key,
                     Shown(member) + " is not a time such as 2026-01-02T03:04:05.000Z (or null)");
    }
    if (field.empty() || IsVerbatim(field)) continue;
    if (auto problem = TimeProblem(member, path + "." + key)) return problem;
  }
  return std::nullopt;
}

// Why `codec` cannot decode `body`: the first member that does not decode on its own (what precedes
// nlohmann's "[json.exception.type_error.302] " left out with it), else the whole record's reason.
model::Error DecodeProblem(std::string_view type, const json& body, const json& input,
                           const RecordCodec& codec, const std::string& path, const model::Error& whole) {
  auto reason = [](std::string message) {
    if (auto from = message.find("[json.exception."); from != std::string::npos) {
      if (auto at = message.find("] ", from); at != std::string::npos) message.erase(0, at + 2);
    }
    return message;
  };
  for (const auto& [key, member] : input.items()) {
    const std::string field = FieldOf(key);
    if (field.empty() || !body.contains(field)) continue;  // Mismatch names it
    json alone = json::object();
    alone[field] = body[field];
    if (auto decoded = codec.decode(type, alone); !decoded)
      return Problem(path + "." + key, reason(decoded.error().message));
  }
  return Problem(path, reason(whole.message));
}

bool IsZoneOf(std::string_view zone, std::string_view region) {
  if (const model::RegionInfo* info = model::FindRegion(region)) {
    for (const model::ZoneInfo& z : info->zones) {
      if (z.zone_name == zone) return true;
    }
  }
  return false;
}

// "PATH: "value" is not one of a, b, c" when `value` is none of `allowed`.
std::optional<model::Error> OneOf(const std::string& path, const std::string& value,
                                  std::initializer_list<std::string_view> allowed) {
  std::string listed;
  for (std::string_view name : allowed) {
    if (value == name) return std::nullopt;
    listed += (listed.empty() ? "" : ", ") + std::string(name);
  }
  return Problem(path, Shown(json(value)) + " is not one of " + listed);
}

// The states (and instance type) a record may be in: what the engine's state machines know.
std::optional<model::Error> StateProblem(const model::Resource& resource, const std::string& path) {
  namespace st = model::states;
  if (const auto* i = std::get_if<model::Instance>(&resource)) {
    if (model::FindInstanceType(i->instance_type) == nullptr) {
      return Problem(path + ".InstanceType",
                     Shown(json(i->instance_type)) + " is not an instance type localec2 knows");
    }
    return OneOf(
        path + ".State", i->state,
        {st::kPending, st::kRunning, st::kStopping, st::kStopped, st::kShuttingDown, st::kTerminated});
  }
  if (const auto* image = std::get_if<model::Image>(&resource)) {
    return OneOf(path + ".State", image->state,
                 {st::kPending, st::kAvailable, st::kDisabled, st::kDeregistered});
  }
  if (const auto* snapshot = std::get_if<model::Snapshot>(&resource)) {
    return OneOf(path + ".State", snapshot->state, {st::kPending, st::kCompleted});
  }
  if (const auto* v = std::get_if<model::Volume>(&resource)) {
    if (auto problem = OneOf(path + ".State", v->state, {st::kCreating, st::kAvailable, st::kInUse}))
      return problem;
    if (v->instance_id.empty()) return std::nullopt;
    return OneOf(path + ".AttachState", v->attach_state, {st::kAttaching, st::kAttached, st::kDetaching});
  }
  if (const auto* nat = std::get_if<model::NatGateway>(&resource)) {
    namespace ns = model::nat_states;
    return OneOf(path + ".State", nat->state, {ns::kPending, ns::kAvailable, ns::kDeleting, ns::kDeleted});
  }
  return std::nullopt;
}

// The checks of one decoded record that need no other record: its id's shape, its owner, its zone.
std::optional<model::Error> RecordProblem(const model::Resource& resource, const ListEntry& entry,
                                          const model::Scope& scope, const std::string& path) {
  const std::string id_at = path + "." + MemberOf(entry.id_member);
  return std::visit(
      [&]<class T>(const T& r) -> std::optional<model::Error> {
        using Traits = model::ResourceTraits<T>;
        const std::string& id = r.*Traits::kId;
        if constexpr (std::is_same_v<T, model::RemovedDefault>) {
          if (id != "removed-default-" + r.type + "/" + r.id) {
            return Problem(id_at, "must be \"removed-default-\" + Type + \"/\" + Id");
          }
        } else if constexpr (std::is_same_v<T, model::MarketplaceSubscription>) {
          if (id.empty()) return Problem(id_at, "must not be empty");
        } else if (!model::IsWellFormedId(Traits::kIdPrefix, id)) {
          return Problem(id_at, Shown(json(id)) + " is not an id of the form " +
                                    std::string(Traits::kIdPrefix) +
                                    "-xxxxxxxx (8 or 17 lower-case hex digits)");
        }
        if constexpr (requires { r.owner_id; }) {
          if (!r.owner_id.empty() && r.owner_id != scope.account_id) {
            return Problem(path + ".OwnerId",
                           r.owner_id + " is not the document's Account " + scope.account_id);
          }
        }
        if constexpr (requires { r.availability_zone; }) {
          if (!r.availability_zone.empty() && !IsZoneOf(r.availability_zone, scope.region)) {
            return Problem(path + ".AvailabilityZone",
                           r.availability_zone + " is not an Availability Zone of " + scope.region);
          }
        }
        return std::nullopt;
      },
      resource);
}

// The records of one region's member `list` (an array of objects), appended to `out`.
std::optional<model::Error> ParseList(const json& items, const ListEntry& entry, const model::Scope& scope,
                                      const std::string& path, const RecordCodec& codec, ParsedState& out) {
  if (!items.is_array()) return Problem(path, "must be an array");
  std::map<std::string, size_t> seen;  // id → index
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    const json& input = items[i];
    if (!input.is_object()) return Problem(at, "must be an object");
    if (TooDeep(input)) return Problem(at, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
    if (auto problem = TimeProblem(input, at)) return problem;
    json body = ToFields(input);
    auto decoded = codec.decode(entry.type, body);
    if (!decoded) return DecodeProblem(entry.type, body, input, codec, at, decoded.error());
    if (auto problem = Mismatch(input, codec.encode(*decoded), at)) return problem;
    if (auto problem = RecordProblem(*decoded, entry, scope, at)) return problem;
    if (auto problem = StateProblem(*decoded, at)) return problem;
    const std::string& id = model::ResourceId(*decoded);
    if (auto [it, added] = seen.emplace(id, i); !added) {
      return Problem(at + "." + MemberOf(entry.id_member),
                     id + " is already the id of " + path + "[" + std::to_string(it->second) + "]");
    }
    out.records.push_back({scope, std::move(*decoded)});
    out.paths.push_back(at);
  }
  return std::nullopt;
}

}  // namespace

std::vector<model::Record> DerivedDefaults(const model::Scope& scope) {
  model::Partition partition;
  partition.scope = scope;
  model::AddDefaults(partition);
  std::vector<model::Record> records;
  model::ForEachResourceType([&]<class T>() {
    for (const auto& [id, resource] : model::MapOf<T>(partition))
      records.push_back({scope, model::Resource(resource)});
  });
  return records;
}

json ExportState(const std::string& account, const std::vector<model::Record>& records,
                 const std::optional<std::string>& region, const RecordCodec& codec) {
  // Per region: the derived defaults' encodings by type and id, to leave out those unchanged.
  std::map<std::string, std::map<std::pair<std::string, std::string>, json>> defaults;
  json regions = json::object();
  for (const model::Record& record : records) {
    if (record.scope.account_id != account || (region && record.scope.region != *region)) continue;
    const std::string_view type = model::ResourceType(record.resource);
    const ListEntry* entry = EntryOfType(type);
    if (entry == nullptr) continue;  // every type has an entry (a unit test checks it)
    json encoded = codec.encode(record.resource);
    auto [found, added] = defaults.try_emplace(record.scope.region);
    if (added) {
      for (const model::Record& derived : DerivedDefaults(record.scope)) {
        found->second.emplace(std::pair{std::string(model::ResourceType(derived.resource)),
                                        model::ResourceId(derived.resource)},
                              codec.encode(derived.resource));
      }
    }
    auto derived = found->second.find({std::string(type), model::ResourceId(record.resource)});
    if (derived != found->second.end() && derived->second == encoded) continue;
    regions[record.scope.region][std::string(entry->list)].push_back(ToMembers(encoded));
  }
  return {{"Version", kStateDocumentVersion}, {"Account", account}, {"Regions", std::move(regions)}};
}

model::Result<ParsedState> ParseStateDocument(const json& document, const std::string& account,
                                              const RecordCodec& codec) {
  if (!document.is_object()) return Problem("(document)", "must be a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (key != "Version" && key != "Account" && key != "Regions") {
      return Problem(key, "unknown member; a state document has Version, Account and Regions");
    }
  }
  if (!document.contains("Version")) return Problem("Version", "missing; this localec2 reads version 1");
  if (document["Version"] != kStateDocumentVersion) {
    return Problem("Version", Shown(document["Version"]) + " is not a version this localec2 reads (1)");
  }
  if (!document.contains("Account")) return Problem("Account", "missing");
  const json& named = document["Account"];
  if (!named.is_string() || !model::IsAccountId(named.get<std::string>())) {
    return Problem("Account", Shown(named) + " is not an account id (12 digits)");
  }
  if (named != account) {
    return Problem("Account",
                   named.get<std::string>() + " is not the account imported into (" + account + ")");
  }
  if (!document.contains("Regions")) return Problem("Regions", "missing");
  const json& regions = document["Regions"];
  if (!regions.is_object()) return Problem("Regions", "must be an object of regions");
  ParsedState parsed;
  for (const auto& [region, lists] : regions.items()) {
    const std::string at = "Regions." + region;
    if (model::FindRegion(region) == nullptr) return Problem(at, "not a region localec2 knows");
    if (!lists.is_object()) return Problem(at, "must be an object of resource lists");
    for (const auto& [list, items] : lists.items()) {
      const ListEntry* entry = EntryOfList(list);
      if (entry == nullptr) return Problem(at + "." + list, "unknown member; not a resource list");
      if (auto problem = ParseList(items, *entry, {account, region}, at + "." + list, codec, parsed)) {
        return std::move(*problem);
      }
    }
  }
  return parsed;
}

}  // namespace localec2::control
