// Named checkpoints of the whole state or of one account (README "Checkpoints"):
//   GET    /_localec2/checkpoints[?account=ID]        {"checkpoints":[INFO…]}, by name
//   POST   /_localec2/checkpoints/NAME[?account=ID]   saves (replacing one of that name): INFO
//   GET    /_localec2/checkpoints/NAME                INFO
//   DELETE /_localec2/checkpoints/NAME                {"deleted":NAME}
//   POST   /_localec2/checkpoints/NAME/restore[?account=ID]  {"restored":NAME,"account":…,"resources":N}
// INFO: {"name","savedAt","account" (null: every account),"sizeBytes","resources","counts":{type:n}}.
// A save copies the records under the engine's lock (fast) and encodes and writes them outside it, so
// concurrent calls wait only for the copy. A restore replaces the live state (every account, or the
// checkpoint's or ?account='s one) as one committed change: a restore that fails changes nothing.
// Refusals are JSON {"error": message}: 400 for a bad name (percent-decoded, then checked by
// model::CheckpointNameProblem) or query, 404 for an unknown checkpoint or path, 405 for a method, 500
// for a storage failure (the detail on stderr). --auth strict: every request must be signed
// (render_error's answer otherwise); it saves, restores, sees and deletes only the signer's account's
// checkpoints (403 for another's).
#pragma once

#include <string_view>

#include "control/control_types.hpp"
#include "model/core/checkpoint_store.hpp"
#include "model/core/ec2.hpp"

namespace localec2::control {

inline constexpr std::string_view kCheckpointsPath = "/_localec2/checkpoints";

// Any method on kCheckpointsPath and below it. Never throws.
ControlResponse CheckpointRequest(const ControlOptions& options, model::Ec2& ec2,
                                  model::CheckpointStore& store, const ControlRequest& request) noexcept;

}  // namespace localec2::control
