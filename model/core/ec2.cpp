#include "model/core/ec2.hpp"

#include "model/core/tx.hpp"

namespace localec2::model {

void Partition::IndexTags(const Instance& instance, bool add) {
  for (const auto& [key, value] : instance.tags) {
    if (add) {
      instance_tags[key][value].insert(instance.instance_id);
      continue;
    }
    auto by_key = instance_tags.find(key);
    if (by_key == instance_tags.end()) continue;
    auto by_value = by_key->second.find(value);
    if (by_value == by_key->second.end()) continue;
    by_value->second.erase(instance.instance_id);
    if (by_value->second.empty()) by_key->second.erase(by_value);
    if (by_key->second.empty()) instance_tags.erase(by_key);
  }
}

std::vector<const Partition*> View::RegionPartitions(std::string_view region) const {
  std::vector<const Partition*> found;
  for (const auto& [key, partition] : engine_.partitions_) {
    if (partition->scope.region == region) found.push_back(partition.get());
  }
  return found;
}

Ec2::Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys)
    : store_(store), clock_(clock), ids_(ids), keys_(keys) {}
Ec2::~Ec2() = default;

Partition& Ec2::PartitionFor(const Caller& caller) {
  auto& slot = partitions_[PartitionKey(caller.account_id, caller.region)];
  if (!slot) {
    slot = std::make_unique<Partition>();
    slot->scope = {caller.account_id, caller.region};
    AddDefaults(*slot);
  }
  return *slot;
}

void Ec2::Apply(ChangeSet&& change) {
  if (change.wipe_all) partitions_.clear();
  if (change.wipe_account) {
    std::erase_if(partitions_,
                  [&](const auto& entry) { return entry.second->scope.account_id == *change.wipe_account; });
  }
  for (Record& record : change.puts) {
    Partition& p = PartitionFor({record.scope.account_id, record.scope.region});
    std::visit(
        [&]<class T>(T& resource) {
          auto& slot = MapOf<T>(p)[resource.*ResourceTraits<T>::kId];
          if constexpr (std::is_same_v<T, Instance>) {
            p.IndexTags(slot, false);  // the old tags (none for a new instance)
            p.IndexTags(resource, true);
          }
          if constexpr (std::is_same_v<T, NetworkInterface> || std::is_same_v<T, Address>) {
            p.Index(slot, false);  // the old record (an empty one for a new resource)
            p.Index(resource, true);
          }
          slot = std::move(resource);  // the change is spent: committed, and applied only here
          if constexpr (std::is_same_v<T, Subnet>) p.RefreshAvailable(slot.subnet_id);
          if constexpr (std::is_same_v<T, RemovedDefault>) EraseFrom(p, slot.type, slot.id);
        },
        record.resource);
  }
  for (const RecordKey& key : change.deletes) {
    EraseFrom(PartitionFor({key.scope.account_id, key.scope.region}), key.type, key.id);
  }
}

void Ec2::EraseFrom(Partition& p, std::string_view type, const std::string& id) {
  ForEachResourceType([&]<class T>() {
    if (type != ResourceTraits<T>::kType) return;
    auto& map = MapOf<T>(p);
    auto it = map.find(id);
    if (it == map.end()) return;
    if constexpr (std::is_same_v<T, Instance>) p.IndexTags(it->second, false);
    if constexpr (std::is_same_v<T, NetworkInterface> || std::is_same_v<T, Address>)
      p.Index(it->second, false);
    map.erase(it);
  });
}

void Ec2::Restore(std::vector<Record> records) {
  std::lock_guard lock(mutex_);
  ChangeSet change;
  change.puts = std::move(records);
  Apply(std::move(change));
}

Status Ec2::Reset(const std::optional<std::string>& account_id) {
  auto lock = LockQuiescent();
  ChangeSet change;
  change.wipe_all = !account_id.has_value();
  change.wipe_account = account_id;
  return CommitAndApply(std::move(change));
}

}  // namespace localec2::model
