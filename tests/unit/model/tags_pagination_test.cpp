#include <catch2/catch.hpp>

#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

TEST_CASE_METHOD(test::ModelFixture, "tags are created, overwritten, described and deleted",
                 "[model][tags]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  std::string vpc_id = DescribeVpcs(ec2, alice, {})->items[0].vpc_id;
  REQUIRE(CreateTags(ec2, alice, {web->group_id, vpc_id}, {{"env", "dev"}, {"Name", "x"}}));
  REQUIRE(CreateTags(ec2, alice, {web->group_id}, {{"env", "prod"}}));
  auto tags = DescribeTags(ec2, alice, {{{"resource-id", {web->group_id}}}, {}});
  REQUIRE(tags);
  REQUIRE(tags->items.size() == 2);
  CHECK(tags->items[1].key == "env");
  CHECK(tags->items[1].value == "prod");
  CHECK(tags->items[1].resource_type == "security-group");
  CHECK(DescribeTags(ec2, alice, {{{"resource-type", {"vpc"}}}, {}})->items.size() == 2);
  // A key with a value is removed only when the value matches.
  REQUIRE(DeleteTags(ec2, alice, {web->group_id}, {{"env", std::string("dev")}, {"Name", std::nullopt}}));
  auto left = DescribeTags(ec2, alice, {{{"resource-id", {web->group_id}}}, {}});
  REQUIRE(left->items.size() == 1);
  CHECK(left->items[0].key == "env");
  REQUIRE(DeleteTags(ec2, alice, {vpc_id}, {}));  // no keys: all of them
  CHECK(DescribeTags(ec2, alice, {{{"resource-id", {vpc_id}}}, {}})->items.empty());
}

TEST_CASE_METHOD(test::ModelFixture, "tagging is all or nothing and checks ids and limits", "[model][tags]") {
  auto web = CreateSecurityGroup(ec2, alice, {"web", "web", "", {}});
  auto partly = CreateTags(ec2, alice, {web->group_id, "sg-0123456789abcdef0"}, {{"a", "b"}});
  CHECK(CodeOf(partly) == "InvalidGroup.NotFound");
  CHECK(DescribeTags(ec2, alice, {})->items.empty());
  CHECK(CodeOf(CreateTags(ec2, alice, {"vpce-12345678"}, {{"a", "b"}})) == "InvalidID");
  CHECK(CodeOf(CreateTags(ec2, alice, {"eni-12345678"}, {{"a", "b"}})) ==
        "InvalidNetworkInterfaceID.NotFound");
  CHECK(CodeOf(CreateTags(ec2, alice, {web->group_id}, {{"aws:x", "b"}})) == "InvalidParameterValue");
  CHECK(CodeOf(CreateTags(ec2, bob, {web->group_id}, {{"a", "b"}})) == "InvalidGroup.NotFound");
  model::Tags fifty;
  for (int i = 0; i < 50; ++i) fifty["k" + std::to_string(i)] = "v";
  REQUIRE(CreateTags(ec2, alice, {web->group_id}, fifty));
  CHECK(CodeOf(CreateTags(ec2, alice, {web->group_id}, {{"one-more", "v"}})) == "TagLimitExceeded");
  REQUIRE(CreateTags(ec2, alice, {web->group_id}, {{"k0", "overwrite is fine"}}));
  // Rules are taggable too.
  const std::string rule_id = web->rules[0].rule_id;
  REQUIRE(CreateTags(ec2, alice, {rule_id}, {{"purpose", "egress"}}));
  auto rule_tags = DescribeTags(ec2, alice, {{{"resource-type", {"security-group-rule"}}}, {}});
  REQUIRE(rule_tags->items.size() == 1);
  CHECK(rule_tags->items[0].resource_id == rule_id);
}

TEST_CASE_METHOD(test::ModelFixture, "pagination walks every item once, in id order", "[model][pagination]") {
  for (int i = 0; i < 11; ++i)
    REQUIRE(CreateSecurityGroup(ec2, alice, {"g" + std::to_string(i), "d", "", {}}));
  std::vector<std::string> seen;
  model::PageRequest page{5, std::nullopt};
  int pages = 0;
  while (true) {
    auto result = DescribeSecurityGroups(ec2, alice, {{}, {}, {}, page});
    REQUIRE(result);
    ++pages;
    for (const auto& g : result->items) seen.push_back(g.group_id);
    if (result->next_token.empty()) break;
    page.next_token = result->next_token;
  }
  CHECK(pages == 3);
  CHECK(seen.size() == 12);  // 11 and the default group
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
}

TEST_CASE_METHOD(test::ModelFixture, "pagination bounds and tokens are checked", "[model][pagination]") {
  auto low = DescribeSecurityGroups(ec2, alice, {{}, {}, {}, {4, std::nullopt}});
  CHECK(CodeOf(low) == "InvalidParameterValue");
  CHECK(low.error().message ==
        "Value ( 4 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
  CHECK(CodeOf(DescribeSecurityGroups(ec2, alice, {{}, {}, {}, {1001, std::nullopt}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(DescribeSecurityGroups(ec2, alice, {{}, {}, {}, {5, std::string("garbage")}})) ==
        "InvalidPaginationToken");
  CHECK(CodeOf(DescribeVpcs(ec2, alice, {{"vpc-0123456789abcdef0"}, {}, {5, std::nullopt}})) ==
        "InvalidParameterCombination");
  CHECK(model::DecodePageToken(model::EncodePageToken("sg-0123456789abcdef0")) == "sg-0123456789abcdef0");
}

TEST_CASE_METHOD(test::ModelFixture, "reset forgets one account or everything", "[model][reset]") {
  REQUIRE(CreateSecurityGroup(ec2, alice, {"web", "web", "", {}}));
  REQUIRE(CreateSecurityGroup(ec2, bob, {"web", "web", "", {}}));
  REQUIRE(ec2.Reset(std::string("111111111111")));
  CHECK(DescribeSecurityGroups(ec2, alice, {{}, {}, {{"group-name", {"web"}}}, {}})->items.empty());
  CHECK(DescribeSecurityGroups(ec2, bob, {{}, {}, {{"group-name", {"web"}}}, {}})->items.size() == 1);
  REQUIRE(ec2.Reset(std::nullopt));
  CHECK(DescribeSecurityGroups(ec2, bob, {{}, {}, {{"group-name", {"web"}}}, {}})->items.empty());
  CHECK(store.last.wipe_all);
}
