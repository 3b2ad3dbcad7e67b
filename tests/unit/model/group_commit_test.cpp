// Group commit (model/core/group_commit.cpp): concurrent writers share one Store transaction, a writer
// answers only once its change is durable, and a group that fails to commit is undone with everything
// applied on top of it.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "model/catalogs/image_catalog.hpp"
#include "model/instances/instances.hpp"
#include "model/security/security.hpp"
#include "platform/key_sources.hpp"
#include "platform/random_id_source.hpp"
#include "tests/support/fake_clock.hpp"

using namespace localec2;

namespace {

// Holds its first group until released, records every group's size, and fails the groups it is told to.
class GatedStore : public model::Store {
 public:
  model::Status Commit(const model::ChangeSet& change) override {
    return CommitGroup(std::span<const model::ChangeSet>(&change, 1));
  }
  model::Status CommitGroup(std::span<const model::ChangeSet> changes) override {
    std::unique_lock lock(mutex);
    sizes.push_back(changes.size());
    entered.notify_all();
    released.wait(lock, [&] { return open; });
    if (fail_groups.contains(sizes.size())) return model::MakeError("InternalError", "disk full (scripted)");
    committed += changes.size();
    return model::Ok{};
  }
  void Open() {
    std::lock_guard lock(mutex);
    open = true;
    released.notify_all();
  }
  std::mutex mutex;
  std::condition_variable entered;
  std::condition_variable released;
  bool open = false;
  std::vector<size_t> sizes;
  std::set<size_t> fail_groups;  // 1-based group numbers that fail
  size_t committed = 0;          // changes made durable
};

struct Engine {
  GatedStore store;
  model::FakeClock clock;
  platform::RandomIdSource ids{7};
  platform::DirectKeySource keys;
  model::Ec2 ec2{store, clock, ids, keys};
  model::Caller alice{"111111111111", "us-east-1"};

  auto Create(const std::string& name) { return CreateSecurityGroup(ec2, alice, {name, "d", "", {}}); }
  size_t Groups() { return DescribeSecurityGroups(ec2, alice, {})->items.size(); }
};

// Waits until `n` writers other than the committer have applied their change (reads see it at once).
void AwaitApplied(Engine& e, size_t groups) {
  while (e.Groups() < groups) std::this_thread::yield();
}

}  // namespace

TEST_CASE("writers that queue behind a commit share the next transaction", "[group-commit]") {
  Engine e;
  const size_t before = e.Groups();  // the default group
  std::atomic<int> succeeded = 0;    // Catch2's assertions are not thread-safe: threads count, main checks
  std::thread first([&] { succeeded += e.Create("g0") ? 1 : 0; });
  {
    std::unique_lock lock(e.store.mutex);
    e.store.entered.wait(lock, [&] { return !e.store.sizes.empty(); });
  }
  std::vector<std::thread> others;
  for (int i = 1; i <= 3; ++i)
    others.emplace_back([&e, &succeeded, i] { succeeded += e.Create("g" + std::to_string(i)) ? 1 : 0; });
  AwaitApplied(e, before + 4);  // applied and visible, not yet durable
  CHECK(e.store.committed == 0);
  e.store.Open();
  first.join();
  for (std::thread& t : others) t.join();
  CHECK(succeeded == 4);
  CHECK(e.store.sizes == std::vector<size_t>{1, 3});
  CHECK(e.store.committed == 4);
}

TEST_CASE("a failed group is undone with every change applied on top of it", "[group-commit]") {
  Engine e;
  const size_t before = e.Groups();
  e.store.fail_groups = {1};
  std::atomic<int> failed = 0;
  std::thread first([&] {
    auto created = e.Create("g0");
    if (!created && created.error().code == "InternalError") ++failed;
  });
  {
    std::unique_lock lock(e.store.mutex);
    e.store.entered.wait(lock, [&] { return !e.store.sizes.empty(); });
  }
  std::vector<std::thread> others;
  for (int i = 1; i <= 3; ++i) {
    others.emplace_back([&e, &failed, i] {
      auto created = e.Create("g" + std::to_string(i));
      if (!created && created.error().code == "InternalError") ++failed;
    });
  }
  AwaitApplied(e, before + 4);
  e.store.Open();
  first.join();
  for (std::thread& t : others) t.join();
  CHECK(failed == 4);  // the group and the three changes made on top of it
  CHECK(e.Groups() == before);
  CHECK(e.store.committed == 0);
  // The engine carries on: the next change commits alone.
  REQUIRE(e.Create("after"));
  CHECK(e.Groups() == before + 1);
}

TEST_CASE("many writers: what answered is what is kept, through failed groups", "[group-commit]") {
  Engine e;
  e.store.Open();
  e.store.fail_groups = {3, 7, 8, 20};
  const size_t before = e.Groups();
  std::atomic<int> succeeded = 0;
  std::atomic<int> other_errors = 0;
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t) {
    writers.emplace_back([&e, &succeeded, &other_errors, t] {
      for (int i = 0; i < 40; ++i) {
        auto created = e.Create("w" + std::to_string(t) + "-" + std::to_string(i));
        if (created) {
          ++succeeded;
        } else if (created.error().code != "InternalError") {
          ++other_errors;
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  CHECK(e.Groups() == before + static_cast<size_t>(succeeded.load()));
  CHECK(e.store.committed == static_cast<size_t>(succeeded.load()));
  CHECK(succeeded < 240);
  CHECK(other_errors == 0);
}

TEST_CASE("a retry that finds a launch still being committed answers with it, or fails with it",
          "[group-commit]") {
  Engine e;
  e.store.fail_groups = {1};
  model::ImageCatalog catalog;
  model::RunInstancesRequest request;
  request.image_id = catalog.ForRegion("us-east-1").front().image_id;
  request.instance_type = "t3.micro";
  request.client_token = "once";
  std::atomic<int> failed = 0;
  std::thread first([&] { failed += RunInstances(e.ec2, e.alice, request) ? 0 : 1; });
  {
    std::unique_lock lock(e.store.mutex);
    e.store.entered.wait(lock, [&] { return !e.store.sizes.empty(); });
  }
  // The retry finds the first launch (applied, not yet durable) and records nothing: it waits for it.
  std::atomic<bool> retried = false;
  std::thread retry([&] {
    failed += RunInstances(e.ec2, e.alice, request) ? 0 : 1;
    retried = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(retried);
  e.store.Open();
  first.join();
  retry.join();
  CHECK(failed == 2);  // the launch failed to commit, so the answer that rested on it fails too
  CHECK(e.store.sizes.size() == 1);
  // After the undo, the same token launches anew, and a retry of it answers at once.
  auto launched = RunInstances(e.ec2, e.alice, request);
  REQUIRE(launched);
  auto again = RunInstances(e.ec2, e.alice, request);
  REQUIRE(again);
  CHECK(again->reservation_id == launched->reservation_id);
  CHECK(e.store.sizes.size() == 2);
}
