// Network ACLs, their entries and associations (model/network/network_acls.hpp).
#include "model/network/network_acls.hpp"

#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct AclFixture : test::ModelFixture {
  std::string vpc_id = DescribeVpcs(ec2, alice, {})->items[0].vpc_id;
  std::vector<model::Subnet> subnets = DescribeSubnets(ec2, alice, {})->items;

  model::NetworkAcl Acl(const std::string& id) {
    return DescribeNetworkAcls(ec2, alice, {{id}, {}, {}})->items.at(0);
  }
  model::NetworkAcl DefaultAcl() {
    return DescribeNetworkAcls(ec2, alice, {{}, {{"default", {"true"}}}, {}})->items.at(0);
  }
  static model::NetworkAclEntryRequest Entry(const std::string& acl, int rule, std::string protocol) {
    model::NetworkAclEntryRequest request;
    request.network_acl_id = acl;
    request.rule_number = rule;
    request.protocol = std::move(protocol);
    request.rule_action = "allow";
    request.cidr_block = "10.0.0.0/8";
    return request;
  }
};

}  // namespace

TEST_CASE_METHOD(AclFixture, "the default ACL allows everything and holds every default subnet",
                 "[model][network][acls]") {
  model::NetworkAcl acl = DefaultAcl();
  CHECK(acl.vpc_id == vpc_id);
  CHECK(acl.entries.size() == 4);
  CHECK(acl.associations.size() == subnets.size());
  CHECK(CodeOf(DeleteNetworkAcl(ec2, alice, acl.network_acl_id)) == "InvalidParameterValue");
}

TEST_CASE_METHOD(AclFixture, "entries are keyed by rule number and direction and validated",
                 "[model][network][acls]") {
  auto acl = CreateNetworkAcl(ec2, alice, {vpc_id, "", {{"network-acl", {{"Name", "web"}}}}});
  REQUIRE(acl);
  const std::string id = acl->network_acl_id;
  CHECK_FALSE(acl->is_default);
  REQUIRE(acl->entries.size() == 2);
  CHECK(acl->entries[0].rule_number == 32767);
  CHECK(acl->entries[0].rule_action == "deny");

  model::NetworkAclEntryRequest https = Entry(id, 100, "tcp");
  https.from_port = 443;
  https.to_port = 443;
  REQUIRE(CreateNetworkAclEntry(ec2, alice, https));
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, https)) == "NetworkAclEntryAlreadyExists");
  https.egress = true;  // the same number in the other direction is another entry
  REQUIRE(CreateNetworkAclEntry(ec2, alice, https));
  model::NetworkAcl stored = Acl(id);
  REQUIRE(stored.entries.size() == 4);
  CHECK(stored.entries[0].rule_number == 100);
  CHECK(stored.entries[0].protocol == "6");
  CHECK(stored.entries[0].from_port == 443);

  const int commits = store.commits;
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, Entry(id, 0, "-1"))) == "InvalidParameterValue");
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, Entry(id, 32767, "-1"))) == "InvalidParameterValue");
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, Entry(id, 110, "tcp"))) == "MissingParameter");
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, Entry(id, 110, "icmp"))) == "MissingParameter");
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, Entry(id, 110, "smtp"))) == "InvalidParameterValue");
  model::NetworkAclEntryRequest reject = Entry(id, 110, "-1");
  reject.rule_action = "reject";
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, reject)) == "InvalidParameterValue");
  model::NetworkAclEntryRequest v6 = Entry(id, 110, "-1");
  v6.unsupported = "Ipv6CidrBlock";
  CHECK(CreateNetworkAclEntry(ec2, alice, v6).error().message.find("Ipv6CidrBlock") != std::string::npos);
  CHECK(CodeOf(ReplaceNetworkAclEntry(ec2, alice, Entry(id, 120, "-1"))) ==
        "InvalidNetworkAclEntry.NotFound");
  auto missing = DeleteNetworkAclEntry(ec2, alice, id, 120, false);
  CHECK(CodeOf(missing) == "InvalidNetworkAclEntry.NotFound");
  CHECK(missing.error().message == "no ingress entry with number 120");
  CHECK(CodeOf(CreateNetworkAclEntry(ec2, alice, Entry("acl-12345678", 110, "-1"))) ==
        "InvalidNetworkAclID.NotFound");
  CHECK(store.commits == commits);

  model::NetworkAclEntryRequest deny_all = Entry(id, 100, "-1");
  deny_all.rule_action = "deny";
  REQUIRE(ReplaceNetworkAclEntry(ec2, alice, deny_all));
  stored = Acl(id);
  CHECK(stored.entries[0].protocol == "-1");
  CHECK(stored.entries[0].rule_action == "deny");
  CHECK(stored.entries[0].from_port == -1);
  auto by_rule = DescribeNetworkAcls(ec2, alice, {{}, {{"entry.rule-number", {"110"}}}, {}});
  CHECK(by_rule->items.empty());
  by_rule =
      DescribeNetworkAcls(ec2, alice, {{}, {{"entry.rule-number", {"100"}}, {"default", {"false"}}}, {}});
  REQUIRE(by_rule->items.size() == 1);
  CHECK(by_rule->items[0].network_acl_id == id);
  REQUIRE(DeleteNetworkAclEntry(ec2, alice, id, 100, false));
  CHECK(Acl(id).entries.size() == 3);
  CHECK(DescribeNetworkAcls(ec2, alice, {{}, {{"tag:Name", {"web"}}}, {}})->items.size() == 1);
}

TEST_CASE_METHOD(AclFixture, "a subnet's ACL association moves to another ACL of its VPC",
                 "[model][network][acls]") {
  model::NetworkAcl default_acl = DefaultAcl();
  auto acl = CreateNetworkAcl(ec2, alice, {vpc_id, "tok", {}});
  REQUIRE(acl);
  CHECK(CreateNetworkAcl(ec2, alice, {vpc_id, "tok", {}})->network_acl_id == acl->network_acl_id);
  const std::string old_association = default_acl.associations.at(0).association_id;
  const std::string subnet_id = default_acl.associations.at(0).subnet_id;

  CHECK(CodeOf(ReplaceNetworkAclAssociation(ec2, alice, "aclassoc-12345678", acl->network_acl_id)) ==
        "InvalidAssociationID.NotFound");
  auto moved = ReplaceNetworkAclAssociation(ec2, alice, old_association, acl->network_acl_id);
  REQUIRE(moved);
  CHECK(moved->starts_with("aclassoc-"));
  CHECK(*moved != old_association);
  CHECK(DefaultAcl().associations.size() == subnets.size() - 1);
  auto by_subnet = DescribeNetworkAcls(ec2, alice, {{}, {{"association.subnet-id", {subnet_id}}}, {}});
  REQUIRE(by_subnet->items.size() == 1);
  CHECK(by_subnet->items[0].network_acl_id == acl->network_acl_id);
  CHECK(CodeOf(DeleteNetworkAcl(ec2, alice, acl->network_acl_id)) == "DependencyViolation");

  REQUIRE(ReplaceNetworkAclAssociation(ec2, alice, *moved, default_acl.network_acl_id));
  REQUIRE(DeleteNetworkAcl(ec2, alice, acl->network_acl_id));
  CHECK(CodeOf(DescribeNetworkAcls(ec2, alice, {{acl->network_acl_id}, {}, {}})) ==
        "InvalidNetworkAclID.NotFound");
}

TEST_CASE_METHOD(AclFixture, "a subnet's ACL must belong to the subnet's VPC", "[model][network][acls]") {
  // A second VPC, put directly (CreateVpc belongs to another part of the family).
  const std::string other_vpc = *ec2.Write(alice, [&](model::Tx& tx) -> model::Result<std::string> {
    model::Vpc vpc;
    vpc.vpc_id = tx.NewId("vpc");
    vpc.cidr_block = "10.0.0.0/16";
    vpc.owner_id = alice.account_id;
    tx.Put(vpc);
    return vpc.vpc_id;
  });
  auto elsewhere = CreateNetworkAcl(ec2, alice, {other_vpc, "", {}});
  REQUIRE(elsewhere);
  CHECK(elsewhere->vpc_id == other_vpc);
  const model::NetworkAclAssociation first = DefaultAcl().associations.at(0);
  auto refused = ReplaceNetworkAclAssociation(ec2, alice, first.association_id, elsewhere->network_acl_id);
  CHECK(CodeOf(refused) == "InvalidParameterValue");
  CHECK(refused.error().message == "Network ACL " + elsewhere->network_acl_id + " and subnet " +
                                       first.subnet_id + " belong to different networks");
  CHECK(DefaultAcl().associations.at(0).association_id == first.association_id);  // unchanged
  CHECK(CodeOf(CreateNetworkAcl(ec2, alice, {"vpc-12345678", "", {}})) == "InvalidVpcID.NotFound");
}
