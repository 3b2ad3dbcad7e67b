// The engine's whole-state calls behind checkpoints: copy every record out, replace every record.
#include <mutex>

#include "model/core/ec2.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/resource_types.hpp"
#include "model/core/tx.hpp"

namespace localec2::model {

std::vector<Record> Ec2::Records(const std::optional<std::string>& account_id) {
  std::vector<Record> records;
  auto lock = LockQuiescent();  // nothing applied that is not durable yet
  size_t total = 0;
  for (const auto& [key, partition] : partitions_) {
    if (account_id && partition->scope.account_id != *account_id) continue;
    const Partition& p = *partition;  // named: clang 14 refuses a lambda capturing a structured binding
    ForEachResourceType([&]<class T>() { total += MapOf<T>(p).size(); });
  }
  records.reserve(total);
  for (const auto& [key, partition] : partitions_) {
    if (account_id && partition->scope.account_id != *account_id) continue;
    const Partition& p = *partition;
    ForEachResourceType([&]<class T>() {
      for (const auto& [id, resource] : MapOf<T>(p)) records.push_back({p.scope, Resource(resource)});
    });
  }
  return records;
}

Status Ec2::ReplaceState(std::vector<Record> records, const std::optional<std::string>& account_id) {
  if (account_id) {
    for (const Record& record : records) {
      if (record.scope.account_id != *account_id) {
        return MakeError(codes::kInvalidParameterValue, "A record of account " + record.scope.account_id +
                                                            " cannot replace account " + *account_id +
                                                            "'s state.");
      }
    }
  }
  auto lock = LockQuiescent();
  ChangeSet change;
  change.wipe_all = !account_id.has_value();
  change.wipe_account = account_id;
  change.puts = std::move(records);
  return CommitAndApply(std::move(change));
}

}  // namespace localec2::model
