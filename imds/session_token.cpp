#include "imds/session_token.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

namespace localec2::imds {
namespace {

constexpr std::string_view kPrefix = "AQAEA";

std::string Mac(std::string_view server_secret, std::string_view expiry, std::string_view instance_id) {
  const std::string data = "imds|" + std::string(expiry) + "|" + std::string(instance_id);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), server_secret.data(), static_cast<int>(server_secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &size);
  std::string text(4 * ((size + 2) / 3) + 1, '\0');
  text.resize(static_cast<size_t>(
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), mac, static_cast<int>(size))));
  while (text.ends_with('=')) text.pop_back();
  for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;  // URL-safe, header-safe
  return text;
}

}  // namespace

std::string IssueSessionToken(std::string_view server_secret, std::string_view instance_id,
                              std::int64_t now_ms, int ttl_seconds) {
  const std::string expiry = std::to_string(now_ms + ttl_seconds * 1000LL);
  return std::string(kPrefix) + expiry + "." + std::string(instance_id) + "." +
         Mac(server_secret, expiry, instance_id);
}

TokenCheck CheckSessionToken(std::string_view server_secret, std::string_view token,
                             std::string_view instance_id, std::int64_t now_ms) {
  if (!token.starts_with(kPrefix)) return TokenCheck::kInvalid;
  token.remove_prefix(kPrefix.size());
  const size_t first = token.find('.');
  const size_t last = token.rfind('.');
  if (first == std::string_view::npos || first == last) return TokenCheck::kInvalid;
  const std::string_view expiry = token.substr(0, first);
  if (token.substr(first + 1, last - first - 1) != instance_id) return TokenCheck::kInvalid;
  if (token.substr(last + 1) != Mac(server_secret, expiry, instance_id)) return TokenCheck::kInvalid;
  std::int64_t expiry_ms = 0;
  auto [end, error] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), expiry_ms);
  if (error != std::errc() || end != expiry.data() + expiry.size()) return TokenCheck::kInvalid;
  return now_ms < expiry_ms ? TokenCheck::kValid : TokenCheck::kExpired;
}

}  // namespace localec2::imds
