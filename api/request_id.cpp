#include "api/request_id.hpp"

#include <random>

namespace localec2::api {

std::string NewRequestId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uint64_t hi = engine(), lo = engine();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;        // version 4
  lo = (lo & ~(3ULL << 62)) | (2ULL << 62);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(36, '-');
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
    std::uint64_t word = i < 16 ? hi : lo;
    id[pos++] = kHex[(word >> ((15 - i % 16) * 4)) & 0xF];
  }
  return id;
}

}  // namespace localec2::api
