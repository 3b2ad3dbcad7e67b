// IMDSv2 session tokens: PUT /latest/api/token hands one out, bound to one instance and valid for the
// TTL the caller asked (1–21600 s). Stateless: a token is "AQAEA" + its expiry (ms since the epoch) + '.'
// + the instance id + '.' + an HMAC of both under the server secret, so nothing is stored and a token
// for another instance, a forged one or an expired one is told apart from a good one. A restart with a
// new secret (without --auth strict) invalidates earlier tokens; clients then ask for a new one on 401.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace localec2::imds {

inline constexpr int kMaxTokenTtlSeconds = 21600;

std::string IssueSessionToken(std::string_view server_secret, std::string_view instance_id,
                              std::int64_t now_ms, int ttl_seconds);

enum class TokenCheck { kValid, kInvalid, kExpired };

// Whether `token` was issued for `instance_id` under `server_secret` and is still valid at `now_ms`.
TokenCheck CheckSessionToken(std::string_view server_secret, std::string_view token,
                             std::string_view instance_id, std::int64_t now_ms);

}  // namespace localec2::imds
