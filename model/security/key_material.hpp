// Key pair material, generated and parsed with OpenSSL. Fingerprints exactly as AWS computes them:
//   created RSA   — SHA-1 of the DER PKCS#8 private key, colon-separated hex;
//   imported RSA  — MD5 of the DER SubjectPublicKeyInfo, colon-separated hex;
//   ed25519       — base64 (padded) SHA-256 of the OpenSSH public key blob.
// Private keys are returned as AWS returns them: RSA as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), ed25519
// in OpenSSH's format, either as a PuTTY key file (version 2) when the format is ppk.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "model/core/result.hpp"

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
// CreateKeyMaterial in parts, so a KeySource can generate the slow RSA half ahead of time.
std::shared_ptr<evp_pkey_st> NewRsaKey();  // null when OpenSSL fails
Result<CreatedKey> FinishRsaKey(const std::shared_ptr<evp_pkey_st>& key, std::string_view key_format,
                                std::string_view comment);
Result<CreatedKey> CreateEd25519Key(std::string_view key_format, std::string_view comment);

// Where Ec2 gets new key material.
class KeySource {
 public:
  virtual ~KeySource() = default;
  // As CreateKeyMaterial. Thread-safe.
  virtual Result<CreatedKey> Create(std::string_view key_type, std::string_view key_format,
                                    std::string_view comment) = 0;
};

struct ImportedKey {
  std::string key_type;    // rsa | ed25519
  std::string public_key;  // the OpenSSH line (as given, trimmed, or converted)
  std::string fingerprint;
};

// Parses a public key in any format AWS documents for ImportKeyPair: an OpenSSH line ("ssh-rsa AAAA…
// comment" or "ssh-ed25519 AAAA…"), an RFC 4716 SSH2 public key file (its Comment header becomes the
// line's comment) or a base64 DER SubjectPublicKeyInfo, bare or PEM-armoured ("BEGIN PUBLIC KEY"). The
// key is kept in its OpenSSH form and fingerprinted as that form. RSA keys must be 1024, 2048 or 4096
// bits. Errors: InvalidKey.Format.
Result<ImportedKey> ImportPublicKey(std::string_view material);

}  // namespace localec2::model
