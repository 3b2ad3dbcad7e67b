// The query of GET /_localec2/cost: ?account=ID&region=NAME&cost-tag=KEY&at=ISO-8601, each optional.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/core/result.hpp"

namespace localec2::control {

struct CostQuery {
  std::optional<std::string> account;  // 12 digits
  std::optional<std::string> region;   // a catalog region
  std::string cost_tag;                // a tag key (1–128 characters), or empty
  std::int64_t at_ms = 0;              // 0: now
};

// `query` decoded. Refused (InvalidParameterValue, UnknownParameter, naming the parameter): a query that
// does not decode, a parameter not listed above, an account not of 12 digits, a region not in the catalog,
// an empty or over-long cost-tag, an `at` not of the form 2026-01-02T03:04:05Z (optionally .mmm).
model::Result<CostQuery> ParseCostQuery(std::string_view query);

// `text` (YYYY-MM-DDTHH:MM:SS[.mmm]Z) as milliseconds since the epoch, or nullopt.
std::optional<std::int64_t> ParseIsoTime(std::string_view text);

}  // namespace localec2::control
