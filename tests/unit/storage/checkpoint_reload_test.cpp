// Loading a checkpoint again gives the same records, and follows its file: saved again, damaged by hand or
// deleted, a load answers what the file now holds.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "storage/checkpoint_stores.hpp"
#include "storage/record_codec.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
namespace fs = std::filesystem;

namespace {

struct CacheDir {
  fs::path path = fs::temp_directory_path() / ("localec2-ckpt-cache-" + std::to_string(::getpid()));
  ~CacheDir() { fs::remove_all(path); }
};

std::vector<std::string> KeyNames(const model::Checkpoint& checkpoint) {
  std::vector<std::string> names;
  for (const auto& record : checkpoint.records) {
    if (const auto* key = std::get_if<model::KeyPair>(&record.resource)) names.push_back(key->key_name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE_METHOD(test::ModelFixture, "a checkpoint loaded again is the same, and follows its file",
                 "[storage][checkpoint]") {
  CacheDir dir;
  storage::DirectoryCheckpointStore store(dir.path);
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(store.Save("lab", std::nullopt, 1, ec2.Records(std::nullopt)));
  auto first = store.Load("lab");
  REQUIRE((first && *first));
  auto second = store.Load("lab");
  REQUIRE((second && *second));
  CHECK(KeyNames(**second) == std::vector<std::string>{"a"});
  REQUIRE((*second)->records.size() == (*first)->records.size());
  for (size_t i = 0; i < (*first)->records.size(); ++i) {
    CHECK(storage::EncodeResource((*second)->records[i].resource) ==
          storage::EncodeResource((*first)->records[i].resource));
  }

  // Saved again under the same name: the new content.
  REQUIRE(CreateKeyPair(ec2, alice, {"b", "ed25519", "pem", {}}));
  REQUIRE(store.Save("lab", std::nullopt, 2, ec2.Records(std::nullopt)));
  auto resaved = store.Load("lab");
  REQUIRE((resaved && *resaved));
  CHECK(KeyNames(**resaved) == std::vector<std::string>{"a", "b"});

  // Damaged by hand: refused, not answered from memory.
  { std::ofstream(dir.path / "lab.ckpt", std::ios::app) << "half a line"; }
  auto damaged = store.Load("lab");
  CHECK_FALSE(damaged);

  // Deleted: gone.
  REQUIRE(store.Delete("lab"));
  auto deleted = store.Load("lab");
  REQUIRE(deleted);
  CHECK_FALSE(*deleted);
}
