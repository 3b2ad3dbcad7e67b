#include "model/core/ids.hpp"

namespace localec2::model {
std::string FormatId(std::string_view prefix, std::uint64_t value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(prefix);
  id += "-0";  // AWS's 17-digit ids: a leading digit, then 64 random bits
  for (int shift = 60; shift >= 0; shift -= 4) id += kHex[(value >> shift) & 0xF];
  return id;
}

std::string DerivedId(std::string_view prefix, std::string_view seed) {
  // FNV-1a, then a 64-bit finaliser (splitmix) so near seeds give unrelated ids.
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : seed) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  for (char c : prefix) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return FormatId(prefix, h);
}

bool IsWellFormedId(std::string_view prefix, std::string_view id) {
  if (id.size() <= prefix.size() + 1 || !id.starts_with(prefix) || id[prefix.size()] != '-') return false;
  std::string_view hex = id.substr(prefix.size() + 1);
  if (hex.size() != 8 && hex.size() != 17) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace localec2::model
