// How a checkpoint is written: one text, the same in a file and in memory.
//   line 1: a JSON header {"format":"localec2-checkpoint","version":1,"name":…,"saved_ms":…,
//           "account":ID|null,"resources":N,"counts":{type:n,…}}
//   then one line per record: ACCOUNT \t REGION \t TYPE \t BODY (record_codec's JSON, which escapes
//   every control character, so a body never holds a tab or a newline).
// A text whose record lines do not add up to the header's count is damaged and refused whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/checkpoint_store.hpp"
#include "model/core/result.hpp"

namespace localec2::storage {

// The header of `records` (counts by type; size_bytes left 0).
model::CheckpointInfo DescribeCheckpoint(const std::string& name, const std::optional<std::string>& account,
                                         std::int64_t saved_ms, const std::vector<model::Record>& records);

std::string EncodeCheckpoint(const model::CheckpointInfo& info, const std::vector<model::Record>& records);

// The header line (without its newline). Errors: InternalError.
model::Result<model::CheckpointInfo> DecodeCheckpointHeader(std::string_view line);

// The whole text; info.size_bytes is text.size(). Errors: InternalError naming the first problem.
model::Result<model::Checkpoint> DecodeCheckpoint(std::string_view text);

}  // namespace localec2::storage
