// Where the server and the tests get new key material (model::KeySource).
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "model/security/key_material.hpp"

namespace localec2::platform {

using model::CreatedKey;
using model::Result;

// Generates every key when asked (deterministic cost; for tests).
class DirectKeySource : public model::KeySource {
 public:
  Result<CreatedKey> Create(std::string_view key_type, std::string_view key_format,
                            std::string_view comment) override {
    return model::CreateKeyMaterial(key_type, key_format, comment);
  }
};

// Keeps up to `capacity` RSA keys generated ahead by one background thread, because Debian's OpenSSL 3.0
// takes ~300 ms for an RSA-2048 key. The thread starts at the first RSA request, so a server that never
// creates RSA keys spends nothing on them; when the pool is empty a key is generated on the spot.
class PooledKeySource : public model::KeySource {
 public:
  explicit PooledKeySource(size_t capacity) : capacity_(capacity) {}
  ~PooledKeySource() override;
  Result<CreatedKey> Create(std::string_view key_type, std::string_view key_format,
                            std::string_view comment) override;

 private:
  void Refill();

  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<evp_pkey_st>> ready_;
  bool stopping_ = false;
  std::thread worker_;  // started lazily, under mutex_
};

}  // namespace localec2::platform
