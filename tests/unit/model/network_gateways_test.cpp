// Internet gateways, egress-only internet gateways and NAT gateways (model/network/gateways.hpp).
#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/network/gateways.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct GatewayFixture : test::ModelFixture {
  std::string vpc_id = DescribeVpcs(ec2, alice, {})->items[0].vpc_id;
  model::Subnet subnet = DescribeSubnets(ec2, alice, {})->items[0];

  std::string DefaultGatewayId() {
    return DescribeInternetGateways(ec2, alice, {})->items.at(0).internet_gateway_id;
  }
  // An Elastic IP, put directly (AllocateAddress belongs to another part of the family).
  std::string ElasticIp(const std::string& public_ip) {
    return *ec2.Write(alice, [&](model::Tx& tx) -> model::Result<std::string> {
      model::Address address;
      address.allocation_id = tx.NewId("eipalloc");
      address.public_ip = public_ip;
      address.network_border_group = "us-east-1";
      tx.Put(address);
      return address.allocation_id;
    });
  }
  const model::Partition& Alice() {
    return ec2.Read(alice,
                    [](const model::View& view) -> const model::Partition& { return view.partition(); });
  }
};

}  // namespace

TEST_CASE_METHOD(GatewayFixture, "a VPC has one internet gateway and an attached gateway cannot be deleted",
                 "[model][network][gateways]") {
  const std::string default_igw = DefaultGatewayId();
  auto igw = CreateInternetGateway(ec2, alice, {{"internet-gateway", {{"Name", "edge"}}}});
  REQUIRE(igw);
  CHECK(igw->vpc_id.empty());
  CHECK(igw->tags.at("Name") == "edge");
  const std::string id = igw->internet_gateway_id;

  const int commits = store.commits;
  auto second = AttachInternetGateway(ec2, alice, id, vpc_id);
  CHECK(CodeOf(second) == "InvalidParameterValue");
  CHECK(second.error().message == "Network " + vpc_id + " already has an internet gateway attached");
  CHECK(CodeOf(AttachInternetGateway(ec2, alice, "igw-nope", vpc_id)) ==
        "InvalidInternetGatewayId.Malformed");
  CHECK(CodeOf(AttachInternetGateway(ec2, alice, "igw-12345678", vpc_id)) ==
        "InvalidInternetGatewayID.NotFound");
  CHECK(CodeOf(AttachInternetGateway(ec2, alice, id, "vpc-12345678")) == "InvalidVpcID.NotFound");
  CHECK(CodeOf(DetachInternetGateway(ec2, alice, id, vpc_id)) == "Gateway.NotAttached");
  CHECK(CodeOf(DeleteInternetGateway(ec2, alice, default_igw)) == "DependencyViolation");
  CHECK(store.commits == commits);  // refusals change nothing

  REQUIRE(DetachInternetGateway(ec2, alice, default_igw, vpc_id));
  REQUIRE(AttachInternetGateway(ec2, alice, id, vpc_id));
  CHECK(CodeOf(AttachInternetGateway(ec2, alice, id, vpc_id)) == "Resource.AlreadyAssociated");
  CHECK(CodeOf(AttachInternetGateway(ec2, alice, default_igw, vpc_id)) == "InvalidParameterValue");

  auto attached = DescribeInternetGateways(ec2, alice, {{}, {{"attachment.vpc-id", {vpc_id}}}, {}});
  REQUIRE(attached);
  REQUIRE(attached->items.size() == 1);
  CHECK(attached->items[0].internet_gateway_id == id);
  auto tagged = DescribeInternetGateways(ec2, alice, {{}, {{"tag:Name", {"edge"}}}, {}});
  CHECK(tagged->items.size() == 1);
  CHECK(DescribeInternetGateways(ec2, bob, {{id}, {}, {}}).error().code ==
        "InvalidInternetGatewayID.NotFound");

  REQUIRE(DeleteInternetGateway(ec2, alice, default_igw));
  CHECK(CodeOf(DescribeInternetGateways(ec2, alice, {{default_igw}, {}, {}})) ==
        "InvalidInternetGatewayID.NotFound");
}

TEST_CASE_METHOD(GatewayFixture, "an egress-only internet gateway is made once per client token",
                 "[model][network][gateways]") {
  auto first = CreateEgressOnlyInternetGateway(ec2, alice, {vpc_id, "token-1", {}});
  REQUIRE(first);
  CHECK(first->vpc_id == vpc_id);
  CHECK(first->attachment_state == "attached");
  auto again = CreateEgressOnlyInternetGateway(ec2, alice, {vpc_id, "token-1", {}});
  CHECK(again->egress_only_internet_gateway_id == first->egress_only_internet_gateway_id);
  CHECK(CodeOf(CreateEgressOnlyInternetGateway(ec2, alice, {"vpc-12345678", "", {}})) ==
        "InvalidVpcID.NotFound");
  CHECK(DescribeEgressOnlyInternetGateways(ec2, alice, {})->items.size() == 1);
  model::PageRequest too_large{256, std::nullopt};  // at most 255 a page
  CHECK(CodeOf(DescribeEgressOnlyInternetGateways(ec2, alice, {{}, {}, too_large})) ==
        "InvalidParameterValue");
  REQUIRE(DeleteEgressOnlyInternetGateway(ec2, alice, first->egress_only_internet_gateway_id));
  CHECK(CodeOf(DeleteEgressOnlyInternetGateway(ec2, alice, first->egress_only_internet_gateway_id)) ==
        "InvalidGatewayID.NotFound");
  CHECK(DescribeEgressOnlyInternetGateways(ec2, alice, {})->items.empty());
}

TEST_CASE_METHOD(GatewayFixture, "a public NAT gateway takes an address of its subnet and its Elastic IP",
                 "[model][network][gateways]") {
  ec2.SetLifecycleTiming({1000, 60 * 60 * 1000});
  const std::string allocation = ElasticIp("198.51.100.7");
  const int free_before = subnet.available_ip_address_count;
  auto nat = CreateNatGateway(ec2, alice, {subnet.subnet_id, "", allocation, "", "", {}, ""});
  REQUIRE(nat);
  CHECK(nat->state == "pending");
  CHECK(nat->vpc_id == vpc_id);
  CHECK(nat->public_ip == "198.51.100.7");
  CHECK(nat->private_ip == "172.31.0.4");  // the first address after the four AWS reserves
  const std::string nat_id = nat->nat_gateway_id;

  const model::NetworkInterface& eni = Alice().network_interfaces.at(nat->network_interface_id);
  CHECK(eni.interface_type == "nat_gateway");
  CHECK(eni.requester_managed);
  CHECK(eni.description == "Interface for NAT Gateway " + nat_id);
  CHECK(eni.public_address.allocation_id == allocation);
  const model::Address& address = Alice().addresses.at(allocation);
  CHECK(address.network_interface_id == eni.network_interface_id);
  CHECK(address.private_ip == "172.31.0.4");
  CHECK(address.association_id.starts_with("eipassoc-"));
  CHECK(Alice().subnets.at(subnet.subnet_id).available_ip_address_count == free_before - 1);
  CHECK(nat->association_id == address.association_id);
  CHECK(DescribeNatGateways(ec2, alice, {})->items.at(0).association_id == address.association_id);

  CHECK(CodeOf(CreateNatGateway(ec2, alice, {subnet.subnet_id, "", allocation, "", "", {}, ""})) ==
        "Resource.AlreadyAssociated");
  CHECK(DescribeNatGateways(ec2, alice, {{nat_id}, {}, {}})->items.at(0).state == "pending");
  clock.Advance(1000);
  CHECK(DescribeNatGateways(ec2, alice, {{}, {{"state", {"available"}}}, {}})->items.size() == 1);

  REQUIRE(DeleteNatGateway(ec2, alice, nat_id));
  CHECK(DescribeNatGateways(ec2, alice, {{nat_id}, {}, {}})->items.at(0).state == "deleting");
  CHECK(Alice().network_interfaces.count(eni.network_interface_id) == 0);
  CHECK(Alice().addresses.at(allocation).association_id.empty());
  CHECK(DescribeNatGateways(ec2, alice, {})->items.at(0).association_id.empty());
  CHECK(DescribeNatGateways(ec2, alice, {})->items.at(0).public_ip == "198.51.100.7");  // still shown
  CHECK(Alice().subnets.at(subnet.subnet_id).available_ip_address_count == free_before);
  clock.Advance(1000);
  CHECK(DescribeNatGateways(ec2, alice, {{nat_id}, {}, {}})->items.at(0).state == "deleted");
  CHECK(CodeOf(DeleteNatGateway(ec2, alice, nat_id)) == "NatGatewayNotFound");
  clock.Advance(60 * 60 * 1000);
  CHECK(CodeOf(DescribeNatGateways(ec2, alice, {{nat_id}, {}, {}})) == "NatGatewayNotFound");
  CHECK(DescribeNatGateways(ec2, alice, {})->items.empty());
}

TEST_CASE_METHOD(GatewayFixture, "a NAT gateway's request is checked before anything changes",
                 "[model][network][gateways]") {
  const int commits = store.commits;
  CHECK(CodeOf(CreateNatGateway(ec2, alice, {subnet.subnet_id, "", "", "", "", {}, ""})) ==
        "MissingParameter");
  CHECK(CodeOf(CreateNatGateway(ec2, alice,
                                {subnet.subnet_id, "public", "eipalloc-12345678", "", "", {}, ""})) ==
        "InvalidAllocationID.NotFound");
  CHECK(CodeOf(CreateNatGateway(ec2, alice,
                                {subnet.subnet_id, "private", "eipalloc-12345678", "", "", {}, ""})) ==
        "InvalidParameterCombination");
  CHECK(CodeOf(CreateNatGateway(ec2, alice, {subnet.subnet_id, "carrier", "", "", "", {}, ""})) ==
        "InvalidParameterValue");
  auto refused = CreateNatGateway(ec2, alice, {subnet.subnet_id, "private", "", "", "", {}, "VpcId"});
  CHECK(CodeOf(refused) == "InvalidParameterValue");
  CHECK(refused.error().message.find("VpcId") != std::string::npos);
  CHECK(CodeOf(CreateNatGateway(ec2, alice, {"subnet-12345678", "private", "", "", "", {}, ""})) ==
        "InvalidSubnetID.NotFound");
  CHECK(CodeOf(CreateNatGateway(ec2, alice, {subnet.subnet_id, "private", "", "10.0.0.9", "", {}, ""})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(DeleteNatGateway(ec2, alice, "nat-xyz")) == "NatGatewayMalformed");
  CHECK(store.commits == commits);

  auto private_nat =
      CreateNatGateway(ec2, alice, {subnet.subnet_id, "private", "", "172.31.0.50", "tok", {}, ""});
  REQUIRE(private_nat);
  CHECK(private_nat->private_ip == "172.31.0.50");
  CHECK(private_nat->public_ip.empty());
  auto again = CreateNatGateway(ec2, alice, {subnet.subnet_id, "private", "", "172.31.0.50", "tok", {}, ""});
  CHECK(again->nat_gateway_id == private_nat->nat_gateway_id);
  CHECK(CodeOf(CreateNatGateway(ec2, alice, {subnet.subnet_id, "private", "", "172.31.0.50", "", {}, ""})) ==
        "InvalidIPAddress.InUse");
}

TEST_CASE_METHOD(GatewayFixture, "a NAT gateway needs a free address in its subnet",
                 "[model][network][gateways]") {
  // A /28 of the default VPC (put directly: CreateSubnet belongs to another part of the family): 11 usable.
  const std::string small = *ec2.Write(alice, [&](model::Tx& tx) -> model::Result<std::string> {
    model::Subnet tiny = subnet;
    tiny.subnet_id = tx.NewId("subnet");
    tiny.cidr_block = "172.31.200.0/28";
    tiny.default_for_az = false;
    tx.Put(tiny);
    return tiny.subnet_id;
  });
  for (int i = 0; i < 11; ++i) REQUIRE(CreateNatGateway(ec2, alice, {small, "private", "", "", "", {}, ""}));
  CHECK(Alice().subnets.at(small).available_ip_address_count == 0);
  auto full = CreateNatGateway(ec2, alice, {small, "private", "", "", "", {}, ""});
  CHECK(CodeOf(full) == "InsufficientFreeAddressesInSubnet");
  CHECK(full.error().message == "Subnet has insufficient free addresses to create this NAT gateway");
}
