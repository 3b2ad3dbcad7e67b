#include "model/network/addressing.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

// The number in the hex tail of a fresh id: the call's source of randomness (the engine's IdSource).
std::uint64_t RandomBits(Tx& tx) {
  const std::string id = tx.NewId("x");
  std::uint64_t bits = 0;
  const std::string_view hex = std::string_view(id).substr(2);
  std::from_chars(hex.data(), hex.data() + std::min<size_t>(hex.size(), 15), bits, 16);
  return bits;
}

bool ParseOctets(std::string_view text, std::uint32_t& out) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (text.empty() || text.front() != '.') return false;
      text.remove_prefix(1);
    }
    unsigned octet = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), octet);
    if (error != std::errc() || end == text.data() || octet > 255 || end - text.data() > 3) return false;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    value = (value << 8) | octet;
  }
  if (!text.empty()) return false;
  out = value;
  return true;
}

std::optional<Cidr> ParseAny(std::string_view text, bool strict) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::uint32_t base = 0;
  if (!ParseOctets(text.substr(0, slash), base)) return std::nullopt;
  const std::string_view bits = text.substr(slash + 1);
  int prefix = -1;
  auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
  if (error != std::errc() || end != bits.data() + bits.size() || prefix < 0 || prefix > 32)
    return std::nullopt;
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  if (strict && (base & ~mask) != 0) return std::nullopt;
  return Cidr{base & mask, prefix};
}

}  // namespace

std::optional<Cidr> ParseCidr(std::string_view text) { return ParseAny(text, true); }
std::optional<Cidr> ParseCidrLoose(std::string_view text) { return ParseAny(text, false); }

std::optional<std::uint32_t> ParseIpv4(std::string_view text) {
  std::uint32_t value = 0;
  if (!ParseOctets(text, value)) return std::nullopt;
  return value;
}

std::string Ipv4Text(std::uint32_t a) {
  char text[16];
  const int length =
      std::snprintf(text, sizeof text, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
  return std::string(text, static_cast<size_t>(length));
}

std::string CidrText(const Cidr& cidr) { return Ipv4Text(cidr.base) + "/" + std::to_string(cidr.prefix); }

int SubnetCapacity(const Subnet& subnet) {
  auto cidr = ParseCidr(subnet.cidr_block);
  if (!cidr || cidr->size() <= 5) return 0;
  return static_cast<int>(cidr->size() - 5);
}

int AvailableAddressCount(const Partition& p, const Subnet& subnet) {
  auto used = p.subnet_addresses.find(subnet.subnet_id);
  const int in_use = used == p.subnet_addresses.end() ? 0 : static_cast<int>(used->second.size());
  return std::max(0, SubnetCapacity(subnet) - in_use);
}

PrivateAddressAllocator::PrivateAddressAllocator(const Partition& p, const Subnet& subnet)
    : cidr_(ParseCidr(subnet.cidr_block).value_or(Cidr{})), capacity_(SubnetCapacity(subnet)) {
  if (auto used = p.subnet_addresses.find(subnet.subnet_id); used != p.subnet_addresses.end()) {
    used_ = &used->second;
  }
  cursor_ = cidr_.base + 4;
}

bool PrivateAddressAllocator::InUse(std::uint32_t address) const {
  return taken_.contains(address) || (used_ != nullptr && used_->contains(address));
}

int PrivateAddressAllocator::available() const {
  return capacity_ - static_cast<int>(taken_.size()) -
         (used_ == nullptr ? 0 : static_cast<int>(used_->size()));
}

std::optional<std::string> PrivateAddressAllocator::Next() {
  if (available() <= 0) return std::nullopt;
  const std::uint32_t first = cidr_.base + 4;
  const std::uint32_t last = static_cast<std::uint32_t>(cidr_.base + cidr_.size() - 2);
  // Addresses in use are mostly the lowest ones: the first free address after the highest in use is
  // usually free, so a launch does not walk the whole subnet.
  if (used_ != nullptr && !used_->empty())
    cursor_ = std::max(cursor_, std::min(*used_->rbegin() + 1, last + 1));
  for (std::uint64_t tried = 0; tried <= last - first; ++tried) {
    if (cursor_ > last || cursor_ < first) cursor_ = first;
    const std::uint32_t candidate = cursor_++;
    if (!InUse(candidate)) {
      taken_.insert(candidate);
      return Ipv4Text(candidate);
    }
  }
  return std::nullopt;
}

Status PrivateAddressAllocator::Take(const std::string& address) {
  auto parsed = ParseIpv4(address);
  if (!parsed || !cidr_.Contains(*parsed)) {
    return MakeError(codes::kInvalidParameterValue,
                     "Address " + address + " does not fall within the subnet's address range");
  }
  const std::uint32_t host = *parsed - cidr_.base;
  if (host < 4 || host == cidr_.size() - 1) {
    return MakeError(codes::kInvalidParameterValue,
                     "Address " + address + " is in subnet's reserved address range");
  }
  if (InUse(*parsed)) {
    return MakeError(codes::kIpAddressInUse, "Address " + address + " is in use.");
  }
  taken_.insert(*parsed);
  return Ok{};
}

PublicAddressAllocator::PublicAddressAllocator(Tx& tx) : tx_(tx) {}

std::string PublicAddressAllocator::Pick(std::uint32_t base, std::uint32_t size) {
  const auto& used = tx_.partition().public_ips;
  std::uint32_t start = static_cast<std::uint32_t>(RandomBits(tx_) % size);
  for (std::uint32_t n = 0; n < size; ++n) {
    const std::uint32_t host = (start + n) % size;
    if ((host & 255) == 0 || (host & 255) == 255) continue;  // no .0 or .255: they look wrong to people
    const std::uint32_t address = base + host;
    if (used.contains(address) || !taken_.insert(address).second) continue;
    return Ipv4Text(address);
  }
  return "";
}

std::string PublicAddressAllocator::NextLaunchAddress() { return Pick(*ParseIpv4("198.18.0.0"), 1U << 17); }

Result<std::string> PublicAddressAllocator::NextElasticAddress() {
  for (const char* block : {"198.51.100.0", "203.0.113.0"}) {
    std::string address = Pick(*ParseIpv4(block), 256);
    if (!address.empty()) return address;
  }
  return MakeError(codes::kAddressLimitExceeded, "The maximum number of addresses has been reached.");
}

std::string NewMacAddress(Tx& tx) {
  std::uint64_t bits = RandomBits(tx);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string mac = "0e";
  for (int i = 0; i < 5; ++i) {
    mac += ':';
    mac += kHex[(bits >> 4) & 15];
    mac += kHex[bits & 15];
    bits >>= 8;
  }
  return mac;
}

std::string PrivateDnsNameOf(const std::string& private_ip, const std::string& region) {
  if (private_ip.empty()) return "";
  std::string name = "ip-" + private_ip;
  std::replace(name.begin(), name.end(), '.', '-');
  return name + (region == "us-east-1" ? ".ec2.internal" : "." + region + ".compute.internal");
}

std::string PublicDnsNameOf(const std::string& public_ip, const std::string& region) {
  if (public_ip.empty()) return "";
  std::string name = "ec2-" + public_ip;
  std::replace(name.begin(), name.end(), '.', '-');
  return name +
         (region == "us-east-1" ? ".compute-1.amazonaws.com" : "." + region + ".compute.amazonaws.com");
}

}  // namespace localec2::model
