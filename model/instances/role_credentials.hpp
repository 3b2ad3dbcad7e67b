// The temporary credentials the metadata service hands an instance for its IAM role, and how localec2
// recognises them when they come back signing EC2 calls. Stateless: everything derives from a server
// secret (random per start, or fixed by --auth strict's keys: main.cpp) and the clock, so nothing is stored.
//
// The access key id is AWS's shape for temporary keys, "ASIA" + 16 base32 characters (10 bytes), and
// carries the account as AWS's own key ids do: bits 46..7 of the first six bytes are the account id.
// Bytes 6–7 and bits 6..0 tell instances and rotations apart; bytes 8–9 are a check of bytes 0–7, so a
// made-up ASIA key is not mistaken for one of localec2's (1 chance in 65536).
// A set is issued each hour (LastUpdated: the start of the hour) and expires six hours later, so the
// metadata service offers new credentials five hours before the old ones expire. The session token is
// AWS's token prefix, the expiration (ms) and a MAC of key and expiration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace localec2::model {

inline constexpr std::int64_t kRoleCredentialRotationMs = 60LL * 60 * 1000;
inline constexpr std::int64_t kRoleCredentialLifetimeMs = 6 * kRoleCredentialRotationMs;

struct RoleCredentials {
  std::string access_key_id;      // ASIA…, 20 characters
  std::string secret_access_key;  // 40 characters
  std::string session_token;
  std::int64_t last_updated_ms = 0;
  std::int64_t expiration_ms = 0;
};

// The credentials `instance_id` of `account_id` holds for `role` at `now_ms`: the same within an hour.
RoleCredentials RoleCredentialsFor(std::string_view server_secret, const std::string& account_id,
                                   const std::string& instance_id, const std::string& role,
                                   std::int64_t now_ms);

// The account of an access key id that RoleCredentialsFor made (under any secret), else nullopt.
std::optional<std::string> AccountOfIssuedKey(std::string_view access_key_id);

// The secret access key RoleCredentialsFor gave `access_key_id` under `server_secret`.
std::string SecretOfIssuedKey(std::string_view server_secret, std::string_view access_key_id);

// When the session token `token` issued with `access_key_id` under `server_secret` expires, or nullopt
// when the token is not one issued with that key.
std::optional<std::int64_t> ExpirationOfToken(std::string_view server_secret, std::string_view access_key_id,
                                              std::string_view token);

}  // namespace localec2::model
