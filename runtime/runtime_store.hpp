// The seam between the model and sandbox mode: a Store decorator. Every ChangeSet the model commits goes to
// the real Store first; once it is durable, the runtime learns of it (and derives boots, stops, SSH
// publishing and data removal from the records). A failed commit reaches nobody. Before a change is
// applied (Admit), the runtime may refuse what it cannot run (a Windows instance: UnsupportedOperation), so
// nothing is recorded and the writers committing beside it are not affected.
#pragma once

#include <span>

#include "model/core/store.hpp"
#include "runtime/sandbox_runtime.hpp"

namespace localec2::runtime {

class RuntimeStore : public model::Store {
 public:
  RuntimeStore(model::Store& inner, SandboxRuntime& runtime) : inner_(inner), runtime_(runtime) {}
  model::Status Admit(const model::ChangeSet& change) override { return runtime_.Check(change); }
  model::Status Commit(const model::ChangeSet& change) override {
    if (auto runnable = runtime_.Check(change); !runnable) return runnable;
    auto committed = inner_.Commit(change);
    if (committed) runtime_.Applied(change);
    return committed;
  }
  model::Status CommitGroup(std::span<const model::ChangeSet> changes) override {
    auto committed = inner_.CommitGroup(changes);  // each change was admitted before it was applied
    if (committed) {
      for (const model::ChangeSet& change : changes) runtime_.Applied(change);
    }
    return committed;
  }

 private:
  model::Store& inner_;
  SandboxRuntime& runtime_;
};

}  // namespace localec2::runtime
