// The engine behind every family's calls: one lock, the per account/region partitions, and
// check-commit-apply. A family's call runs as Ec2::Write (a Tx) or Ec2::Read (a View), see tx.hpp: a
// mutating call checks every rule first, commits one ChangeSet through the Store, and only then changes
// memory; any error leaves state untouched. Reads never touch the Store. Thread-safe; calls are
// microseconds, so one lock serves.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/clock.hpp"
#include "model/core/filter.hpp"
#include "model/core/ids.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/store.hpp"
#include "model/core/tagging.hpp"
#include "model/ebs/block_device_mapping.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/security/key_material.hpp"

namespace localec2::model {

struct Partition;
struct InstanceView;  // instances/instances.hpp
class View;
class Tx;

class Ec2 {
 public:
  Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys);
  ~Ec2();

  // Loads durable records at start-up (before any call), over the derived defaults.
  void Restore(std::vector<Record> records);
  // Test-suite reset: forgets every resource (of one account, when given).
  Status Reset(const std::optional<std::string>& account_id);
  // Replaces the public image catalog (at start-up, before any call).
  void SetCatalog(std::vector<CatalogEntry> entries);
  void SetLifecycleTiming(const LifecycleTiming& timing);
  const Clock& clock() const { return clock_; }
  // Thread-safe: slow key generation (RSA) runs outside the lock, before the call's Write.
  KeySource& keys() { return keys_; }

  // Runs `work(tx)` (returning a Result) under the lock for `caller`'s partition, then commits what the
  // Tx put and erased as one ChangeSet and applies it. An error from `work` or the Store changes nothing.
  template <class Work>
  auto Write(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, Tx&>;
  // Runs `work(view)` under the lock for `caller`'s partition and returns what it returns.
  template <class Work>
  auto Read(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, const View&>;


 private:
  friend class View;
  friend class Tx;
  Partition& PartitionFor(const Caller& caller);
  // A View for the members not yet moved to their family's free functions (lock held).
  View ViewFor(const Caller& caller);
  Status CommitAndApply(ChangeSet change);
  InstanceView ViewOf(const Partition& p, const Instance& instance);
  // The instances `ids` names, or InvalidInstanceID.Malformed/NotFound.
  Result<std::vector<const Instance*>> FindInstances(const Partition& p, const std::vector<std::string>& ids);
  void Apply(const ChangeSet& change);
  // Lookups across accounts (ebs_access.cpp). An image or snapshot the caller may use in `region`: its
  // own, one shared with it, a public one, or (images) the catalog's. Tombstones are not returned.
  const Image* VisibleImage(const Caller& caller, std::string_view region, const std::string& image_id);
  const Snapshot* VisibleSnapshot(const Caller& caller, std::string_view region, const std::string& id);
  // The image the caller may launch, or InvalidAMIID.Malformed/NotFound/Unavailable.
  Result<const Image*> LaunchableImage(const Caller& caller, const std::string& image_id);
  // The caller's own image for an owner-only call: InvalidAMIID.Malformed/NotFound (not visible),
  // AuthFailure (visible, not owned).
  Result<Image> OwnImage(const Caller& caller, const std::string& image_id);

  mutable std::mutex mutex_;
  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  KeySource& keys_;
  LifecycleTiming timing_;
  std::unordered_map<std::string, std::unique_ptr<Partition>> partitions_;  // key: account/region
  ImageCatalog catalog_;
};

}  // namespace localec2::model
