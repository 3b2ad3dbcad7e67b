#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "model/network/gateways.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;

namespace {

// "account/region/type/id" of each record, to compare states.
std::multiset<std::string> Keys(const std::vector<model::Record>& records) {
  std::multiset<std::string> keys;
  for (const model::Record& record : records) {
    keys.insert(record.scope.account_id + "/" + record.scope.region + "/" +
                std::string(model::ResourceType(record.resource)) + "/" + model::ResourceId(record.resource));
  }
  return keys;
}

std::string DefaultSubnet(const std::vector<model::Record>& records) {
  for (const model::Record& record : records) {
    if (const auto* subnet = std::get_if<model::Subnet>(&record.resource)) return subnet->subnet_id;
  }
  return "";
}

// The default VPC's internet gateway and the VPC's id.
std::pair<std::string, std::string> DefaultGateway(const std::vector<model::Record>& records) {
  for (const model::Record& record : records) {
    if (const auto* gateway = std::get_if<model::InternetGateway>(&record.resource)) {
      return {gateway->internet_gateway_id, gateway->vpc_id};
    }
  }
  return {};
}

}  // namespace

TEST_CASE_METHOD(test::ModelFixture, "Records copies every account's records, or one account's",
                 "[model][checkpoint]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(CreateKeyPair(ec2, bob, {"b", "ed25519", "pem", {}}));
  auto all = ec2.Records(std::nullopt);
  auto only_alice = ec2.Records(std::string("111111111111"));
  CHECK(Keys(all).size() == all.size());
  size_t alice_keys = 0, bob_keys = 0;
  for (const auto& record : all) {
    if (std::holds_alternative<model::KeyPair>(record.resource)) {
      (record.scope.account_id == "111111111111" ? alice_keys : bob_keys)++;
    }
  }
  CHECK(alice_keys == 1);
  CHECK(bob_keys == 1);
  for (const auto& record : only_alice) CHECK(record.scope.account_id == "111111111111");
  CHECK(only_alice.size() < all.size());
  // The derived defaults are there too: the default VPC and its subnets.
  CHECK(DefaultSubnet(only_alice).starts_with("subnet-"));
  CHECK(ec2.Records(std::string("999999999999")).empty());
}

TEST_CASE_METHOD(test::ModelFixture, "ReplaceState brings back the saved records as one committed change",
                 "[model][checkpoint]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(CreateKeyPair(ec2, bob, {"b", "ed25519", "pem", {}}));
  const auto saved = ec2.Records(std::nullopt);

  // Change things: delete alice's key and her default internet gateway (a RemovedDefault record), add a
  // key for bob.
  REQUIRE(DeleteKeyPair(ec2, alice, "a", ""));
  const auto [gateway, vpc] = DefaultGateway(ec2.Records(std::string("111111111111")));
  REQUIRE(model::DetachInternetGateway(ec2, alice, gateway, vpc));
  REQUIRE(model::DeleteInternetGateway(ec2, alice, gateway));
  REQUIRE(CreateKeyPair(ec2, bob, {"b2", "ed25519", "pem", {}}));
  const auto changed = ec2.Records(std::nullopt);
  CHECK(Keys(changed) != Keys(saved));
  bool removed_marker = false;
  for (const auto& record : changed)
    removed_marker |= std::holds_alternative<model::RemovedDefault>(record.resource);
  CHECK(removed_marker);

  const int commits = store.commits;
  REQUIRE(ec2.ReplaceState(saved, std::nullopt));
  CHECK(store.commits == commits + 1);
  CHECK(store.last.wipe_all);
  CHECK(store.last.puts.size() == saved.size());
  CHECK(Keys(ec2.Records(std::nullopt)) == Keys(saved));

  // And forward again: the deleted default gateway is gone again, the marker restored with it.
  REQUIRE(ec2.ReplaceState(changed, std::nullopt));
  CHECK(Keys(ec2.Records(std::nullopt)) == Keys(changed));
}

TEST_CASE_METHOD(test::ModelFixture, "ReplaceState of one account leaves the others alone",
                 "[model][checkpoint]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  const auto alice_saved = ec2.Records(std::string("111111111111"));
  REQUIRE(DeleteKeyPair(ec2, alice, "a", ""));
  REQUIRE(CreateKeyPair(ec2, bob, {"b", "ed25519", "pem", {}}));
  const auto bob_now = ec2.Records(std::string("222222222222"));

  REQUIRE(ec2.ReplaceState(alice_saved, std::string("111111111111")));
  CHECK(store.last.wipe_account == "111111111111");
  CHECK_FALSE(store.last.wipe_all);
  CHECK(Keys(ec2.Records(std::string("111111111111"))) == Keys(alice_saved));
  CHECK(Keys(ec2.Records(std::string("222222222222"))) == Keys(bob_now));
}

TEST_CASE_METHOD(test::ModelFixture, "a ReplaceState that fails changes nothing", "[model][checkpoint]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  const auto saved = ec2.Records(std::nullopt);
  REQUIRE(DeleteKeyPair(ec2, alice, "a", ""));
  const auto now = ec2.Records(std::nullopt);

  store.fail_next = true;
  CHECK(test::CodeOf(ec2.ReplaceState(saved, std::nullopt)) == "InternalError");
  CHECK(Keys(ec2.Records(std::nullopt)) == Keys(now));

  // A record of another account than the one replaced is refused before anything is committed.
  const int commits = store.commits;
  CHECK(test::CodeOf(ec2.ReplaceState(saved, std::string("222222222222"))) == "InvalidParameterValue");
  CHECK(store.commits == commits);
  CHECK(Keys(ec2.Records(std::nullopt)) == Keys(now));
}
