#include "storage/sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

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
    // Version 2: an append-ordered table. Ids are random, so the keyed table of version 1 put every new
    // record on a random page of a tree of multi-kilobyte rows: about 80 dirty pages (320 KB of WAL) for
    // a batch of ten instances. New rows now land at the end of the table; the key lives in memory.
    R"sql(
    CREATE TABLE journal (
      seq        INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL,
      region     TEXT NOT NULL,
      type       TEXT NOT NULL,
      id         TEXT NOT NULL,
      body       TEXT NOT NULL
    );
    INSERT INTO journal (account_id, region, type, id, body)
      SELECT account_id, region, type, id, body FROM resources;
    DROP TABLE resources;
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
  db.exec("PRAGMA wal_autocheckpoint = 1000");
  // 2 MiB: writes append near the end of the journal and a restart reads it once, front to back.
  db.exec("PRAGMA cache_size = -2048");
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

// The journal's key for a record: account, region, type and id, joined by NULs (none of them holds one).
std::string KeyOf(std::string_view account, std::string_view region, std::string_view type,
                  std::string_view id) {
  std::string key;
  key.reserve(account.size() + region.size() + type.size() + id.size() + 3);
  key.append(account).append(1, '\0').append(region).append(1, '\0').append(type).append(1, '\0').append(id);
  return key;
}

struct StoredRow {
  std::string account_id;
  std::string region;
  std::string type;
  std::string body;
};

// Decodes `rows` into records, in order, splitting the work across the machine's cores. The first
// corrupt row (in row order) is the error.
model::Result<std::vector<model::Record>> DecodeRows(std::vector<StoredRow> rows) {
  std::vector<std::optional<model::Record>> decoded(rows.size());
  std::vector<std::optional<model::Error>> errors(rows.size());
  auto decode_range = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      auto resource = DecodeResource(rows[i].type, rows[i].body);
      if (!resource) {
        errors[i] = std::move(resource).error();
        continue;
      }
      std::string().swap(rows[i].body);  // the body is spent: give its memory back early
      decoded[i] =
          model::Record{{std::move(rows[i].account_id), std::move(rows[i].region)}, std::move(*resource)};
    }
  };
  const size_t workers =
      rows.size() < 512 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  const size_t chunk = (rows.size() + workers - 1) / workers;
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w)
    threads.emplace_back(decode_range, std::min(rows.size(), w * chunk),
                         std::min(rows.size(), (w + 1) * chunk));
  decode_range(0, std::min(rows.size(), chunk));
  for (std::thread& thread : threads) thread.join();
  std::vector<model::Record> records;
  records.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (errors[i]) return std::move(*errors[i]);
    records.push_back(std::move(*decoded[i]));
  }
  return records;
}

}  // namespace

struct SqliteStore::Impl {
  SQLite::Database db;  // configured and migrated before the statements below are prepared
  SQLite::Statement insert;
  SQLite::Statement erase;
  // The row (seq) that holds each live record. Built by LoadAll, or by the first Commit when nothing was
  // loaded; changed only after a commit succeeded, so it always describes the table.
  std::unordered_map<std::string, std::int64_t> seq_of;
  bool indexed = false;

  explicit Impl(const std::string& path)
      : db(OpenConfigured(path)),
        insert(db, "INSERT INTO journal (account_id, region, type, id, body) VALUES (?, ?, ?, ?, ?)"),
        erase(db, "DELETE FROM journal WHERE seq = ?") {}

  void Index() {
    SQLite::Statement keys(db, "SELECT seq, account_id, region, type, id FROM journal ORDER BY seq");
    while (keys.executeStep()) {
      seq_of[KeyOf(keys.getColumn(1).getText(), keys.getColumn(2).getText(), keys.getColumn(3).getText(),
                   keys.getColumn(4).getText())] = keys.getColumn(0).getInt64();
    }
    indexed = true;
  }

  void EraseRow(std::int64_t seq) {
    erase.reset();
    erase.bind(1, seq);
    erase.exec();
  }
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
  return CommitGroup(std::span<const model::ChangeSet>(&change, 1));
}

model::Status SqliteStore::CommitGroup(std::span<const model::ChangeSet> changes) {
  try {
    if (!impl_->indexed) impl_->Index();
    // The rows these changes supersede are deleted in the same transaction. `staged` is what the index
    // becomes once it commits (nullopt: the record is gone), on top of the wipes.
    std::unordered_map<std::string, std::optional<std::int64_t>> staged;
    bool wiped_all = false;
    std::vector<std::string> wiped_accounts;  // as key prefixes
    auto wiped = [&](const std::string& key) {
      return wiped_all || std::any_of(wiped_accounts.begin(), wiped_accounts.end(),
                                      [&](const std::string& prefix) { return key.starts_with(prefix); });
    };
    auto current = [&](const std::string& key) -> std::optional<std::int64_t> {
      if (auto it = staged.find(key); it != staged.end()) return it->second;
      if (wiped(key)) return std::nullopt;
      if (auto it = impl_->seq_of.find(key); it != impl_->seq_of.end()) return it->second;
      return std::nullopt;
    };
    SQLite::Transaction transaction(impl_->db);
    for (const model::ChangeSet& change : changes) {
      if (change.wipe_all) {
        impl_->db.exec("DELETE FROM journal");
        wiped_all = true;
        staged.clear();
      }
      if (change.wipe_account) {
        SQLite::Statement wipe(impl_->db, "DELETE FROM journal WHERE account_id = ?");
        wipe.bind(1, *change.wipe_account);
        wipe.exec();
        std::string prefix = *change.wipe_account + '\0';
        std::erase_if(staged, [&](const auto& entry) { return entry.first.starts_with(prefix); });
        wiped_accounts.push_back(std::move(prefix));
      }
      for (const model::Record& record : change.puts) {
        const std::string_view type = model::ResourceType(record.resource);
        const std::string id = model::ResourceId(record.resource);
        std::string key = KeyOf(record.scope.account_id, record.scope.region, type, id);
        if (auto old = current(key)) impl_->EraseRow(*old);
        SQLite::Statement& s = impl_->insert;
        s.reset();
        s.bind(1, record.scope.account_id);
        s.bind(2, record.scope.region);
        s.bind(3, std::string(type));
        s.bind(4, id);
        s.bind(5, EncodeResource(record.resource));
        s.exec();
        staged[std::move(key)] = impl_->db.getLastInsertRowid();
      }
      for (const model::RecordKey& record : change.deletes) {
        std::string key = KeyOf(record.scope.account_id, record.scope.region, record.type, record.id);
        if (auto old = current(key)) impl_->EraseRow(*old);
        staged[std::move(key)] = std::nullopt;
      }
    }
    transaction.commit();
    if (wiped_all) impl_->seq_of.clear();
    for (const std::string& prefix : wiped_accounts)
      std::erase_if(impl_->seq_of, [&](const auto& entry) { return entry.first.starts_with(prefix); });
    for (auto& [key, seq] : staged) {
      if (seq) {
        impl_->seq_of[key] = *seq;
      } else {
        impl_->seq_of.erase(key);
      }
    }
    return model::Ok{};
  } catch (const SQLite::Exception& e) {
    impl_->insert.reset();
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
    impl_->insert.reset();
    impl_->erase.reset();
    return Failure("commit failed", e);
  }
}

model::Result<size_t> SqliteStore::LoadInto(const std::function<void(std::vector<model::Record>)>& sink) {
  try {
    // Rows are read in chunks and each chunk is decoded on every core, then handed on: decoding is most of
    // a restart's time, and only one chunk's bodies and records are held at a time.
    constexpr size_t kChunk = 2048;
    impl_->seq_of.clear();
    impl_->indexed = false;
    SQLite::Statement query(impl_->db,
                            "SELECT seq, account_id, region, type, id, body FROM journal ORDER BY seq");
    size_t count = 0;
    std::vector<StoredRow> rows;
    rows.reserve(kChunk);
    auto flush = [&]() -> model::Status {
      auto records = DecodeRows(std::move(rows));
      rows = {};
      rows.reserve(kChunk);
      if (!records) return std::move(records).error();
      count += records->size();
      sink(std::move(*records));
      return model::Ok{};
    };
    while (query.executeStep()) {
      StoredRow row{query.getColumn(1).getString(), query.getColumn(2).getString(),
                    query.getColumn(3).getString(), query.getColumn(5).getString()};
      // Commit keeps one row per key; a second one would be a defect, so it fails loudly here.
      if (!impl_->seq_of
               .emplace(KeyOf(row.account_id, row.region, row.type, query.getColumn(4).getText()),
                        query.getColumn(0).getInt64())
               .second) {
        return model::MakeError(
            model::codes::kInternalError,
            "the database holds two records for " + row.type + " " + query.getColumn(4).getString());
      }
      rows.push_back(std::move(row));
      if (rows.size() == kChunk) {
        if (auto flushed = flush(); !flushed) return std::move(flushed).error();
      }
    }
    if (auto flushed = flush(); !flushed) return std::move(flushed).error();
    impl_->indexed = true;
    return count;
  } catch (const std::exception& e) {
    return Failure("cannot read the database", e);
  }
}

model::Result<std::vector<model::Record>> SqliteStore::LoadAll() {
  std::vector<model::Record> all;
  auto loaded = LoadInto([&](std::vector<model::Record> chunk) {
    std::move(chunk.begin(), chunk.end(), std::back_inserter(all));
  });
  if (!loaded) return std::move(loaded).error();
  return all;
}

std::string SqliteStore::IntegrityCheck() {
  try {
    return impl_->db.execAndGet("PRAGMA integrity_check").getString();
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace localec2::storage
