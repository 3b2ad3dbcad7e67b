// Named checkpoints of the engine's state: the model's window on where they are kept (storage/ holds
// them in files under the data directory, or in memory for --in-memory runs). A checkpoint is the list
// of records (what the Store holds, derived defaults and RemovedDefault markers included) of every
// account, or of one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/result.hpp"
#include "model/core/store.hpp"

namespace localec2::model {

struct CheckpointInfo {
  std::string name;
  std::int64_t saved_ms = 0;
  std::optional<std::string> account;  // unset: every account's state
  std::uint64_t size_bytes = 0;        // as kept (the file's size)
  std::uint64_t resources = 0;
  std::map<std::string, std::uint64_t> counts;  // by resource type (ResourceType)
};

struct Checkpoint {
  CheckpointInfo info;
  std::vector<Record> records;
};

inline constexpr std::size_t kMaxCheckpointName = 128;

// Why `name` cannot name a checkpoint, or nullopt when it can: 1 to 128 of A-Z a-z 0-9 . _ -, not
// starting with a dot (so no "..", no "/", no NUL, no hidden or temporary file name).
inline std::optional<std::string> CheckpointNameProblem(std::string_view name) {
  if (name.empty()) return "A checkpoint name must not be empty.";
  if (name.size() > kMaxCheckpointName) {
    return "A checkpoint name has at most " + std::to_string(kMaxCheckpointName) + " characters.";
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return "A checkpoint name may contain only letters, digits, '.', '_' and '-'.";
  }
  if (name.front() == '.') return "A checkpoint name must not start with '.'.";
  return std::nullopt;
}

class CheckpointStore {
 public:
  virtual ~CheckpointStore() = default;
  // Keeps `records` as checkpoint `name` (replacing one of that name whole, or not at all). Errors:
  // InvalidParameterValue for a bad name, InternalError (detail for the log).
  virtual Result<CheckpointInfo> Save(const std::string& name, const std::optional<std::string>& account,
                                      std::int64_t saved_ms, const std::vector<Record>& records) = 0;
  // The checkpoint `name`, nullopt when there is none. Errors: InternalError (unreadable or damaged).
  virtual Result<std::optional<Checkpoint>> Load(const std::string& name) = 0;
  // What Load would find without reading the records; nullopt when there is none.
  virtual Result<std::optional<CheckpointInfo>> Info(const std::string& name) = 0;
  // Every checkpoint, by name (one that cannot be read is left out, and logged).
  virtual Result<std::vector<CheckpointInfo>> List() = 0;
  // false when there was none. Errors: InternalError.
  virtual Result<bool> Delete(const std::string& name) = 0;
};

}  // namespace localec2::model
