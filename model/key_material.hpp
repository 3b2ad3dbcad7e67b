// Key pair material, generated and parsed with OpenSSL. Fingerprints exactly as AWS computes them:
//   created RSA   — SHA-1 of the DER PKCS#8 private key, colon-separated hex;
//   imported RSA  — MD5 of the DER SubjectPublicKeyInfo, colon-separated hex;
//   ed25519       — base64 (padded) SHA-256 of the OpenSSH public key blob.
// Private keys are returned as AWS returns them: RSA as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), ed25519
// in OpenSSH's format, either as a PuTTY key file (version 2) when the format is ppk.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "model/result.hpp"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace localec2::model {

struct CreatedKey {
  std::string private_key;  // returned once, never stored
  std::string public_key;   // "ssh-rsa AAAA… <comment>"
  std::string fingerprint;
};

// A new key of `key_type` ("rsa", 2048 bits, or "ed25519") in `key_format` ("pem" or "ppk").
// Errors: InternalError when OpenSSL fails.
Result<CreatedKey> CreateKeyMaterial(std::string_view key_type, std::string_view key_format,
                                     std::string_view comment);

// Where Ec2 gets new key material.
class KeySource {
 public:
  virtual ~KeySource() = default;
  // As CreateKeyMaterial. Thread-safe.
  virtual Result<CreatedKey> Create(std::string_view key_type, std::string_view key_format,
                                    std::string_view comment) = 0;
};

// Generates every key when asked (deterministic cost; for tests).
class DirectKeySource : public KeySource {
 public:
  Result<CreatedKey> Create(std::string_view key_type, std::string_view key_format,
                            std::string_view comment) override {
    return CreateKeyMaterial(key_type, key_format, comment);
  }
};

// Keeps up to `capacity` RSA keys generated ahead by one background thread, because Debian's OpenSSL 3.0
// takes ~300 ms for an RSA-2048 key. The thread starts at the first RSA request, so a server that never
// creates RSA keys spends nothing on them; when the pool is empty a key is generated on the spot.
class PooledKeySource : public KeySource {
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

struct ImportedKey {
  std::string key_type;    // rsa | ed25519
  std::string public_key;  // the OpenSSH line as given, trimmed
  std::string fingerprint;
};

// Parses an OpenSSH public key line ("ssh-rsa AAAA… comment" or "ssh-ed25519 AAAA…"); RSA keys must
// be 1024, 2048 or 4096 bits. Errors: InvalidKey.Format.
Result<ImportedKey> ImportPublicKey(std::string_view material);

}  // namespace localec2::model
