#include "imds/loopback_address.hpp"

#include <cstdint>

namespace localec2::imds {

std::string LoopbackAddressOf(std::string_view instance_id) {
  std::uint32_t hash = 2166136261u;  // FNV-1a: stable across builds and platforms
  for (char c : instance_id) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  std::uint32_t host = hash & 0xffffff;
  if (host < 2) host += 2;
  if (host == 0xffffff) host = 0xfffffe;
  return "127." + std::to_string(host >> 16) + "." + std::to_string((host >> 8) & 0xff) + "." +
         std::to_string(host & 0xff);
}

}  // namespace localec2::imds
