// How a family's call reaches the state: Ec2::Read hands it a View, Ec2::Write a Tx, both for the
// caller's account and region and under the engine's one lock for the whole call.
//
//   Result<Foo> DoFoo(Ec2& ec2, const Caller& caller, const FooRequest& request) {
//     return ec2.Write(caller, [&](Tx& tx) -> Result<Foo> {
//       auto found = tx.Find<Instance>(request.instance_id);  // Malformed / NotFound from the traits
//       if (!found) return std::move(found).error();
//       …check every rule, then tx.Put(changed) / tx.Erase<Volume>(id)…
//     });
//   }
//
// What a Tx puts and erases is one ChangeSet: Write applies it to memory and returns once the Store made it
// durable (a call that recorded nothing commits nothing), see ec2.hpp. An error returned by the work, or by
// the Store, leaves the state exactly as it was; reads inside the work see the state before the call.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/partition.hpp"
#include "model/core/resource_types.hpp"
#include "model/core/states.hpp"
#include "model/core/store.hpp"

namespace localec2::model {

class View {
 public:
  const Caller& caller() const { return caller_; }
  const Scope& scope() const { return partition_.scope; }
  // The caller's partition (created with its derived defaults on first use).
  const Partition& partition() const { return partition_; }
  std::int64_t now() const { return now_; }  // the clock, read once per call
  const LifecycleTiming& timing() const { return engine_.timing_; }
  // Not const: the catalog builds a region's images on first use (under the lock).
  ImageCatalog& catalog() const { return engine_.catalog_; }
  // Every partition of `region`, the caller's included: what other accounts share is found there.
  std::vector<const Partition*> RegionPartitions(std::string_view region) const;

  // The caller's `T` with `id`: its Malformed error for an id not of its shape, NotFound when absent.
  template <class T>
  Result<const T*> Find(const std::string& id) const {
    return model::Find<T>(partition_, id);
  }

 protected:
  friend class Ec2;
  View(Ec2& engine, const Caller& caller, Partition& partition, std::int64_t now)
      : engine_(engine), caller_(caller), partition_(partition), now_(now) {}

  Ec2& engine_;
  Caller caller_;
  Partition& partition_;
  std::int64_t now_;
};

class Tx : public View {
 public:
  // Records `resource` (inserted or replaced whole) in the caller's partition.
  void Put(Resource resource) { change_.puts.push_back({scope(), std::move(resource)}); }
  // Removes the caller's `T` with `id` (for good: a derived default is recorded as removed).
  template <class T>
  void Erase(const std::string& id) {
    const std::string type(ResourceTraits<T>::kType);
    change_.deletes.push_back({scope(), type, id});
    if (partition().derived_ids.contains(id))
      Put(RemovedDefault{"removed-default-" + type + "/" + id, type, id, {}});
  }
  std::string NewId(std::string_view prefix) { return engine_.ids_.NewId(prefix); }

 private:
  friend class Ec2;
  using View::View;

  ChangeSet change_;
};

template <class Work>
auto Ec2::Read(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, const View&> {
  std::lock_guard lock(mutex_);
  const View view(*this, caller, PartitionFor(caller), clock_.NowMs());
  return work(view);
}

template <class Work>
auto Ec2::Write(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, Tx&> {
  std::uint64_t seq = 0;
  std::unique_lock lock(mutex_);
  Tx tx(*this, caller, PartitionFor(caller), clock_.NowMs());
  auto result = work(tx);
  if (!result) return result;
  if (tx.change_.puts.empty() && tx.change_.deletes.empty()) {
    // Nothing to make durable, but the answer may rest on changes still being committed (a ClientToken
    // retry finds its launch): it waits for them, and fails with them.
    seq = last_seq_ > rolled_back_through_ ? last_seq_ : 0;
  } else {
    if (auto admitted = store_.Admit(tx.change_); !admitted) return std::move(admitted).error();
    seq = ApplyAndQueue(std::move(tx.change_));
  }
  lock.unlock();
  if (auto durable = AwaitDurable(seq); !durable) return std::move(durable).error();
  return result;
}

}  // namespace localec2::model
