// A hermetic model for unit tests: fake clock, seeded ids, and a store that records or refuses commits.
#pragma once

#include <memory>

#include "model/core/clock.hpp"
#include "model/core/ec2.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/ids.hpp"
#include "model/core/store.hpp"
#include "model/ebs/ebs.hpp"
#include "model/images/images.hpp"
#include "model/instances/instances.hpp"
#include "model/network/network.hpp"
#include "model/security/security.hpp"
#include "model/tags/tags.hpp"
#include "platform/key_sources.hpp"
#include "platform/random_id_source.hpp"
#include "tests/support/fake_clock.hpp"

namespace localec2::test {

class ScriptedStore : public model::Store {
 public:
  model::Status Commit(const model::ChangeSet& change) override {
    if (fail_next) {
      fail_next = false;
      return model::MakeError(model::codes::kInternalError, "disk full (scripted)");
    }
    ++commits;
    last = change;
    return model::Ok{};
  }
  bool fail_next = false;
  int commits = 0;
  model::ChangeSet last;
};

struct ModelFixture {
  ScriptedStore store;
  model::FakeClock clock;
  platform::RandomIdSource ids{42};
  platform::DirectKeySource keys;
  model::Ec2 ec2{store, clock, ids, keys};
  model::Caller alice{"111111111111", "us-east-1"};
  model::Caller alice_eu{"111111111111", "eu-west-1"};
  model::Caller bob{"222222222222", "us-east-1"};
};

template <class T>
std::string CodeOf(const model::Result<T>& result) {
  return result ? "" : result.error().code;
}

}  // namespace localec2::test
