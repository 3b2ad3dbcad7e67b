#include <catch2/catch.hpp>

#include "platform/random_id_source.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

model::Permission WithCidr(std::string protocol, std::optional<int> from, std::optional<int> to,
                           std::string cidr) {
  model::Permission::Peer peer;
  peer.cidr_ipv4 = std::move(cidr);
  return {std::move(protocol), from, to, {peer}};
}

model::Permission Tcp(int from, int to, std::string cidr) {
  return WithCidr("tcp", from, to, std::move(cidr));
}

model::Permission FromGroup(std::string protocol, std::string group_id) {
  model::Permission::Peer peer;
  peer.group_id = std::move(group_id);
  return {std::move(protocol), std::nullopt, std::nullopt, {peer}};
}

}  // namespace

TEST_CASE_METHOD(test::ModelFixture, "every account and region has a derived default VPC, subnets and group",
                 "[model][vpc]") {
  auto vpcs = DescribeVpcs(ec2, alice, {});
  REQUIRE(vpcs);
  REQUIRE(vpcs->items.size() == 1);
  const model::Vpc& vpc = vpcs->items[0];
  CHECK(vpc.is_default);
  CHECK(vpc.cidr_block == "172.31.0.0/16");
  auto subnets = DescribeSubnets(ec2, alice, {});
  REQUIRE(subnets->items.size() == 6);  // one per us-east-1 zone
  CHECK(subnets->items[0].available_ip_address_count == 4091);
  auto groups = DescribeSecurityGroups(ec2, alice, {{}, {"default"}, {}, {}});
  REQUIRE(groups);
  REQUIRE(groups->items.size() == 1);
  CHECK(groups->items[0].vpc_id == vpc.vpc_id);
  CHECK(groups->items[0].rules.size() == 2);
  // Derived, so the same ids on every start, and different for every account and region.
  model::NullStore other_store;
  platform::RandomIdSource other_ids(1);
  model::Ec2 restarted(other_store, clock, other_ids, keys);
  CHECK(DescribeVpcs(restarted, alice, {})->items[0].vpc_id == vpc.vpc_id);
  CHECK(DescribeVpcs(ec2, bob, {})->items[0].vpc_id != vpc.vpc_id);
  CHECK(DescribeVpcs(ec2, alice_eu, {})->items[0].vpc_id != vpc.vpc_id);
  CHECK(store.commits == 0);  // reading never writes
  auto attributes = DescribeAccountAttributes(ec2, alice, {"default-vpc"});
  REQUIRE(attributes.size() == 1);
  CHECK(attributes[0].values == std::vector<std::string>{vpc.vpc_id});
}

TEST_CASE_METHOD(test::ModelFixture, "security group names are unique per VPC and some are refused",
                 "[model][securitygroup]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web servers", "", {}});
  REQUIRE(web);
  CHECK(web->rules.size() == 1);  // all egress
  CHECK(web->rules[0].is_egress);
  auto duplicate = CreateSecurityGroup(ec2, alice, {"web", "again", "", {}});
  CHECK(CodeOf(duplicate) == "InvalidGroup.Duplicate");
  CHECK(duplicate.error().message == "The security group 'web' already exists for VPC '" + web->vpc_id + "'");
  CHECK(CreateSecurityGroup(ec2, bob, {"web", "bob's", "", {}}));
  CHECK(CodeOf(CreateSecurityGroup(ec2, alice, {"default", "x", "", {}})) == "InvalidGroup.Reserved");
  CHECK(CodeOf(CreateSecurityGroup(ec2, alice, {"sg-1", "x", "", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateSecurityGroup(ec2, alice, {"x", "", "", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateSecurityGroup(ec2, alice, {"x", "d\xC3\xA9", "", {}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateSecurityGroup(ec2, alice, {"x", "d", "vpc-0123456789abcdef0", {}})) ==
        "InvalidVpcID.NotFound");
  CHECK(CodeOf(CreateSecurityGroup(ec2, alice, {"x", "d", "vpc-nope", {}})) == "InvalidVpcID.Malformed");
}

TEST_CASE_METHOD(test::ModelFixture, "rules are authorized once, normalised, and revoked exactly",
                 "[model][securitygroup]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  model::ChangeRulesRequest ssh{{web->group_id, ""}, false, {Tcp(22, 22, "0.0.0.0/0")}, {}, {}};
  auto added = AuthorizeSecurityGroupRules(ec2, alice, ssh);
  REQUIRE(added);
  REQUIRE(added->size() == 1);
  CHECK((*added)[0].rule.rule_id.starts_with("sgr-"));
  auto again = AuthorizeSecurityGroupRules(ec2, alice, ssh);
  CHECK(CodeOf(again) == "InvalidPermission.Duplicate");
  CHECK(again.error().message ==
        "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already exists");
  // Protocol numbers are AWS's names.
  model::ChangeRulesRequest numbered{{web->group_id, ""}, false, {Tcp(22, 22, "0.0.0.0/0")}, {}, {}};
  numbered.permissions[0].ip_protocol = "6";
  CHECK(CodeOf(AuthorizeSecurityGroupRules(ec2, alice, numbered)) == "InvalidPermission.Duplicate");

  model::ChangeRulesRequest missing{{web->group_id, ""}, false, {Tcp(80, 80, "0.0.0.0/0")}, {}, {}};
  CHECK(CodeOf(RevokeSecurityGroupRules(ec2, alice, missing)) == "InvalidPermission.NotFound");
  auto revoked = RevokeSecurityGroupRules(ec2, alice, ssh);
  REQUIRE(revoked);
  CHECK((*revoked)[0].rule.rule_id == (*added)[0].rule.rule_id);
  auto by_id =
      RevokeSecurityGroupRules(ec2, alice, {{web->group_id, ""}, true, {}, {web->rules[0].rule_id}, {}});
  REQUIRE(by_id);
  CHECK(DescribeSecurityGroups(ec2, alice, {{web->group_id}, {}, {}, {}})->items[0].rules.empty());
}

TEST_CASE_METHOD(test::ModelFixture, "bad protocols, ports and CIDRs are refused", "[model][securitygroup]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  auto try_permission = [&](model::Permission p) {
    return CodeOf(
        AuthorizeSecurityGroupRules(ec2, alice, {{web->group_id, ""}, false, {std::move(p)}, {}, {}}));
  };
  CHECK(try_permission(Tcp(22, 21, "0.0.0.0/0")) == "InvalidParameterValue");
  CHECK(try_permission(Tcp(0, 70000, "0.0.0.0/0")) == "InvalidParameterValue");
  CHECK(try_permission(Tcp(22, 22, "0.0.0.0/33")) == "InvalidParameterValue");
  CHECK(try_permission(Tcp(22, 22, "10.0.0.300/8")) == "InvalidParameterValue");
  CHECK(try_permission(WithCidr("gre-ish", 1, 2, "10.0.0.0/8")) == "InvalidParameterValue");
  CHECK(try_permission(WithCidr("tcp", std::nullopt, std::nullopt, "10.0.0.0/8")) == "InvalidParameterValue");
  CHECK(try_permission({"tcp", 1, 2, {}}) == "InvalidParameterValue");
  CHECK(try_permission(FromGroup("-1", "sg-0123456789abcdef0")) == "InvalidGroup.NotFound");
  CHECK(try_permission(FromGroup("-1", "sg-zz")) == "InvalidGroupId.Malformed");
  model::Permission ipv6{"udp", 53, 53, {}};
  ipv6.peers.push_back({});
  ipv6.peers[0].cidr_ipv6 = "::/0";
  CHECK(try_permission(ipv6).empty());
  CHECK(store.commits == 2);  // the group, and the one valid rule
}

TEST_CASE_METHOD(test::ModelFixture, "groups in use or default cannot be deleted", "[model][securitygroup]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  auto db = CreateSecurityGroup(ec2, alice, {"db", "db", "", {}});
  REQUIRE(AuthorizeSecurityGroupRules(ec2, alice,
                                      {{db->group_id, ""}, false, {FromGroup("tcp", web->group_id)}, {}, {}})
              .ok() == false);  // tcp needs ports
  model::Permission from_web = FromGroup("tcp", web->group_id);
  from_web.from_port = 5432;
  from_web.to_port = 5432;
  REQUIRE(AuthorizeSecurityGroupRules(ec2, alice, {{db->group_id, ""}, false, {from_web}, {}, {}}));
  auto in_use = DeleteSecurityGroup(ec2, alice, {web->group_id, ""});
  CHECK(CodeOf(in_use) == "DependencyViolation");
  CHECK(in_use.error().message == "resource " + web->group_id + " has a dependent object");
  auto default_group = DescribeSecurityGroups(ec2, alice, {{}, {"default"}, {}, {}})->items[0];
  CHECK(CodeOf(DeleteSecurityGroup(ec2, alice, {default_group.group_id, ""})) == "CannotDelete");
  CHECK(CodeOf(DeleteSecurityGroup(ec2, alice, {"", "nope"})) == "InvalidGroup.NotFound");
  CHECK(CodeOf(DeleteSecurityGroup(ec2, bob, {db->group_id, ""})) == "InvalidGroup.NotFound");  // no leak
  REQUIRE(DeleteSecurityGroup(ec2, alice, {"", "db"}));
  REQUIRE(DeleteSecurityGroup(ec2, alice, {web->group_id, ""}));
}

TEST_CASE_METHOD(test::ModelFixture, "a failed commit leaves the state untouched", "[model][atomicity]") {
  store.fail_next = true;
  auto failed = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  CHECK(CodeOf(failed) == "InternalError");
  CHECK(DescribeSecurityGroups(ec2, alice, {{}, {}, {{"group-name", {"web"}}}, {}})->items.empty());
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  REQUIRE(web);
  store.fail_next = true;
  CHECK_FALSE(CreateTags(ec2, alice, {web->group_id}, {{"Name", "web"}}));
  CHECK(DescribeTags(ec2, alice, {})->items.empty());
}

TEST_CASE_METHOD(test::ModelFixture, "describe filters cover ids, names and rule fields",
                 "[model][securitygroup]") {
  auto web =
      CreateSecurityGroup(ec2, alice, {"web", "web tier", "", {{"security-group", {{"Name", "web"}}}}});
  REQUIRE(AuthorizeSecurityGroupRules(ec2, alice,
                                      {{web->group_id, ""}, false, {Tcp(443, 443, "10.0.0.0/8")}, {}, {}}));
  auto names = [&](std::vector<model::Filter> filters) {
    std::vector<std::string> out;
    auto page = DescribeSecurityGroups(ec2, alice, {{}, {}, std::move(filters), {}});
    REQUIRE(page);
    for (const auto& g : page->items) out.push_back(g.group_name);
    return out;
  };
  CHECK(names({{"ip-permission.from-port", {"443"}}}) == std::vector<std::string>{"web"});
  CHECK(names({{"ip-permission.cidr", {"10.*"}}}) == std::vector<std::string>{"web"});
  CHECK(names({{"egress.ip-permission.cidr", {"0.0.0.0/0"}}}).size() == 2);
  CHECK(names({{"tag:Name", {"web"}}, {"description", {"*tier"}}}) == std::vector<std::string>{"web"});
  CHECK(names({{"group-name", {"default", "web"}}, {"tag-key", {"Name"}}}) ==
        std::vector<std::string>{"web"});
  CHECK(CodeOf(DescribeSecurityGroups(ec2, alice, {{}, {}, {{"colour", {"x"}}}, {}})) ==
        "InvalidParameterValue");
  auto rules = DescribeSecurityGroupRules(ec2, alice, {{}, {{"group-id", {web->group_id}}}, {}});
  REQUIRE(rules);
  CHECK(rules->items.size() == 2);
  auto unknown =
      DescribeSecurityGroupRules(ec2, alice, {{"sgr-0123456789abcdef0"}, {{"group-id", {"x"}}}, {}});
  CHECK(CodeOf(unknown) == "InvalidSecurityGroupRuleId.NotFound");
  CHECK(CodeOf(DescribeSecurityGroupRules(ec2, alice, {{"sgr-?"}, {}, {}})) ==
        "InvalidSecurityGroupRuleId.Malformed");
}
