// The engine behind every family's calls: one lock, the per account/region partitions, and
// check-apply-commit. A family's call runs as Ec2::Write (a Tx) or Ec2::Read (a View), see tx.hpp: a
// mutating call checks every rule first and records one ChangeSet; it is applied to memory under the lock
// and made durable after the lock is released, together with the changes of the writers that queued
// meanwhile (group commit, group_commit.cpp); the call answers only once its change is durable. A group
// that fails to commit is undone in memory, with every change applied after it, and each of those calls
// answers the Store's error: the state is as if none of them had happened. Reads never touch the Store
// and may see a change whose call has not answered yet (as on EC2, a launched instance can show in
// DescribeInstances before RunInstances returns). Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/clock.hpp"
#include "model/core/ids.hpp"
#include "model/core/instance_runtime.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/store.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/security/key_material.hpp"

namespace localec2::model {

struct Partition;
class View;
class Tx;

class Ec2 {
 public:
  Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys);
  ~Ec2();

  // Loads durable records at start-up (before any call), over the derived defaults; may be called once per
  // chunk of records, in the order they were written.
  void Restore(std::vector<Record> records);
  // Test-suite reset: forgets every resource (of one account, when given).
  Status Reset(const std::optional<std::string>& account_id);
  // Checkpoints (ec2_state.cpp): a copy of every record in memory (of one account, when given), taken
  // under the lock in one go so it is consistent; derived defaults and RemovedDefault markers included.
  std::vector<Record> Records(const std::optional<std::string>& account_id);
  // Replaces the whole state (or one account's) with `records`, as one ChangeSet (wipe, then puts)
  // committed through the Store and then applied: all or nothing. Records of other accounts than
  // `account_id` are refused (InvalidParameterValue) before anything changes.
  Status ReplaceState(std::vector<Record> records, const std::optional<std::string>& account_id);
  // Replaces the public image catalog (at start-up, before any call).
  void SetCatalog(std::vector<CatalogEntry> entries);
  void SetLifecycleTiming(const LifecycleTiming& timing);
  const Clock& clock() const { return clock_; }
  // Sandbox mode: what really runs the instances reports through `view` (at start-up, before any call).
  void SetRuntimeView(InstanceRuntimeView* view) { runtime_view_ = view; }
  const InstanceRuntimeView* runtime_view() const { return runtime_view_; }  // nullptr in records mode
  InstanceRuntimeView* runtime_view() { return runtime_view_; }
  // Thread-safe: slow key generation (RSA) runs outside the lock, before the call's Write.
  KeySource& keys() { return keys_; }

  // Runs `work(tx)` (returning a Result) under the lock for `caller`'s partition, then commits what the
  // Tx put and erased as one ChangeSet (none when it recorded nothing) and applies it. An error from
  // `work` or the Store changes nothing.
  template <class Work>
  auto Write(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, Tx&>;
  // Runs `work(view)` under the lock for `caller`'s partition and returns what it returns.
  template <class Work>
  auto Read(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, const View&>;

 private:
  friend class View;
  friend class Tx;
  Partition& PartitionFor(const Caller& caller);
  void Apply(ChangeSet&& change);  // moves the records into the partitions
  static void EraseFrom(Partition& p, std::string_view type, const std::string& id);

  // Group commit (group_commit.cpp).
  struct Pending {
    std::uint64_t seq;
    ChangeSet change;  // for the Store
    ChangeSet undo;    // restores the state the change replaced
  };
  // Under mutex_: applies `change` now and queues it for the Store; its sequence number.
  std::uint64_t ApplyAndQueue(ChangeSet change);
  // Without mutex_: returns once change `seq` is durable, or with the error of the group that held it.
  Status AwaitDurable(std::uint64_t seq);
  // Under mutex_: the change that undoes `change` on the current state.
  ChangeSet UndoOf(const ChangeSet& change);
  // mutex_, taken when nothing is queued or being committed: for the calls that commit before they apply
  // (Reset, ReplaceState) and for consistent copies (Records).
  std::unique_lock<std::mutex> LockQuiescent();
  // Under LockQuiescent(): commits `change` alone, then applies it.
  Status CommitAndApply(ChangeSet change);

  mutable std::mutex mutex_;
  std::vector<Pending> queued_;            // applied, not yet taken by a committer (guarded by mutex_)
  std::uint64_t last_seq_ = 0;             // guarded by mutex_
  std::uint64_t rolled_back_through_ = 0;  // the last undone change (then memory is the durable state)
  mutable std::mutex durable_mutex_;       // taken after mutex_ when both are held, never before
  mutable std::condition_variable durable_cv_;
  std::uint64_t durable_seq_ = 0;  // every change up to it is durable (guarded by durable_mutex_)
  std::uint64_t failed_seq_ = 0;   // every change up to it that is not durable failed with failure_
  Error failure_;
  bool committing_ = false;  // a writer is committing a group outside mutex_
  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  KeySource& keys_;
  LifecycleTiming timing_;
  std::unordered_map<std::string, std::unique_ptr<Partition>> partitions_;  // key: account/region
  ImageCatalog catalog_;
  InstanceRuntimeView* runtime_view_ = nullptr;
};

}  // namespace localec2::model
