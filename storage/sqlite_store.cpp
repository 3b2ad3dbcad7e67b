#include "storage/sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "model/core/error_codes.hpp"
#include "storage/record_codec.hpp"

namespace localec2::storage {
namespace {

// kMigrations[i] takes the schema from version i to i + 1. Append only; never edit a shipped one.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE resources (
      account_id TEXT NOT NULL,
      region     TEXT NOT NULL,
      type       TEXT NOT NULL,
      id         TEXT NOT NULL,
      body       TEXT NOT NULL,
      PRIMARY KEY (account_id, region, type, id)
    ) WITHOUT ROWID;
    )sql",
};
static_assert(std::size(kMigrations) == SqliteStore::kSchemaVersion);

model::Error Failure(std::string_view what, const std::exception& e) {
  return model::MakeError(model::codes::kInternalError, std::string(what) + ": " + e.what());
}

}  // namespace

namespace {

void Configure(SQLite::Database& db) {
  db.setBusyTimeout(5000);
  // One server owns its data directory. Exclusive locking also keeps WAL's index in heap memory rather
  // than a shared memory-mapped file, whose failed writes (full disk, read-only files) arrive as SIGBUS.
  db.exec("PRAGMA locking_mode = EXCLUSIVE");
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA wal_autocheckpoint = 8000");
  db.exec("PRAGMA cache_size = -65536");
  db.exec("PRAGMA foreign_keys = ON");
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > SqliteStore::kSchemaVersion) {
    throw std::runtime_error("the database has schema version " + std::to_string(version) +
                             ", newer than this localec2 (" + std::to_string(SqliteStore::kSchemaVersion) +
                             ")");
  }
  for (; version < SqliteStore::kSchemaVersion; ++version) {
    SQLite::Transaction transaction(db);
    db.exec(kMigrations[version]);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    transaction.commit();
  }
}

SQLite::Database OpenConfigured(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
  Configure(db);
  return db;
}

}  // namespace

struct SqliteStore::Impl {
  SQLite::Database db;  // configured and migrated before the statements below are prepared
  SQLite::Statement upsert;
  SQLite::Statement erase;

  explicit Impl(const std::string& path)
      : db(OpenConfigured(path)),
        upsert(db,
               "INSERT INTO resources (account_id, region, type, id, body) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (account_id, region, type, id) DO UPDATE SET body = excluded.body"),
        erase(db, "DELETE FROM resources WHERE account_id = ? AND region = ? AND type = ? AND id = ?") {}
};

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() = default;

model::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  try {
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::make_unique<Impl>(path)));
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_BUSY) {
      return model::MakeError(
          model::codes::kInternalError,
          "cannot open database " + path +
              ": it is in use by another process (is another localec2 using this data directory?)");
    }
    return Failure("cannot open database " + path, e);
  } catch (const std::exception& e) {
    return Failure("cannot open database " + path, e);
  }
}

model::Status SqliteStore::Commit(const model::ChangeSet& change) {
  try {
    SQLite::Transaction transaction(impl_->db);
    if (change.wipe_all) impl_->db.exec("DELETE FROM resources");
    if (change.wipe_account) {
      SQLite::Statement wipe(impl_->db, "DELETE FROM resources WHERE account_id = ?");
      wipe.bind(1, *change.wipe_account);
      wipe.exec();
    }
    for (const model::Record& record : change.puts) {
      SQLite::Statement& s = impl_->upsert;
      s.reset();
      s.bind(1, record.scope.account_id);
      s.bind(2, record.scope.region);
      s.bind(3, std::string(model::ResourceType(record.resource)));
      s.bind(4, model::ResourceId(record.resource));
      s.bind(5, EncodeResource(record.resource));
      s.exec();
    }
    for (const model::RecordKey& key : change.deletes) {
      SQLite::Statement& s = impl_->erase;
      s.reset();
      s.bind(1, key.scope.account_id);
      s.bind(2, key.scope.region);
      s.bind(3, key.type);
      s.bind(4, key.id);
      s.exec();
    }
    transaction.commit();
    return model::Ok{};
  } catch (const SQLite::Exception& e) {
    impl_->upsert.reset();
    impl_->erase.reset();
    // A full disk or a data directory that turned read-only is the user's to fix: say so plainly.
    const int code = e.getErrorCode();
    if (code == SQLITE_FULL || code == SQLITE_READONLY || code == SQLITE_IOERR || code == SQLITE_CANTOPEN ||
        code == SQLITE_PERM) {
      return model::MakeError(model::codes::kServiceUnavailable,
                              std::string("localec2 cannot write its data directory (") + e.getErrorStr() +
                                  "); the change was not made.");
    }
    return Failure("commit failed", e);
  } catch (const std::exception& e) {
    impl_->upsert.reset();
    impl_->erase.reset();
    return Failure("commit failed", e);
  }
}

model::Result<std::vector<model::Record>> SqliteStore::LoadAll() {
  try {
    std::vector<model::Record> records;
    SQLite::Statement query(impl_->db, "SELECT account_id, region, type, body FROM resources");
    while (query.executeStep()) {
      auto resource = DecodeResource(query.getColumn(2).getString(), query.getColumn(3).getString());
      if (!resource) return std::move(resource).error();
      records.push_back(
          {{query.getColumn(0).getString(), query.getColumn(1).getString()}, std::move(*resource)});
    }
    return records;
  } catch (const std::exception& e) {
    return Failure("cannot read the database", e);
  }
}

std::string SqliteStore::IntegrityCheck() {
  try {
    return impl_->db.execAndGet("PRAGMA integrity_check").getString();
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace localec2::storage
