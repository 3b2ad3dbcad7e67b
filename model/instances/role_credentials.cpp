#include "model/instances/role_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <array>
#include <charconv>

#include "model/core/caller.hpp"

namespace localec2::model {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kKeyPrefix = "ASIA";
constexpr std::string_view kTokenPrefix = "IQoJb3JpZ2luX2VjE";  // how AWS's session tokens begin

using KeyBytes = std::array<unsigned char, 10>;

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<const char*>(out), size);
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int size =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(size));
  return out;
}

// The check of a key's first eight bytes, its last two.
std::array<unsigned char, 2> CheckOf(const KeyBytes& key) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  std::string input = "localec2-asia";
  input.append(reinterpret_cast<const char*>(key.data()), 8);
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return {digest[0], digest[1]};
}

std::string Base32(const KeyBytes& key) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : key) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;  // 80 bits: exactly 16 characters
}

std::optional<KeyBytes> FromBase32(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  KeyBytes key{};
  std::uint32_t buffer = 0;
  int bits = 0;
  size_t at = 0;
  for (char c : text) {
    size_t value = kBase32.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      key[at++] = static_cast<unsigned char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return key;
}

std::string TokenMac(std::string_view server_secret, std::string_view access_key_id,
                     std::int64_t expiration_ms) {
  return Base64(
      Hmac(server_secret, "token|" + std::string(access_key_id) + "|" + std::to_string(expiration_ms)));
}

}  // namespace

RoleCredentials RoleCredentialsFor(std::string_view server_secret, const std::string& account_id,
                                   const std::string& instance_id, const std::string& role,
                                   std::int64_t now_ms) {
  RoleCredentials credentials;
  credentials.last_updated_ms = now_ms - now_ms % kRoleCredentialRotationMs;
  credentials.expiration_ms = credentials.last_updated_ms + kRoleCredentialLifetimeMs;
  const std::string mix = Hmac(
      server_secret, "key|" + instance_id + "|" + role + "|" + std::to_string(credentials.last_updated_ms));
  std::uint64_t account = 0;
  std::from_chars(account_id.data(), account_id.data() + account_id.size(), account);
  const std::uint64_t head = (account << 7) | (static_cast<unsigned char>(mix[0]) & 0x7f);
  KeyBytes key{};
  for (int i = 0; i < 6; ++i) key[i] = static_cast<unsigned char>(head >> (8 * (5 - i)));
  key[6] = static_cast<unsigned char>(mix[1]);
  key[7] = static_cast<unsigned char>(mix[2]);
  auto check = CheckOf(key);
  key[8] = check[0];
  key[9] = check[1];
  credentials.access_key_id = std::string(kKeyPrefix) + Base32(key);
  credentials.secret_access_key = SecretOfIssuedKey(server_secret, credentials.access_key_id);
  credentials.session_token = std::string(kTokenPrefix) + std::to_string(credentials.expiration_ms) + "." +
                              TokenMac(server_secret, credentials.access_key_id, credentials.expiration_ms);
  return credentials;
}

std::optional<std::string> AccountOfIssuedKey(std::string_view access_key_id) {
  if (!access_key_id.starts_with(kKeyPrefix)) return std::nullopt;
  auto key = FromBase32(access_key_id.substr(kKeyPrefix.size()));
  if (!key || CheckOf(*key) != std::array<unsigned char, 2>{(*key)[8], (*key)[9]}) return std::nullopt;
  std::uint64_t head = 0;
  for (int i = 0; i < 6; ++i) head = (head << 8) | (*key)[i];
  std::string account = std::to_string((head & 0x7fffffffff80ULL) >> 7);
  if (account.size() > 12) return std::nullopt;
  return std::string(12 - account.size(), '0') + account;
}

std::string SecretOfIssuedKey(std::string_view server_secret, std::string_view access_key_id) {
  return Base64(Hmac(server_secret, "secret|" + std::string(access_key_id))).substr(0, 40);
}

std::optional<std::int64_t> ExpirationOfToken(std::string_view server_secret, std::string_view access_key_id,
                                              std::string_view token) {
  if (!token.starts_with(kTokenPrefix)) return std::nullopt;
  token.remove_prefix(kTokenPrefix.size());
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::int64_t expiration_ms = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + dot, expiration_ms);
  if (error != std::errc() || end != token.data() + dot || dot == 0) return std::nullopt;
  // The MAC proves the expiration and the key were issued together under this server's secret.
  if (token.substr(dot + 1) != TokenMac(server_secret, access_key_id, expiration_ms)) return std::nullopt;
  return expiration_ms;
}

}  // namespace localec2::model
