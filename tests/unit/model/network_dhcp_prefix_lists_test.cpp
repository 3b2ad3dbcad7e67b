#include <algorithm>
#include <catch2/catch.hpp>

#include "model/network/vpcs.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

TEST_CASE_METHOD(test::ModelFixture, "DHCP options: create, associate, describe, delete", "[model][dhcp]") {
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{}, {}})) == "MissingParameter");
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{{"domain-search", {"x"}}}, {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{{"netbios-node-type", {"3"}}}, {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{{"ntp-servers", {"1", "2", "3", "4", "5"}}}, {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{{"domain-name", {}}}, {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{{"ntp-servers", {"time.example"}}}, {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(CreateDhcpOptions(ec2, alice, {{{"netbios-name-servers", {"AmazonProvidedDNS"}}}, {}})) ==
        "InvalidParameterValue");
  CHECK(store.commits == 0);
  auto options = CreateDhcpOptions(
      ec2, alice,
      {{{"domain-name", {"corp.example"}}, {"domain-name-servers", {"10.0.0.2", "AmazonProvidedDNS"}}},
       {{"dhcp-options", {{"Name", "corp"}}}}});
  REQUIRE(options);
  CHECK(options->dhcp_options_id.starts_with("dopt-"));
  CHECK(options->tags.at("Name") == "corp");
  auto vpc = CreateVpc(ec2, alice, {"10.0.0.0/16", "", {}});
  REQUIRE(AssociateDhcpOptions(ec2, alice, options->dhcp_options_id, vpc->vpc_id));
  CHECK(DescribeVpcs(ec2, alice, {{}, {{"dhcp-options-id", {options->dhcp_options_id}}}, {}})->items.size() ==
        1);
  CHECK(CodeOf(DeleteDhcpOptions(ec2, alice, options->dhcp_options_id)) == "DependencyViolation");
  CHECK(DescribeDhcpOptions(ec2, alice, {{}, {{"value", {"corp.example"}}}, {}})->items.size() == 1);
  CHECK(DescribeDhcpOptions(ec2, alice, {{}, {{"key", {"domain-name-servers"}}}, {}})->items.size() == 2);
  CHECK(DescribeDhcpOptions(ec2, alice, {{}, {{"tag:Name", {"corp"}}}, {}})->items[0].dhcp_options_id ==
        options->dhcp_options_id);
  CHECK(CodeOf(DescribeDhcpOptions(ec2, alice, {{"dopt-0123456789abcdef0"}, {}, {}})) ==
        "InvalidDhcpOptionID.NotFound");
  CHECK(CodeOf(DescribeDhcpOptions(ec2, alice, {{"dopt-x"}, {}, {}})) == "InvalidDhcpOptionsId.Malformed");
  REQUIRE(AssociateDhcpOptions(ec2, alice, "default", vpc->vpc_id));
  CHECK(DescribeVpcs(ec2, alice, {{vpc->vpc_id}, {}, {}})->items[0].dhcp_options_id == "default");
  CHECK(CodeOf(AssociateDhcpOptions(ec2, alice, "dopt-0123456789abcdef0", vpc->vpc_id)) ==
        "InvalidDhcpOptionID.NotFound");
  REQUIRE(DeleteDhcpOptions(ec2, alice, options->dhcp_options_id));
  CHECK(DescribeDhcpOptions(ec2, alice, {})->items.size() == 1);  // the region's default set
  CHECK(DescribeDhcpOptions(ec2, bob, {})->items.size() == 1);
}

TEST_CASE_METHOD(test::ModelFixture, "the region's managed prefix lists and its empty VPC endpoints",
                 "[model][prefixlist]") {
  auto lists = DescribePrefixLists(ec2, alice, {}, true);
  REQUIRE(lists);
  REQUIRE(lists->items.size() == 2);
  std::vector<std::string> names = {lists->items[0].prefix_list_name, lists->items[1].prefix_list_name};
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"});
  CHECK(lists->items[0].prefix_list_id.starts_with("pl-"));
  CHECK(DescribePrefixLists(ec2, alice_eu, {}, true)->items[0].prefix_list_id !=
        lists->items[0].prefix_list_id);
  auto s3 = DescribePrefixLists(ec2, alice, {{}, {{"prefix-list-name", {"*.s3"}}}, {}}, false);
  REQUIRE(s3->items.size() == 1);
  CHECK(DescribePrefixLists(ec2, alice, {{s3->items[0].prefix_list_id}, {}, {}}, false)->items.size() == 1);
  CHECK(CodeOf(DescribePrefixLists(ec2, alice, {{"pl-0123abcd"}, {}, {}}, false)) ==
        "InvalidPrefixListID.NotFound");
  CHECK(CodeOf(DescribePrefixLists(ec2, alice, {{"plx"}, {}, {}}, false)) == "InvalidPrefixListId.Malformed");
  CHECK(CodeOf(DescribePrefixLists(ec2, alice, {{}, {{"owner-id", {"AWS"}}}, {}}, false)) ==
        "InvalidParameterValue");
  CHECK(DescribePrefixLists(ec2, alice, {{}, {{"owner-id", {"AWS"}}}, {}}, true)->items.size() == 2);
  CHECK(model::DescribeVpcEndpoints({{}, {{"vpc-id", {"vpc-1"}}}, {}}));
  CHECK(CodeOf(model::DescribeVpcEndpoints({{}, {{"bogus", {"x"}}}, {}})) == "InvalidParameterValue");
  CHECK(CodeOf(model::DescribeVpcEndpoints({{"vpce-0123456789abcdef0"}, {}, {}})) ==
        "InvalidVpcEndpointId.NotFound");
  CHECK(CodeOf(model::DescribeVpcEndpoints({{"vpc-1"}, {}, {}})) == "InvalidVpcEndpointId.Malformed");
  CHECK(CodeOf(model::DescribeVpcEndpoints({{}, {}, {2000, std::nullopt}})) == "InvalidParameterValue");
}

TEST_CASE_METHOD(test::ModelFixture,
                 "a new VPC gets the region's AmazonProvidedDNS set, which is never deleted",
                 "[model][dhcp]") {
  const model::Vpc default_vpc = DescribeVpcs(ec2, alice, {})->items[0];
  const std::string amazon_provided = default_vpc.dhcp_options_id;
  auto custom = CreateDhcpOptions(ec2, alice, {{{"domain-name", {"corp.example"}}}, {}});
  REQUIRE(custom);
  CHECK(CodeOf(DeleteDhcpOptions(ec2, alice, amazon_provided)) == "DependencyViolation");
  REQUIRE(AssociateDhcpOptions(ec2, alice, custom->dhcp_options_id, default_vpc.vpc_id));
  auto vpc = CreateVpc(ec2, alice, {"10.0.0.0/16", "", {}});
  CHECK(vpc->dhcp_options_id == amazon_provided);
  REQUIRE(AssociateDhcpOptions(ec2, alice, custom->dhcp_options_id, vpc->vpc_id));
  CHECK(CodeOf(DeleteDhcpOptions(ec2, alice, amazon_provided)) == "OperationNotPermitted");
  // The default subnets are derived too.
  const model::Subnet default_subnet = DescribeSubnets(ec2, alice, {})->items[0];
  CHECK(CodeOf(DeleteSubnet(ec2, alice, default_subnet.subnet_id)) == "OperationNotPermitted");
}
