#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/vpcs.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

model::NetworkAcl DefaultAclOf(model::Ec2& ec2, const model::Caller& caller, const std::string& vpc_id) {
  return ec2.Read(caller, [&](const model::View& view) {
    for (const auto& [id, acl] : view.partition().network_acls) {
      if (acl.vpc_id == vpc_id && acl.is_default) return acl;
    }
    return model::NetworkAcl{};
  });
}

}  // namespace

TEST_CASE_METHOD(test::ModelFixture,
                 "CreateSubnet places a block of the VPC in a zone and joins the default ACL",
                 "[model][subnet]") {
  auto vpc = CreateVpc(ec2, alice, {"10.0.0.0/16", "", {}});
  REQUIRE(vpc);
  auto subnet =
      CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/24", "us-east-1c", "", {{"subnet", {{"k", "v"}}}}});
  REQUIRE(subnet);
  CHECK(subnet->subnet_id.starts_with("subnet-"));
  CHECK(subnet->availability_zone == "us-east-1c");
  CHECK(subnet->availability_zone_id == "use1-az2");
  CHECK(subnet->available_ip_address_count == 251);
  CHECK_FALSE(subnet->map_public_ip_on_launch);
  CHECK_FALSE(subnet->default_for_az);
  CHECK(subnet->tags.at("k") == "v");
  model::NetworkAcl acl = DefaultAclOf(ec2, alice, vpc->vpc_id);
  REQUIRE(acl.associations.size() == 1);
  CHECK(acl.associations[0].subnet_id == subnet->subnet_id);
  CHECK(acl.associations[0].association_id.starts_with("aclassoc-"));

  auto by_id = CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.2.0/28", "", "use1-az4", {}});
  REQUIRE(by_id);
  CHECK(by_id->availability_zone == "us-east-1d");
  CHECK(by_id->available_ip_address_count == 11);
  // Neither: the first zone without a subnet of this VPC.
  auto chosen = CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.3.0/24", "", "", {}});
  REQUIRE(chosen);
  CHECK(chosen->availability_zone != "us-east-1c");
  CHECK(chosen->availability_zone != "us-east-1d");
  auto described = DescribeSubnets(ec2, alice, {{}, {{"vpcId", {vpc->vpc_id}}}, {}});
  CHECK(described->items.size() == 3);
  CHECK(DescribeSubnets(ec2, alice,
                        {{}, {{"availabilityZone", {"us-east-1c"}}, {"defaultForAz", {"false"}}}, {}})
            ->items.size() == 1);
  CHECK(DescribeSubnets(
            ec2, alice,
            {{}, {{"subnet-arn", {"arn:aws:ec2:us-east-1:111111111111:subnet/" + subnet->subnet_id}}}, {}})
            ->items.size() == 1);
  CHECK(DescribeSubnets(ec2, alice, {{}, {{"available-ip-address-count", {"11"}}}, {}})->items[0].subnet_id ==
        by_id->subnet_id);
}

TEST_CASE_METHOD(test::ModelFixture,
                 "CreateSubnet refuses blocks outside the VPC, overlaps and unknown zones",
                 "[model][subnet]") {
  auto vpc = CreateVpc(ec2, alice, {"10.0.0.0/16", "", {}});
  REQUIRE(vpc);
  const int commits = store.commits;
  REQUIRE(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.0.0/24", "", "", {}}));
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.0.128/25", "", "", {}})) ==
        "InvalidSubnet.Conflict");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.1.0.0/24", "", "", {}})) == "InvalidSubnet.Range");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/29", "", "", {}})) == "InvalidSubnet.Range");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/33", "", "", {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/24", "us-east-1z", "", {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/24", "", "use1-az99", {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/24", "us-east-1a", "use1-az2", {}})) ==
        "InvalidParameterCombination");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {"vpc-0123456789abcdef0", "10.0.1.0/24", "", "", {}})) ==
        "InvalidVpcID.NotFound");
  CHECK(CodeOf(CreateSubnet(ec2, alice, {"", "10.0.1.0/24", "", "", {}})) == "MissingParameter");
  CHECK(CodeOf(CreateSubnet(ec2, bob, {vpc->vpc_id, "10.0.1.0/24", "", "", {}})) == "InvalidVpcID.NotFound");
  CHECK(store.commits == commits + 1);
}

TEST_CASE_METHOD(test::ModelFixture, "DeleteSubnet waits for its interfaces and leaves its ACL",
                 "[model][subnet]") {
  auto vpc = CreateVpc(ec2, alice, {"10.0.0.0/16", "", {}});
  auto subnet = CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/24", "", "", {}});
  REQUIRE(subnet);
  model::NetworkInterface eni;
  eni.network_interface_id = "eni-0123456789abcdef0";
  eni.subnet_id = subnet->subnet_id;
  eni.vpc_id = vpc->vpc_id;
  eni.private_ip = "10.0.1.4";
  REQUIRE(ec2.Write(alice, [&](model::Tx& tx) -> model::Status {
    tx.Put(eni);
    return model::Ok{};
  }));
  CHECK(DescribeSubnets(ec2, alice, {{subnet->subnet_id}, {}, {}})->items[0].available_ip_address_count ==
        250);
  CHECK(CodeOf(DeleteSubnet(ec2, alice, subnet->subnet_id)) == "DependencyViolation");
  REQUIRE(ec2.Write(alice, [&](model::Tx& tx) -> model::Status {
    tx.Erase<model::NetworkInterface>(eni.network_interface_id);
    return model::Ok{};
  }));
  // A NAT gateway keeps it too, until it is being deleted.
  model::NatGateway nat;
  nat.nat_gateway_id = "nat-0123456789abcdef0";
  nat.subnet_id = subnet->subnet_id;
  nat.vpc_id = vpc->vpc_id;
  nat.state = "available";
  auto put_nat = [&] {
    REQUIRE(ec2.Write(alice, [&](model::Tx& tx) -> model::Status {
      tx.Put(nat);
      return model::Ok{};
    }));
  };
  put_nat();
  CHECK(CodeOf(DeleteSubnet(ec2, alice, subnet->subnet_id)) == "DependencyViolation");
  CHECK(CodeOf(DeleteVpc(ec2, alice, vpc->vpc_id)) == "DependencyViolation");
  nat.state = "deleting";
  put_nat();
  REQUIRE(DeleteSubnet(ec2, alice, subnet->subnet_id));
  CHECK(DefaultAclOf(ec2, alice, vpc->vpc_id).associations.empty());
  CHECK(CodeOf(DeleteSubnet(ec2, alice, subnet->subnet_id)) == "InvalidSubnetID.NotFound");
  CHECK(CodeOf(DeleteSubnet(ec2, alice, "subnet-xyz")) == "InvalidSubnetID.Malformed");
}

TEST_CASE_METHOD(test::ModelFixture,
                 "ModifySubnetAttribute changes one attribute; IPv6 ones cannot be enabled",
                 "[model][subnet]") {
  auto vpc = CreateVpc(ec2, alice, {"10.0.0.0/16", "", {}});
  auto subnet = CreateSubnet(ec2, alice, {vpc->vpc_id, "10.0.1.0/24", "", "", {}});
  REQUIRE(subnet);
  model::ModifySubnetAttributeRequest request;
  request.subnet_id = subnet->subnet_id;
  request.map_public_ip_on_launch = true;
  REQUIRE(ModifySubnetAttribute(ec2, alice, request));
  CHECK(DescribeSubnets(ec2, alice,
                        {{}, {{"map-public-ip-on-launch", {"true"}}, {"vpc-id", {vpc->vpc_id}}}, {}})
            ->items.size() == 1);
  request.private_dns_hostname_type_on_launch = "resource-name";
  CHECK(CodeOf(ModifySubnetAttribute(ec2, alice, request)) == "InvalidParameterCombination");
  request.map_public_ip_on_launch.reset();
  REQUIRE(ModifySubnetAttribute(ec2, alice, request));
  request.private_dns_hostname_type_on_launch = "fqdn";
  CHECK(CodeOf(ModifySubnetAttribute(ec2, alice, request)) == "InvalidParameterValue");
  request.private_dns_hostname_type_on_launch.reset();
  request.assign_ipv6_address_on_creation = true;
  CHECK(CodeOf(ModifySubnetAttribute(ec2, alice, request)) == "InvalidParameterValue");
  request.assign_ipv6_address_on_creation = false;
  REQUIRE(ModifySubnetAttribute(ec2, alice, request));
  request.assign_ipv6_address_on_creation.reset();
  request.enable_resource_name_dns_a_record_on_launch = true;
  REQUIRE(ModifySubnetAttribute(ec2, alice, request));
  model::Subnet after = DescribeSubnets(ec2, alice, {{subnet->subnet_id}, {}, {}})->items[0];
  CHECK(after.map_public_ip_on_launch);
  CHECK(after.private_dns_hostname_type_on_launch == "resource-name");
  CHECK(after.enable_resource_name_dns_a_record_on_launch);
  CHECK_FALSE(after.assign_ipv6_address_on_creation);
  model::ModifySubnetAttributeRequest none;
  none.subnet_id = subnet->subnet_id;
  CHECK(CodeOf(ModifySubnetAttribute(ec2, alice, none)) == "InvalidParameterCombination");
}
