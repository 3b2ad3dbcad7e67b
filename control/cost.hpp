// GET /_localec2/cost: what the account's state would cost on AWS (model/cost/cost.hpp says what is
// charged and flagged), priced with the built-in table (cost_prices.hpp). Estimates, not a bill.
//
//   GET /_localec2/cost?account=ID&region=NAME&cost-tag=KEY&at=2026-01-02T03:04:05Z
//     account   default: the default account (--account); with --auth strict the signer's, and an
//               account= naming another is refused (403)
//     region    default: every region the account has state in
//     cost-tag  flag the priced resources without a tag of this key
//     at        price the state as the clock will have settled it then (not before now); default: now
//   → 200 {"AccountId","Regions":[the regions priced resources are in, or the one asked
//   for],"At","Currency":"USD","Prices":{"Source","AsOf"},
//          "Resources":[{"Region","ResourceType","ResourceId","Charge","Hourly","Monthly","Accrued",
//                        "Since","Flags":[{"Flag","Message"}]}],
//          "Flags":[{"ResourceId","Flag","Message"}],"Total":{"Hourly","Monthly","Accrued"}}
//     USD figures rounded half away from zero to 6 decimals (totals from the unrounded figures);
//     Accrued and Since are null for an Elastic IP (its allocation time is not kept).
//   With "Accept: text/plain": the same as a table for the terminal (hourly to 4 decimals, monthly and
//   accrued to 2), then the flags' messages.
// Refusals are JSON {"error":"…"}: 400 for a bad query (cost_query.hpp), 405 for a method other than GET.
#pragma once

#include "control/control_types.hpp"
#include "model/core/ec2.hpp"

namespace localec2::control {

inline constexpr std::string_view kCostPath = "/_localec2/cost";

// Answers any method on kCostPath as described above; never throws.
ControlResponse CostView(const ControlOptions& options, model::Ec2& ec2,
                         const ControlRequest& request) noexcept;

}  // namespace localec2::control
