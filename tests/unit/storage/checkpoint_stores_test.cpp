#include "storage/checkpoint_stores.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/core/error_codes.hpp"
#include "storage/checkpoint_codec.hpp"
#include "storage/record_codec.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
namespace fs = std::filesystem;

namespace {

// The records of a small state: two accounts' key pairs over their derived defaults.
std::vector<model::Record> SomeRecords(test::ModelFixture& f) {
  REQUIRE(CreateKeyPair(f.ec2, f.alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(CreateKeyPair(f.ec2, f.bob, {"b", "ed25519", "pem", {}}));
  return f.ec2.Records(std::nullopt);
}

std::vector<std::string> Encoded(const std::vector<model::Record>& records) {
  std::vector<std::string> out;
  for (const auto& record : records) {
    out.push_back(record.scope.account_id + " " + record.scope.region + " " +
                  storage::EncodeResource(record.resource));
  }
  return out;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("localec2-ckpt-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE_METHOD(test::ModelFixture, "a checkpoint's text decodes to the records it was made of",
                 "[storage][checkpoint]") {
  const auto records = SomeRecords(*this);
  auto info = storage::DescribeCheckpoint("lab", std::nullopt, 1764900000123, records);
  CHECK(info.resources == records.size());
  CHECK(info.counts.at("key-pair") == 2);
  const std::string text = storage::EncodeCheckpoint(info, records);
  auto decoded = storage::DecodeCheckpoint(text);
  REQUIRE(decoded);
  CHECK(decoded->info.name == "lab");
  CHECK(decoded->info.saved_ms == 1764900000123);
  CHECK_FALSE(decoded->info.account.has_value());
  CHECK(decoded->info.size_bytes == text.size());
  CHECK(decoded->info.counts == info.counts);
  CHECK(Encoded(decoded->records) == Encoded(records));

  // Damage is refused whole, naming what is wrong.
  auto cut = storage::DecodeCheckpoint(text.substr(0, text.size() - 10));
  REQUIRE_FALSE(cut);
  CHECK(cut.error().message == "damaged checkpoint: the last line is cut short");
  auto short_by_a_line = storage::DecodeCheckpoint(text.substr(0, text.rfind('\n', text.size() - 2) + 1));
  REQUIRE_FALSE(short_by_a_line);
  CHECK(short_by_a_line.error().message.starts_with("damaged checkpoint: holds " +
                                                    std::to_string(records.size() - 1) + " records"));
  CHECK(storage::DecodeCheckpoint("").error().message == "damaged checkpoint: no header line");
  CHECK(storage::DecodeCheckpoint("{}\n").error().message == "damaged checkpoint: no checkpoint header");
  std::string bad_body = text;
  bad_body.replace(bad_body.rfind("\t{") + 1, 1, "[");
  CHECK_FALSE(storage::DecodeCheckpoint(bad_body));
}

TEST_CASE_METHOD(test::ModelFixture, "checkpoint files: save, list, load, delete, and crash leftovers",
                 "[storage][checkpoint]") {
  const auto records = SomeRecords(*this);
  TempDir dir;
  {
    storage::DirectoryCheckpointStore store(dir.path / "checkpoints");
    auto empty = store.List();
    REQUIRE(empty);
    CHECK(empty->empty());  // the directory does not exist yet
    auto saved = store.Save("lab-1", std::string("111111111111"), 1000, records);
    REQUIRE(saved);
    CHECK(saved->size_bytes == fs::file_size(dir.path / "checkpoints" / "lab-1.ckpt"));
    REQUIRE(store.Save("lab-0", std::nullopt, 2000, records));
    REQUIRE(store.Save("lab-0", std::nullopt, 3000, records));  // replaced whole
  }
  // A save that died before its rename left a temporary file: reopening removes it, and it never lists.
  std::ofstream(dir.path / "checkpoints" / ".tmp-lab-2-1-0") << "half";
  std::ofstream(dir.path / "checkpoints" / "notes.txt") << "not a checkpoint";
  storage::DirectoryCheckpointStore store(dir.path / "checkpoints");
  CHECK_FALSE(fs::exists(dir.path / "checkpoints" / ".tmp-lab-2-1-0"));
  auto listed = store.List();
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  CHECK((*listed)[0].name == "lab-0");
  CHECK((*listed)[0].saved_ms == 3000);
  CHECK_FALSE((*listed)[0].account.has_value());
  CHECK((*listed)[1].name == "lab-1");
  CHECK((*listed)[1].account == "111111111111");
  CHECK((*listed)[1].resources == records.size());

  auto loaded = store.Load("lab-1");
  REQUIRE(loaded);
  REQUIRE(loaded->has_value());
  CHECK(Encoded((*loaded)->records) == Encoded(records));
  auto missing = store.Load("nope");
  REQUIRE(missing);
  CHECK_FALSE(missing->has_value());

  CHECK(*store.Delete("lab-1"));
  CHECK_FALSE(*store.Delete("lab-1"));
  CHECK(store.List()->size() == 1);

  // A damaged file is refused on load, not half restored.
  std::ofstream(dir.path / "checkpoints" / "broken.ckpt") << "garbage";
  CHECK(test::CodeOf(store.Load("broken")) == "InternalError");
  CHECK(store.List()->size() == 1);  // and not listed, without hiding the others

  // Names that could leave the directory are refused before any file is touched.
  for (const std::string& name : std::vector<std::string>{"../x", "/etc/passwd", "", ".hidden",
                                                          std::string("a\0b", 3), std::string(129, 'a')}) {
    INFO(name);
    CHECK(test::CodeOf(store.Save(name, std::nullopt, 0, records)) == "InvalidParameterValue");
    CHECK(test::CodeOf(store.Load(name)) == "InvalidParameterValue");
    CHECK(test::CodeOf(store.Delete(name)) == "InvalidParameterValue");
  }
  CHECK_FALSE(fs::exists(dir.path / "x.ckpt"));
}

TEST_CASE_METHOD(test::ModelFixture, "in-memory checkpoints behave as the files do",
                 "[storage][checkpoint]") {
  const auto records = SomeRecords(*this);
  storage::MemoryCheckpointStore store;
  auto saved = store.Save("m", std::string("222222222222"), 5, records);
  REQUIRE(saved);
  CHECK(saved->size_bytes > 0);
  auto info = store.Info("m");
  REQUIRE(info);
  REQUIRE(info->has_value());
  CHECK((*info)->size_bytes == saved->size_bytes);
  auto loaded = store.Load("m");
  REQUIRE(loaded);
  CHECK(Encoded((*loaded)->records) == Encoded(records));
  CHECK(store.List()->size() == 1);
  CHECK(*store.Delete("m"));
  CHECK(store.List()->empty());
  CHECK(test::CodeOf(store.Save("../m", std::nullopt, 0, records)) == "InvalidParameterValue");
}
