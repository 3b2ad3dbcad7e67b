// Where checkpoints are kept: files under the data directory, or memory (--in-memory).
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "model/core/checkpoint_store.hpp"

namespace localec2::storage {

// One file per checkpoint, DIR/NAME.ckpt (checkpoint_codec.hpp's text). Crash-safe: a save writes
// DIR/.tmp-…, fsyncs it, renames it over NAME.ckpt and fsyncs DIR, so a checkpoint is either whole or
// absent whatever moment the process dies; only *.ckpt files are listed, and leftover temporary files
// are removed when the store is opened. DIR is created at the first save.
class DirectoryCheckpointStore : public model::CheckpointStore {
 public:
  explicit DirectoryCheckpointStore(std::filesystem::path dir);

  model::Result<model::CheckpointInfo> Save(const std::string& name,
                                            const std::optional<std::string>& account, std::int64_t saved_ms,
                                            const std::vector<model::Record>& records) override;
  model::Result<std::optional<model::Checkpoint>> Load(const std::string& name) override;
  model::Result<std::optional<model::CheckpointInfo>> Info(const std::string& name) override;
  model::Result<std::vector<model::CheckpointInfo>> List() override;
  model::Result<bool> Delete(const std::string& name) override;

 private:
  std::filesystem::path PathOf(const std::string& name) const;
  std::filesystem::path dir_;
  std::atomic<unsigned long long> temp_counter_{0};
};

// The same texts kept in memory, gone at exit.
class MemoryCheckpointStore : public model::CheckpointStore {
 public:
  model::Result<model::CheckpointInfo> Save(const std::string& name,
                                            const std::optional<std::string>& account, std::int64_t saved_ms,
                                            const std::vector<model::Record>& records) override;
  model::Result<std::optional<model::Checkpoint>> Load(const std::string& name) override;
  model::Result<std::optional<model::CheckpointInfo>> Info(const std::string& name) override;
  model::Result<std::vector<model::CheckpointInfo>> List() override;
  model::Result<bool> Delete(const std::string& name) override;

 private:
  std::mutex mutex_;
  std::map<std::string, std::pair<model::CheckpointInfo, std::shared_ptr<const std::string>>> kept_;
};

}  // namespace localec2::storage
