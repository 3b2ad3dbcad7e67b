// The model's only window on durability. A mutation is computed as a ChangeSet, committed through the
// Store, and applied to memory only when the commit succeeded: a refused or failed change leaves the
// state exactly as it was.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct Record {
  Scope scope;
  Resource resource;
};

struct RecordKey {
  Scope scope;
  std::string type;  // ResourceType()
  std::string id;
};

struct ChangeSet {
  std::vector<Record> puts;  // inserted or replaced whole
  std::vector<RecordKey> deletes;
  bool wipe_all = false;  // applied before puts and deletes
  std::optional<std::string> wipe_account;
};

class Store {
 public:
  virtual ~Store() = default;
  // Makes `change` durable, all of it or none of it. Errors: InternalError (detail in the message, for
  // the log only).
  virtual Status Commit(const ChangeSet& change) = 0;
  // Whether the Store can take `change` at all (sandbox mode refuses what it cannot run). Asked under the
  // engine's lock before a Write applies its change, so a refusal changes nothing and fails no other writer.
  virtual Status Admit(const ChangeSet&) { return Ok{}; }
  // Makes `changes` durable in their order, all of them or none (one transaction): what concurrent writers
  // committed together (Ec2's group commit). The default commits them one by one, which is all or none
  // only for a single change: fine for NullStore and test doubles, not for a durable store.
  virtual Status CommitGroup(std::span<const ChangeSet> changes) {
    for (const ChangeSet& change : changes) {
      if (auto committed = Commit(change); !committed) return committed;
    }
    return Ok{};
  }
};

// For --in-memory runs and tests: accepts every change and keeps nothing.
class NullStore : public Store {
 public:
  Status Commit(const ChangeSet&) override { return Ok{}; }
};

}  // namespace localec2::model
