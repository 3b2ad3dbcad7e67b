#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "model/network/vpc_cidrs.hpp"
#include "model/network/vpcs.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

model::Vpc MakeVpc(model::Ec2& ec2, const model::Caller& caller, const std::string& cidr = "10.0.0.0/16") {
  auto vpc = model::CreateVpc(ec2, caller, {cidr, "", {}});
  REQUIRE(vpc);
  return *vpc;
}

template <class T>
std::vector<T> InVpc(model::Ec2& ec2, const model::Caller& caller, const std::string& vpc_id) {
  return ec2.Read(caller, [&](const model::View& view) {
    std::vector<T> found;
    for (const auto& [id, item] : model::MapOf<T>(view.partition())) {
      if (item.vpc_id == vpc_id) found.push_back(item);
    }
    return found;
  });
}

}  // namespace

TEST_CASE_METHOD(test::ModelFixture,
                 "a new VPC comes with its main route table, default ACL and default group", "[model][vpc]") {
  model::Vpc vpc = MakeVpc(ec2, alice);
  CHECK(vpc.vpc_id.starts_with("vpc-"));
  CHECK(vpc.cidr_block == "10.0.0.0/16");
  CHECK(vpc.cidr_association_id.starts_with("vpc-cidr-assoc-"));
  CHECK_FALSE(vpc.is_default);
  CHECK(vpc.enable_dns_support);
  CHECK_FALSE(vpc.enable_dns_hostnames);
  CHECK(vpc.instance_tenancy == "default");
  CHECK(vpc.dhcp_options_id ==
        DescribeVpcs(ec2, alice, {{}, {{"is-default", {"true"}}}, {}})->items[0].dhcp_options_id);

  auto tables = InVpc<model::RouteTable>(ec2, alice, vpc.vpc_id);
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].routes.size() == 1);
  CHECK(tables[0].routes[0].destination_cidr_block == "10.0.0.0/16");
  CHECK(tables[0].routes[0].gateway_id == "local");
  CHECK(model::MainAssociationOf(tables[0]) != nullptr);
  auto acls = InVpc<model::NetworkAcl>(ec2, alice, vpc.vpc_id);
  REQUIRE(acls.size() == 1);
  CHECK(acls[0].is_default);
  CHECK(acls[0].associations.empty());
  CHECK(acls[0].entries.size() == 4);
  auto groups = InVpc<model::SecurityGroup>(ec2, alice, vpc.vpc_id);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].group_name == "default");
  REQUIRE(groups[0].rules.size() == 2);
  CHECK(groups[0].rules[0].referenced_group_id == groups[0].group_id);
  CHECK(groups[0].rules[1].cidr_ipv4 == "0.0.0.0/0");
  // One commit for the VPC and everything it comes with.
  CHECK(store.commits == 1);
  CHECK(store.last.puts.size() == 4);
  // The default group of any VPC cannot be deleted.
  CHECK(CodeOf(DeleteSecurityGroup(ec2, alice, {groups[0].group_id, ""})) == "CannotDelete");
}

TEST_CASE_METHOD(test::ModelFixture, "CreateVpc refuses bad blocks and tenancies and changes nothing",
                 "[model][vpc]") {
  CHECK(CodeOf(CreateVpc(ec2, alice, {"10.0.0.0/15", "", {}})) == "InvalidVpc.Range");
  CHECK(CodeOf(CreateVpc(ec2, alice, {"10.0.0.0/29", "", {}})) == "InvalidVpc.Range");
  CHECK(CodeOf(CreateVpc(ec2, alice, {"10.0.0.1/16", "", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateVpc(ec2, alice, {"1000.0.0.0/16", "", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateVpc(ec2, alice, {"", "", {}})) == "MissingParameter");
  CHECK(CodeOf(CreateVpc(ec2, alice, {"10.0.0.0/16", "host", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateVpc(ec2, alice, {"10.0.0.0/16", "", {{"subnet", {{"Name", "x"}}}}})) ==
        "InvalidParameterValue");
  CHECK(store.commits == 0);
  auto dedicated = CreateVpc(ec2, alice, {"10.0.0.0/28", "dedicated", {{"vpc", {{"Name", "web"}}}}});
  REQUIRE(dedicated);
  CHECK(dedicated->instance_tenancy == "dedicated");
  CHECK(dedicated->tags.at("Name") == "web");
}

TEST_CASE_METHOD(test::ModelFixture,
                 "DeleteVpc waits for its subnets and groups, then takes its defaults along",
                 "[model][vpc]") {
  model::Vpc vpc = MakeVpc(ec2, alice);
  auto subnet = CreateSubnet(ec2, alice, {vpc.vpc_id, "10.0.1.0/24", "", "", {}});
  REQUIRE(subnet);
  auto group = CreateSecurityGroup(ec2, alice, {"web", "web", vpc.vpc_id, {}});
  REQUIRE(group);
  CHECK(CodeOf(DeleteVpc(ec2, alice, vpc.vpc_id)) == "DependencyViolation");
  REQUIRE(DeleteSubnet(ec2, alice, subnet->subnet_id));
  CHECK(CodeOf(DeleteVpc(ec2, alice, vpc.vpc_id)) == "DependencyViolation");
  REQUIRE(DeleteSecurityGroup(ec2, alice, {group->group_id, ""}));
  REQUIRE(DeleteVpc(ec2, alice, vpc.vpc_id));
  CHECK(InVpc<model::RouteTable>(ec2, alice, vpc.vpc_id).empty());
  CHECK(InVpc<model::NetworkAcl>(ec2, alice, vpc.vpc_id).empty());
  CHECK(InVpc<model::SecurityGroup>(ec2, alice, vpc.vpc_id).empty());
  CHECK(CodeOf(DescribeVpcs(ec2, alice, {{vpc.vpc_id}, {}, {}})) == "InvalidVpcID.NotFound");
  CHECK(CodeOf(DeleteVpc(ec2, alice, vpc.vpc_id)) == "InvalidVpcID.NotFound");
  CHECK(CodeOf(DeleteVpc(ec2, alice, "vpc-zz")) == "InvalidVpcID.Malformed");
  const std::string default_vpc = DescribeVpcs(ec2, alice, {})->items[0].vpc_id;
  CHECK(CodeOf(DeleteVpc(ec2, alice, default_vpc)) == "OperationNotPermitted");
}

TEST_CASE_METHOD(test::ModelFixture, "VPC attributes: one per call, DNS hostnames need DNS support",
                 "[model][vpc]") {
  model::Vpc vpc = MakeVpc(ec2, alice);
  CHECK(*DescribeVpcAttribute(ec2, alice, vpc.vpc_id, "enableDnsSupport"));
  CHECK_FALSE(*DescribeVpcAttribute(ec2, alice, vpc.vpc_id, "enableDnsHostnames"));
  CHECK_FALSE(*DescribeVpcAttribute(ec2, alice, vpc.vpc_id, "enableNetworkAddressUsageMetrics"));
  CHECK(CodeOf(DescribeVpcAttribute(ec2, alice, vpc.vpc_id, "enableSomething")) == "InvalidParameterValue");
  auto both = ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, true, true, std::nullopt});
  REQUIRE_FALSE(both);
  CHECK(both.error().code == "InvalidParameterCombination");
  CHECK(both.error().message ==
        "Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames");
  CHECK(CodeOf(ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, std::nullopt, std::nullopt, std::nullopt})) ==
        "InvalidParameterCombination");
  REQUIRE(ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, std::nullopt, true, std::nullopt}));
  CHECK(*DescribeVpcAttribute(ec2, alice, vpc.vpc_id, "enableDnsHostnames"));
  REQUIRE(ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, std::nullopt, false, std::nullopt}));
  REQUIRE(ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, false, std::nullopt, std::nullopt}));
  CHECK(CodeOf(ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, std::nullopt, true, std::nullopt})) ==
        "InvalidParameterValue");
  REQUIRE(ModifyVpcAttribute(ec2, alice, {vpc.vpc_id, std::nullopt, std::nullopt, true}));
  CHECK(*DescribeVpcAttribute(ec2, alice, vpc.vpc_id, "enableNetworkAddressUsageMetrics"));
  CHECK(CodeOf(DescribeVpcAttribute(ec2, bob, vpc.vpc_id, "enableDnsSupport")) == "InvalidVpcID.NotFound");
}

TEST_CASE_METHOD(test::ModelFixture, "secondary IPv4 blocks: limits, conflicts, routes and subnets",
                 "[model][vpc]") {
  model::Vpc vpc = MakeVpc(ec2, alice, "10.0.0.0/24");
  auto added = AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, "10.0.1.0/24");
  REQUIRE(added);
  CHECK(added->association.state == "associating");
  CHECK(added->association.association_id.starts_with("vpc-cidr-assoc-"));
  auto described =
      DescribeVpcs(ec2, alice, {{}, {{"cidr-block-association.cidr-block", {"10.0.1.0/24"}}}, {}});
  REQUIRE(described->items.size() == 1);
  CHECK(described->items[0].secondary_cidrs[0].state == "associated");
  auto routes = InVpc<model::RouteTable>(ec2, alice, vpc.vpc_id)[0].routes;
  REQUIRE(routes.size() == 2);
  CHECK(routes[1].destination_cidr_block == "10.0.1.0/24");

  CHECK(CodeOf(AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, "10.0.0.128/25")) == "InvalidVpc.Range");
  CHECK(CodeOf(AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, "198.19.1.0/24")) == "InvalidVpc.Range");
  CHECK(CodeOf(AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, "10.1.0.0/29")) == "InvalidVpc.Range");
  CHECK(CodeOf(AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, "10.1.0/24")) == "InvalidParameterValue");
  for (const char* cidr : {"10.0.2.0/24", "192.168.0.0/24", "100.64.0.0/24"}) {
    REQUIRE(AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, cidr));
  }
  CHECK(CodeOf(AssociateVpcCidrBlock(ec2, alice, vpc.vpc_id, "10.0.9.0/24")) == "CidrLimitExceeded");

  auto subnet = CreateSubnet(ec2, alice, {vpc.vpc_id, "10.0.1.0/28", "", "", {}});
  REQUIRE(subnet);
  const std::string association_id = added->association.association_id;
  CHECK(CodeOf(DisassociateVpcCidrBlock(ec2, alice, association_id)) == "DependencyViolation");
  CHECK(CodeOf(DisassociateVpcCidrBlock(ec2, alice, vpc.cidr_association_id)) == "OperationNotPermitted");
  CHECK(CodeOf(DisassociateVpcCidrBlock(ec2, alice, "vpc-cidr-assoc-0123456789abcdef0")) ==
        "InvalidVpcCidrBlockAssociationID.NotFound");
  REQUIRE(DeleteSubnet(ec2, alice, subnet->subnet_id));
  auto removed = DisassociateVpcCidrBlock(ec2, alice, association_id);
  REQUIRE(removed);
  CHECK(removed->association.state == "disassociating");
  CHECK(removed->association.cidr_block == "10.0.1.0/24");
  CHECK(InVpc<model::RouteTable>(ec2, alice, vpc.vpc_id)[0].routes.size() == 4);  // local: primary + 3 left
  CHECK(DescribeVpcs(ec2, alice, {{vpc.vpc_id}, {}, {}})->items[0].secondary_cidrs.size() == 3);
}

TEST_CASE_METHOD(test::ModelFixture, "DescribeVpcs filters, camelCase names and isolation", "[model][vpc]") {
  model::Vpc a = MakeVpc(ec2, alice, "10.1.0.0/16");
  REQUIRE(CreateVpc(ec2, alice, {"10.2.0.0/16", "", {{"vpc", {{"env", "prod"}}}}}));
  CHECK(DescribeVpcs(ec2, alice, {})->items.size() == 3);
  CHECK(DescribeVpcs(ec2, alice, {{}, {{"isDefault", {"false"}}}, {}})->items.size() == 2);
  CHECK(DescribeVpcs(ec2, alice, {{}, {{"cidrBlock", {"10.1.0.0/16"}}}, {}})->items.size() == 1);
  CHECK(DescribeVpcs(ec2, alice, {{}, {{"vpcId", {a.vpc_id}}}, {}})->items[0].vpc_id == a.vpc_id);
  CHECK(DescribeVpcs(ec2, alice, {{}, {{"tag:env", {"prod"}}}, {}})->items[0].cidr_block == "10.2.0.0/16");
  CHECK(DescribeVpcs(ec2, alice, {{}, {{"state", {"available"}}}, {}})->items.size() == 3);
  CHECK(CodeOf(DescribeVpcs(ec2, alice, {{}, {{"isDefaultish", {"x"}}}, {}})) == "InvalidParameterValue");
  auto page = DescribeVpcs(ec2, alice, {{}, {}, {5, std::nullopt}});
  CHECK(page->items.size() == 3);
  CHECK(page->next_token.empty());
  CHECK(DescribeVpcs(ec2, bob, {})->items.size() == 1);
  CHECK(DescribeVpcs(ec2, alice_eu, {})->items.size() == 1);
}
