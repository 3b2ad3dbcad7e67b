// The seam between the model and sandbox mode: a Store decorator. Every ChangeSet the model commits goes to
// the real Store first; once it is durable, the runtime learns of it (and derives boots, stops, SSH
// publishing and data removal from the records). A failed commit reaches nobody. Before committing, the
// runtime may refuse what it cannot run (a Windows instance: UnsupportedOperation), so nothing is recorded.
#pragma once

#include "model/core/store.hpp"
#include "runtime/sandbox_runtime.hpp"

namespace localec2::runtime {

class RuntimeStore : public model::Store {
 public:
  RuntimeStore(model::Store& inner, SandboxRuntime& runtime) : inner_(inner), runtime_(runtime) {}
  model::Status Commit(const model::ChangeSet& change) override {
    if (auto runnable = runtime_.Check(change); !runnable) return runnable;
    auto committed = inner_.Commit(change);
    if (committed) runtime_.Applied(change);
    return committed;
  }

 private:
  model::Store& inner_;
  SandboxRuntime& runtime_;
};

}  // namespace localec2::runtime
