#include "platform/key_sources.hpp"

namespace localec2::platform {

PooledKeySource::~PooledKeySource() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Result<CreatedKey> PooledKeySource::Create(std::string_view key_type, std::string_view key_format,
                                           std::string_view comment) {
  if (key_type == "ed25519") return model::CreateEd25519Key(key_format, comment);
  std::shared_ptr<evp_pkey_st> pkey;
  {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) worker_ = std::thread([this] { Refill(); });
    if (!ready_.empty()) {
      pkey = std::move(ready_.front());
      ready_.pop_front();
    }
  }
  wake_.notify_one();
  return model::FinishRsaKey(pkey ? pkey : model::NewRsaKey(), key_format, comment);
}

void PooledKeySource::Refill() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || ready_.size() < capacity_; });
    if (stopping_) return;
    lock.unlock();
    std::shared_ptr<evp_pkey_st> pkey = model::NewRsaKey();  // the slow part, outside the lock
    lock.lock();
    if (pkey) ready_.push_back(std::move(pkey));
  }
}

}  // namespace localec2::platform
