#include "control/state_endpoint.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "control/state_document.hpp"
#include "control/state_references.hpp"
#include "model/catalogs/region_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/tx.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::control {
namespace {

using nlohmann::json;

ControlResponse JsonError(int status, const std::string& message) {
  // A message may quote a document cut short inside a UTF-8 sequence: replaced, not thrown on.
  return {status, "application/json",
          json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace),
          "state " + std::to_string(status)};
}

struct StateQuery {
  std::optional<std::string> account;
  std::optional<std::string> region;
};

// ?account= and, for an export, ?region=; anything else is refused (a typo must not widen a call).
std::variant<StateQuery, ControlResponse> ParseQuery(std::string_view query, bool exporting) {
  auto params = wire::DecodeForm(query);
  if (!params) return JsonError(400, "The query does not decode.");
  StateQuery parsed;
  for (const wire::FormParams::Param& param : params->all()) {
    const std::string value = param.value.substr(0, 64);
    if (param.name == "account") {
      if (!model::IsAccountId(param.value)) {
        return JsonError(400, "Value (" + value + ") for parameter account is invalid: 12 digits.");
      }
      parsed.account = param.value;
    } else if (param.name == "region" && exporting) {
      if (model::FindRegion(param.value) == nullptr) {
        return JsonError(
            400, "Value (" + value + ") for parameter region is invalid: not a region localec2 knows.");
      }
      parsed.region = param.value;
    } else {
      return JsonError(400,
                       "The parameter " + param.name.substr(0, 64) + " is not recognized; " +
                           (exporting ? "an export takes account and region." : "an import takes account."));
    }
  }
  return parsed;
}

// The signer's account in strict mode (a ?account= naming another is refused), else ?account= (may be
// unset). A refusal is the response to send.
std::variant<std::optional<std::string>, ControlResponse> AccountOf(const ControlOptions& options,
                                                                    const ControlRequest& request,
                                                                    const StateQuery& query) {
  if (!options.authenticate) return query.account;
  auto caller = options.authenticate(request);
  if (!caller) {
    ControlResponse refused = options.render_error(caller.error());
    refused.log_note = "state " + caller.error().code;
    return refused;
  }
  if (query.account && *query.account != caller->account_id) {
    return JsonError(
        403, "A signed request exports and imports only its own account (" + caller->account_id + ").");
  }
  return std::optional<std::string>(caller->account_id);
}

ControlResponse Export(const ControlOptions& options, model::Ec2& ec2, const std::string& account,
                       const std::optional<std::string>& region) {
  std::vector<model::Record> records = ec2.Records(account);  // copied under the lock, written outside it
  json document = ExportState(account, records, region, *options.record_codec);
  return {200, "application/json", document.dump(2), "state export"};
}

CatalogIds CatalogIn(model::Ec2& ec2, const std::string& account, const std::string& region) {
  CatalogIds ids;
  ec2.Read(model::Caller{account, region}, [&](const model::View& view) {
    for (const model::Image& image : view.catalog().ForRegion(region)) {
      ids.images.insert(image.image_id);
      for (const model::BlockDevice& device : image.block_devices) ids.snapshots.insert(device.snapshot_id);
    }
    return 0;
  });
  return ids;
}

ControlResponse Import(const ControlOptions& options, model::Ec2& ec2, std::optional<std::string> account,
                       std::string_view body) {
  json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return JsonError(400, "The body is not JSON; it must be a state document.");
  if (!account) {  // the document names it (ParseStateDocument refuses a missing or malformed one)
    auto named = document.find("Account");
    account = named != document.end() && named->is_string() ? named->get<std::string>() : "";
  }
  auto parsed = ParseStateDocument(document, *account, *options.record_codec);
  if (!parsed) return JsonError(400, parsed.error().message);
  auto catalog = [&](const std::string& region) { return CatalogIn(ec2, *account, region); };
  if (auto references = CheckStateReferences(*parsed, catalog); !references) {
    return JsonError(400, references.error().message);
  }
  // In the engine's type order, as a checkpoint restore puts them (subnets before their interfaces).
  std::stable_sort(
      parsed->records.begin(), parsed->records.end(),
      [](const model::Record& a, const model::Record& b) { return a.resource.index() < b.resource.index(); });
  json regions = json::object();
  for (const model::Record& record : parsed->records) {
    regions[record.scope.region] = regions.value(record.scope.region, 0) + 1;
  }
  const size_t count = parsed->records.size();
  if (auto replaced = ec2.ReplaceState(std::move(parsed->records), account); !replaced) {
    std::fprintf(stderr, "localec2: state import failed: %s\n", replaced.error().message.c_str());
    return JsonError(500, "The import failed; the state is unchanged.");
  }
  return {200, "application/json",
          json{{"imported", *account}, {"resources", count}, {"regions", std::move(regions)}}.dump(),
          "state import"};
}

ControlResponse Handle(const ControlOptions& options, model::Ec2& ec2, const ControlRequest& request) {
  const bool exporting = request.method == "GET";
  if (!exporting && request.method != "POST") {
    return JsonError(405, "Use GET to export the state, POST to import it.");
  }
  auto query = ParseQuery(request.query, exporting);
  if (auto* refused = std::get_if<ControlResponse>(&query)) return *refused;
  auto account = AccountOf(options, request, std::get<StateQuery>(query));
  if (auto* refused = std::get_if<ControlResponse>(&account)) return *refused;
  auto& chosen = std::get<std::optional<std::string>>(account);
  if (exporting) {
    return Export(options, ec2, chosen.value_or(options.default_account), std::get<StateQuery>(query).region);
  }
  return Import(options, ec2, chosen, request.body);
}

}  // namespace

ControlResponse StateRequest(const ControlOptions& options, model::Ec2& ec2,
                             const ControlRequest& request) noexcept {
  try {
    return Handle(options, ec2, request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in state: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in state\n");
  }
  return {500, "application/json", R"({"error":"internal error"})", "state 500"};
}

}  // namespace localec2::control
