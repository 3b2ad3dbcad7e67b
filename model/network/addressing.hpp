// IPv4 arithmetic and the handing out of addresses: private addresses from a subnet (skipping the five AWS
// reserves), public addresses for launches and Elastic IPs, MAC addresses. Addresses in use come from the
// partition's index (partition.hpp); an allocator also remembers what it handed out in the current call,
// which the index only learns when the call commits.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "model/core/partition.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

class Tx;

struct Cidr {
  std::uint32_t base = 0;  // the network address
  int prefix = 32;
  std::uint64_t size() const { return 1ULL << (32 - prefix); }
  bool Contains(std::uint32_t address) const { return address - base < size(); }
  bool Contains(const Cidr& other) const { return other.prefix >= prefix && Contains(other.base); }
  bool Overlaps(const Cidr& other) const { return Contains(other.base) || other.Contains(base); }
};

// "a.b.c.d/n" with the host bits zero; nullopt for anything else.
std::optional<Cidr> ParseCidr(std::string_view text);
// "a.b.c.d/n" whose host bits may be set (AWS accepts them for routes and ACL entries); normalised.
std::optional<Cidr> ParseCidrLoose(std::string_view text);
std::optional<std::uint32_t> ParseIpv4(std::string_view text);
std::string Ipv4Text(std::uint32_t address);
std::string CidrText(const Cidr& cidr);

// The addresses of `subnet` an interface can have: all but the network address, the next three and the
// last (AWS reserves them).
int SubnetCapacity(const Subnet& subnet);
// Capacity less the addresses in use: DescribeSubnets' AvailableIpAddressCount.
int AvailableAddressCount(const Partition& p, const Subnet& subnet);

// Hands out the free private addresses of one subnet during one call.
class PrivateAddressAllocator {
 public:
  PrivateAddressAllocator(const Partition& p, const Subnet& subnet);
  // The next free address, or nullopt when the subnet has none left.
  std::optional<std::string> Next();
  // Takes `address` if it is a usable free address of the subnet. Errors: InvalidParameterValue (outside
  // the subnet or reserved), InvalidIPAddress.InUse.
  Status Take(const std::string& address);
  int available() const;

 private:
  bool InUse(std::uint32_t address) const;
  const std::set<std::uint32_t>* used_ = nullptr;
  std::set<std::uint32_t> taken_;  // in this call
  Cidr cidr_;
  std::uint32_t cursor_ = 0;
  int capacity_ = 0;
};

// Hands out public addresses unused in the partition during one call: launch addresses from 198.18.0.0/15
// (RFC 2544's benchmarking block: never routed on the Internet), Elastic IPs from the documentation blocks
// 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737).
class PublicAddressAllocator {
 public:
  explicit PublicAddressAllocator(Tx& tx);
  std::string NextLaunchAddress();
  // Errors: AddressLimitExceeded when both documentation blocks are in use.
  Result<std::string> NextElasticAddress();

 private:
  std::string Pick(std::uint32_t base, std::uint32_t size);
  Tx& tx_;
  std::set<std::uint32_t> taken_;  // in this call
};

// A locally administered unicast MAC address, as AWS gives interfaces (02:…, 0a:…, 0e:…).
std::string NewMacAddress(Tx& tx);

// The DNS name AWS gives a private address: ip-10-0-1-5.ec2.internal in us-east-1,
// ip-10-0-1-5.eu-west-1.compute.internal elsewhere; empty for no address.
std::string PrivateDnsNameOf(const std::string& private_ip, const std::string& region);
// ec2-198-18-0-5.compute-1.amazonaws.com in us-east-1, ec2-….eu-west-1.compute.amazonaws.com elsewhere.
std::string PublicDnsNameOf(const std::string& public_ip, const std::string& region);

}  // namespace localec2::model
