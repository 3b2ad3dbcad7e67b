// The durable copy of the model's state, in one SQLite database (WAL). Schema, versioned by
// PRAGMA user_version and migrated forward at open (see kMigrations in sqlite_store.cpp):
//   journal(seq, account_id, region, type, id, body) — one row per resource, body per record_codec.hpp;
//   rows in write order (a changed record is deleted and appended again); the key -> seq index is kept in
//   memory, so inserting a record with a random id writes near the end of the table, not on a random page.
// Durability: every ChangeSet is one transaction, committed before the model changes memory.
// synchronous=NORMAL in WAL mode: a committed change survives the process being killed at any moment;
// a power cut may lose the last few commits.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/core/store.hpp"

namespace localec2::storage {

class SqliteStore : public model::Store {
 public:
  // Opens or creates the database at `path` and migrates it. Errors: InternalError with SQLite's reason
  // (unwritable directory, not a database, a schema newer than this binary).
  static model::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  model::Status Commit(const model::ChangeSet& change) override;
  // One transaction for the whole group.
  model::Status CommitGroup(std::span<const model::ChangeSet> changes) override;

  // Every stored resource, for the model to restore at start-up, handed to `sink` a chunk at a time in
  // write order (so a restart never holds every record twice); the count of records.
  model::Result<size_t> LoadInto(const std::function<void(std::vector<model::Record>)>& sink);
  // Every stored resource at once (tests and tools).
  model::Result<std::vector<model::Record>> LoadAll();

  // The database's PRAGMA integrity_check answer ("ok" when sound).
  std::string IntegrityCheck();

  static constexpr int kSchemaVersion = 2;

 private:
  struct Impl;
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace localec2::storage
