// Interfaces and Elastic IPs in a VPC other than the default one: a VPC with no internet gateway takes no
// Elastic IP, and groups, subnets and instances do not cross VPCs. The VPC is put directly (CreateVpc is
// another family's call).
#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "tests/unit/model/network_eni_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct PrivateVpcFixture : test::EniFixture {
  model::Subnet subnet;
  PrivateVpcFixture() {
    model::Vpc vpc;
    vpc.vpc_id = "vpc-0aaaaaaaaaaaaaaa1";
    vpc.cidr_block = "10.0.0.0/16";
    vpc.owner_id = alice.account_id;
    subnet.subnet_id = "subnet-0aaaaaaaaaaaaaaa1";
    subnet.vpc_id = vpc.vpc_id;
    subnet.availability_zone = "us-east-1a";
    subnet.availability_zone_id = "use1-az1";
    subnet.cidr_block = "10.0.1.0/24";
    subnet.owner_id = alice.account_id;
    model::SecurityGroup group;
    group.group_id = "sg-0aaaaaaaaaaaaaaa1";
    group.group_name = "default";
    group.description = "default VPC security group";
    group.vpc_id = vpc.vpc_id;
    group.owner_id = alice.account_id;
    REQUIRE(ec2.Write(alice, [&](model::Tx& tx) -> model::Status {
      tx.Put(vpc);
      tx.Put(subnet);
      tx.Put(group);
      return model::Ok{};
    }));
  }
};

}  // namespace

TEST_CASE_METHOD(PrivateVpcFixture, "a VPC without an internet gateway takes no Elastic IP",
                 "[model][network][address]") {
  model::NetworkInterface eni = NewEni(subnet.subnet_id);
  CHECK(eni.private_ip == "10.0.1.4");
  REQUIRE(eni.group_ids == std::vector<std::string>{"sg-0aaaaaaaaaaaaaaa1"});
  model::Address eip = Allocate();
  model::AssociateAddressRequest request;
  request.allocation_id = eip.allocation_id;
  request.network_interface_id = eni.network_interface_id;
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, request)) == "Gateway.NotAttached");
  CHECK(GetAddress(eip.allocation_id).association_id.empty());
}

TEST_CASE_METHOD(PrivateVpcFixture, "groups and instances do not cross VPCs", "[model][network][eni]") {
  model::CreateNetworkInterfaceRequest request;
  request.subnet_id = subnet.subnet_id;
  // The default VPC's default group is not this VPC's.
  auto default_group = model::DescribeSecurityGroups(
      ec2, alice, {{}, {}, {{"vpc-id", {DefaultSubnet().vpc_id}}, {"group-name", {"default"}}}, {}});
  REQUIRE(default_group);
  request.group_ids = {default_group->items.at(0).group_id};
  CHECK(CodeOf(model::CreateNetworkInterface(ec2, alice, request)) == "InvalidParameter");
  request.group_ids = std::vector<std::string>(6, "sg-0aaaaaaaaaaaaaaa1");
  CHECK(CodeOf(model::CreateNetworkInterface(ec2, alice, request)) ==
        "SecurityGroupsPerInterfaceLimitExceeded");
  model::NetworkInterface eni = NewEni(subnet.subnet_id);
  model::ModifyNetworkInterfaceRequest groups{eni.network_interface_id,
                                              {},
                                              {},
                                              std::vector<std::string>{default_group->items.at(0).group_id},
                                              {},
                                              ""};
  CHECK(CodeOf(model::ModifyNetworkInterfaceAttribute(ec2, alice, groups)) == "InvalidParameter");
  std::string instance = Launch("us-east-1a");  // in the default VPC
  CHECK(CodeOf(model::AttachNetworkInterface(ec2, alice, {eni.network_interface_id, instance, 1, {}, ""})) ==
        "InvalidParameterCombination");
}
