// Group commit: writers apply their change under the engine's lock and queue it; the Store writes the
// queue outside the lock, many changes per transaction, so concurrent writers share one commit and the
// lock is never held across I/O. See ec2.hpp for the guarantees.
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "model/core/ec2.hpp"
#include "model/core/partition.hpp"
#include "model/core/resource_types.hpp"

namespace localec2::model {
namespace {

// The record `type`/`id` of partition `p` as it is now, if any.
std::optional<Resource> Current(const Partition& p, std::string_view type, const std::string& id) {
  std::optional<Resource> found;
  ForEachResourceType([&]<class T>() {
    if (type != ResourceTraits<T>::kType) return;
    if (const T* resource = Lookup<T>(p, id)) found = Resource(*resource);
  });
  return found;
}

}  // namespace

ChangeSet Ec2::UndoOf(const ChangeSet& change) {
  ChangeSet undo;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;  // each key once
  auto restore = [&](const Scope& scope, std::string_view type, const std::string& id) {
    if (!seen.emplace(scope.account_id, scope.region, std::string(type), id).second) return;
    const Partition& p = PartitionFor({scope.account_id, scope.region});
    if (auto before = Current(p, type, id)) {
      undo.puts.push_back({scope, std::move(*before)});
    } else {
      undo.deletes.push_back({scope, std::string(type), id});
    }
  };
  for (const Record& record : change.puts)
    restore(record.scope, ResourceType(record.resource), ResourceId(record.resource));
  for (const RecordKey& key : change.deletes) restore(key.scope, key.type, key.id);
  return undo;
}

std::uint64_t Ec2::ApplyAndQueue(ChangeSet change) {
  ChangeSet undo = UndoOf(change);
  ChangeSet applied = change;  // the Store encodes its own copy later, outside the lock
  Apply(std::move(applied));
  queued_.push_back({++last_seq_, std::move(change), std::move(undo)});
  return last_seq_;
}

Status Ec2::AwaitDurable(std::uint64_t seq) {
  std::unique_lock durable(durable_mutex_);
  while (true) {
    if (durable_seq_ >= seq) return Ok{};
    if (failed_seq_ >= seq) return failure_;
    if (committing_) {
      durable_cv_.wait(durable);
      continue;
    }
    // Nobody is committing: this writer commits everything queued so far, its own change included.
    committing_ = true;
    durable.unlock();
    std::vector<Pending> group;
    {
      std::lock_guard lock(mutex_);
      group.swap(queued_);
    }
    if (group.empty()) {  // an earlier committer settled everything: the check above answers
      durable.lock();
      committing_ = false;
      continue;
    }
    std::vector<ChangeSet> changes;
    changes.reserve(group.size());
    for (Pending& pending : group) changes.push_back(std::move(pending.change));
    Status committed = store_.CommitGroup(changes);
    if (committed) {
      durable.lock();
      durable_seq_ = group.back().seq;
      committing_ = false;
      durable_cv_.notify_all();
      continue;
    }
    // Undo the group and everything applied on top of it since, newest first; all of them fail.
    std::lock_guard lock(mutex_);
    for (auto it = queued_.rbegin(); it != queued_.rend(); ++it) Apply(std::move(it->undo));
    for (auto it = group.rbegin(); it != group.rend(); ++it) Apply(std::move(it->undo));
    queued_.clear();
    rolled_back_through_ = last_seq_;
    durable.lock();
    failed_seq_ = last_seq_;
    failure_ = committed.error();
    committing_ = false;
    durable_cv_.notify_all();
  }
}

std::unique_lock<std::mutex> Ec2::LockQuiescent() {
  while (true) {
    std::unique_lock lock(mutex_);
    std::uint64_t last = last_seq_;
    {
      std::lock_guard durable(durable_mutex_);
      if (queued_.empty() && !committing_) return lock;
    }
    lock.unlock();
    (void)AwaitDurable(last);  // its outcome belongs to the writers that queued; only the wait matters here
  }
}

Status Ec2::CommitAndApply(ChangeSet change) {
  if (auto committed = store_.Commit(change); !committed) return committed;
  Apply(std::move(change));
  return Ok{};
}

}  // namespace localec2::model
