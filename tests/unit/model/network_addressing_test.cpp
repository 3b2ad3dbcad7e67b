#include <catch2/catch.hpp>

#include "model/network/addressing.hpp"

using namespace localec2;
using model::ParseCidr;

TEST_CASE("CIDR blocks parse strictly, and loosely for routes", "[network]") {
  auto block = ParseCidr("10.0.1.0/24");
  REQUIRE(block);
  CHECK(model::CidrText(*block) == "10.0.1.0/24");
  CHECK(block->size() == 256);
  CHECK_FALSE(ParseCidr("10.0.1.1/24"));  // host bits set
  CHECK(model::CidrText(*model::ParseCidrLoose("10.0.1.1/24")) == "10.0.1.0/24");
  for (const char* bad : {"10.0.1.0", "10.0.1/24", "10.0.1.0/33", "256.0.0.0/8", "10.0.1.0/-1", "a.b.c.d/8",
                          "10.0.1.0/24 ", "", "/", "1.2.3.4/"}) {
    CHECK_FALSE(ParseCidr(bad));
  }
  CHECK(ParseCidr("0.0.0.0/0")->size() == (1ULL << 32));
}

TEST_CASE("containment and overlap of blocks", "[network]") {
  auto vpc = *ParseCidr("10.0.0.0/16");
  CHECK(vpc.Contains(*ParseCidr("10.0.3.0/24")));
  CHECK_FALSE(vpc.Contains(*ParseCidr("10.1.0.0/24")));
  CHECK_FALSE(ParseCidr("10.0.3.0/24")->Contains(vpc));
  CHECK(ParseCidr("10.0.0.0/20")->Overlaps(*ParseCidr("10.0.8.0/24")));
  CHECK(ParseCidr("10.0.8.0/24")->Overlaps(*ParseCidr("10.0.0.0/20")));
  CHECK_FALSE(ParseCidr("10.0.0.0/24")->Overlaps(*ParseCidr("10.0.1.0/24")));
  CHECK(model::Ipv4Text(*model::ParseIpv4("198.51.100.7")) == "198.51.100.7");
}

TEST_CASE("a subnet hands out its addresses skipping AWS's five reserved ones", "[network]") {
  model::Partition p;
  model::Subnet subnet;
  subnet.subnet_id = "subnet-11111111";
  subnet.cidr_block = "10.0.0.0/28";  // 16 addresses, 11 usable
  CHECK(model::SubnetCapacity(subnet) == 11);
  model::PrivateAddressAllocator addresses(p, subnet);
  CHECK(addresses.Next() == "10.0.0.4");
  CHECK(addresses.Take("10.0.0.9"));
  CHECK(addresses.Take("10.0.0.9").error().code == "InvalidIPAddress.InUse");
  CHECK(addresses.Take("10.0.0.3").error().code == "InvalidParameterValue");   // reserved
  CHECK(addresses.Take("10.0.0.15").error().code == "InvalidParameterValue");  // broadcast
  CHECK(addresses.Take("10.0.1.4").error().code == "InvalidParameterValue");   // outside
  std::vector<std::string> rest;
  while (auto next = addresses.Next()) rest.push_back(*next);
  CHECK(rest == std::vector<std::string>{"10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.10",
                                         "10.0.0.11", "10.0.0.12", "10.0.0.13", "10.0.0.14"});
  CHECK(addresses.available() == 0);
}

TEST_CASE("the partition index counts the addresses interfaces hold, and frees them", "[network]") {
  model::Partition p;
  model::Subnet subnet;
  subnet.subnet_id = "subnet-11111111";
  subnet.cidr_block = "10.0.0.0/24";
  p.subnets[subnet.subnet_id] = subnet;
  p.RefreshAvailable(subnet.subnet_id);
  CHECK(p.subnets.at(subnet.subnet_id).available_ip_address_count == 251);
  model::NetworkInterface eni;
  eni.network_interface_id = "eni-11111111";
  eni.subnet_id = subnet.subnet_id;
  eni.private_ip = "10.0.0.4";
  eni.secondary_private_ips = {"10.0.0.5"};
  eni.attached = true;
  eni.attachment.instance_id = "i-11111111";
  p.Index(eni, true);
  CHECK(p.subnets.at(subnet.subnet_id).available_ip_address_count == 249);
  CHECK(p.instance_interfaces.at("i-11111111").contains("eni-11111111"));
  model::PrivateAddressAllocator addresses(p, p.subnets.at(subnet.subnet_id));
  CHECK(addresses.Next() == "10.0.0.6");  // past the addresses in use
  p.Index(eni, false);
  CHECK(p.subnets.at(subnet.subnet_id).available_ip_address_count == 251);
  CHECK_FALSE(p.instance_interfaces.contains("i-11111111"));
}

TEST_CASE("DNS names follow AWS's regional forms", "[network]") {
  CHECK(model::PrivateDnsNameOf("10.0.0.4", "us-east-1") == "ip-10-0-0-4.ec2.internal");
  CHECK(model::PrivateDnsNameOf("10.0.0.4", "eu-west-1") == "ip-10-0-0-4.eu-west-1.compute.internal");
  CHECK(model::PublicDnsNameOf("198.18.0.5", "us-east-1") == "ec2-198-18-0-5.compute-1.amazonaws.com");
  CHECK(model::PublicDnsNameOf("198.18.0.5", "eu-west-1") ==
        "ec2-198-18-0-5.eu-west-1.compute.amazonaws.com");
  CHECK(model::PublicDnsNameOf("", "eu-west-1").empty());
}
