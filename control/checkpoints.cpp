#include "control/checkpoints.hpp"

#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <variant>

#include "control/query_account.hpp"
#include "model/core/time_format.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

ControlResponse JsonError(int status, const std::string& message) {
  return {status, "application/json", json{{"error", message}}.dump(),
          "checkpoints " + std::to_string(status)};
}

ControlResponse JsonOk(const json& body, const char* note) {
  return {200, "application/json", body.dump(), note};
}

json InfoJson(const model::CheckpointInfo& info) {
  json counts = json::object();
  for (const auto& [type, n] : info.counts) counts[type] = n;
  return {{"name", info.name},
          {"savedAt", model::IsoTime(info.saved_ms)},
          {"account", info.account ? json(*info.account) : json(nullptr)},
          {"sizeBytes", info.size_bytes},
          {"resources", info.resources},
          {"counts", std::move(counts)}};
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The checkpoint name in a path segment, %-escapes decoded (a bad escape: nullopt).
std::optional<std::string> DecodeName(std::string_view raw) {
  std::string name;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '%') {
      name += raw[i];
      continue;
    }
    if (i + 2 >= raw.size()) return std::nullopt;
    int hi = HexValue(raw[i + 1]), lo = HexValue(raw[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    name += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return name;
}

// Who the request acts for: the signer's account (strict), else ?account= (nullopt: every account). A
// refusal is the response to send.
struct Scope {
  std::optional<std::string> account;
  bool strict = false;
};
std::variant<Scope, ControlResponse> ScopeOf(const ControlOptions& options, const ControlRequest& request) {
  if (options.authenticate) {
    auto caller = options.authenticate(request);
    if (!caller) {
      ControlResponse refused = options.render_error(caller.error());
      refused.log_note = "checkpoints " + caller.error().code;
      return refused;
    }
    return Scope{caller->account_id, true};
  }
  auto account = AccountOfQuery(request.query);
  if (!account) return JsonError(400, account.error().message);
  return Scope{std::move(*account), false};
}

ControlResponse StorageFailed(const char* what, const model::Error& error) {
  std::fprintf(stderr, "localec2: checkpoint %s failed: %s\n", what, error.message.c_str());
  return JsonError(500, std::string("The checkpoint ") + what + " failed; see the server's log.");
}

ControlResponse NotFound(const std::string& name) {
  return JsonError(404, "There is no checkpoint named '" + name + "'.");
}

// Strict mode: a checkpoint that is not the signer's own account's is refused.
std::optional<ControlResponse> Foreign(const Scope& scope, const model::CheckpointInfo& info) {
  if (!scope.strict || info.account == scope.account) return std::nullopt;
  return JsonError(403, "The checkpoint '" + info.name +
                            "' is not your account's; a signed request acts only " +
                            "on its own account's checkpoints.");
}

ControlResponse List(const Scope& scope, model::CheckpointStore& store) {
  auto listed = store.List();
  if (!listed) return StorageFailed("listing", listed.error());
  json found = json::array();
  for (const model::CheckpointInfo& info : *listed) {
    if (scope.account && info.account != scope.account) continue;
    found.push_back(InfoJson(info));
  }
  return JsonOk({{"checkpoints", std::move(found)}}, "checkpoints list");
}

ControlResponse Save(const Scope& scope, model::Ec2& ec2, model::CheckpointStore& store,
                     const std::string& name) {
  if (scope.strict) {
    auto existing = store.Info(name);
    if (!existing) return StorageFailed("save", existing.error());
    if (*existing) {
      if (auto refused = Foreign(scope, **existing)) return *refused;
    }
  }
  const std::int64_t now = ec2.clock().NowMs();
  std::vector<model::Record> records = ec2.Records(scope.account);  // the only part under the lock
  auto saved = store.Save(name, scope.account, now, records);
  if (!saved) return StorageFailed("save", saved.error());
  return JsonOk(InfoJson(*saved), "checkpoints save");
}

ControlResponse Restore(const Scope& scope, model::Ec2& ec2, model::CheckpointStore& store,
                        const std::string& name) {
  auto loaded = store.Load(name);
  if (!loaded) return StorageFailed("restore", loaded.error());
  if (!*loaded) return NotFound(name);
  model::Checkpoint& checkpoint = **loaded;
  if (auto refused = Foreign(scope, checkpoint.info)) return *refused;
  std::optional<std::string> target = checkpoint.info.account;
  if (scope.account && target && *target != *scope.account) {
    return JsonError(
        400, "The checkpoint '" + name + "' holds account " + *target + ", not " + *scope.account + ".");
  }
  if (scope.account && !target) {  // one account's part of a whole checkpoint
    target = scope.account;
    std::erase_if(checkpoint.records,
                  [&](const model::Record& record) { return record.scope.account_id != *target; });
  }
  const size_t count = checkpoint.records.size();
  if (auto replaced = ec2.ReplaceState(std::move(checkpoint.records), target); !replaced) {
    std::fprintf(stderr, "localec2: checkpoint restore failed: %s\n", replaced.error().message.c_str());
    return JsonError(500, "The checkpoint restore failed; the live state is unchanged.");
  }
  return JsonOk(
      {{"restored", name}, {"account", target ? json(*target) : json(nullptr)}, {"resources", count}},
      "checkpoints restore");
}

ControlResponse Handle(const ControlOptions& options, model::Ec2& ec2, model::CheckpointStore& store,
                       const ControlRequest& request) {
  if (request.path == kCheckpointsPath) {
    if (request.method != "GET") return JsonError(405, "Use GET to list checkpoints.");
    auto scope = ScopeOf(options, request);
    if (auto* refused = std::get_if<ControlResponse>(&scope)) return *refused;
    return List(std::get<Scope>(scope), store);
  }
  std::string_view rest = request.path.substr(kCheckpointsPath.size() + 1);  // the router leaves a "/"
  constexpr std::string_view kRestore = "/restore";
  const bool restore = rest.ends_with(kRestore);
  if (restore) rest.remove_suffix(kRestore.size());
  auto name = DecodeName(rest);
  if (!name) return JsonError(400, "The checkpoint name has a bad %-escape.");
  if (auto problem = model::CheckpointNameProblem(*name)) return JsonError(400, *problem);
  if (restore && request.method != "POST") return JsonError(405, "Use POST to restore a checkpoint.");
  if (!restore && request.method != "POST" && request.method != "GET" && request.method != "DELETE") {
    return JsonError(405, "Use POST to save a checkpoint, GET to describe it, DELETE to delete it.");
  }
  auto scoped = ScopeOf(options, request);
  if (auto* refused = std::get_if<ControlResponse>(&scoped)) return *refused;
  const Scope& scope = std::get<Scope>(scoped);
  if (restore) return Restore(scope, ec2, store, *name);
  if (request.method == "POST") return Save(scope, ec2, store, *name);
  if (!scope.strict && scope.account) {
    return JsonError(400, "GET and DELETE of a checkpoint take no account parameter.");
  }
  auto info = store.Info(*name);
  if (!info) return StorageFailed(request.method == "GET" ? "lookup" : "delete", info.error());
  if (!*info) return NotFound(*name);
  if (auto refused = Foreign(scope, **info)) return *refused;
  if (request.method == "GET") return JsonOk(InfoJson(**info), "checkpoints get");
  auto deleted = store.Delete(*name);
  if (!deleted) return StorageFailed("delete", deleted.error());
  if (!*deleted) return NotFound(*name);
  return JsonOk({{"deleted", *name}}, "checkpoints delete");
}

}  // namespace

ControlResponse CheckpointRequest(const ControlOptions& options, model::Ec2& ec2,
                                  model::CheckpointStore& store, const ControlRequest& request) noexcept {
  try {
    return Handle(options, ec2, store, request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in checkpoints: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in checkpoints\n");
  }
  return {500, "application/json", R"({"error":"internal error"})", "checkpoints 500"};
}

}  // namespace localec2::control
