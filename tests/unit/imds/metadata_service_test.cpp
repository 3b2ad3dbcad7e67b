#include "imds/metadata_service.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "imds/metadata_tree.hpp"
#include "model/catalogs/image_catalog.hpp"
#include "model/instances/instance_options.hpp"
#include "model/instances/role_credentials.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct ImdsFixture : test::ModelFixture {
  imds::MetadataService service{
      {"test-secret",
       [](const imds::ImdsRequest&) { return model::Result<std::optional<model::Caller>>(std::nullopt); },
       "000000000000"},
      ec2};

  std::string Launch(const std::string& http_tokens = "optional") {
    static model::ImageCatalog catalog;
    model::RunInstancesRequest request;
    request.image_id = catalog.ForRegion("eu-west-1").front().image_id;
    request.instance_type = "t3.micro";
    request.user_data = "aGVsbG8K";  // "hello\n"
    request.iam_profile_name = "app";
    request.http_tokens = http_tokens;
    auto reservation = RunInstances(ec2, alice_eu, request);
    REQUIRE(reservation);
    clock.Advance(1000);  // pending settles into running
    return reservation->instances.at(0).instance.instance_id;
  }
  imds::ImdsResponse Get(const std::string& id, const std::string& path, const Headers& headers = {},
                         std::string_view method = "GET") {
    path_ = std::string(imds::kImdsPrefix) + id + path;
    headers_ = headers;
    return service.Handle({method, path_, "", headers_});
  }
  std::string Token(const std::string& id, const std::string& ttl = "60") {
    auto answer = Get(id, "/latest/api/token", {{"x-aws-ec2-metadata-token-ttl-seconds", ttl}}, "PUT");
    REQUIRE(answer.status == 200);
    return answer.body;
  }

 private:
  std::string path_;
  Headers headers_;
};

}  // namespace

TEST_CASE_METHOD(ImdsFixture, "the metadata tree answers leaves, folders and 404", "[imds]") {
  const std::string id = Launch();
  CHECK(Get(id, "/latest/meta-data/instance-id").body == id);
  CHECK(Get(id, "/latest/meta-data/instance-id/").body == id);
  CHECK(Get(id, "/latest/meta-data/placement/region").body == "eu-west-1");
  CHECK(Get(id, "/latest/").body == "dynamic\nmeta-data\nuser-data");
  CHECK(Get(id, "/latest/user-data").body == "hello\n");
  CHECK(Get(id, "/latest/meta-data/iam/").body == "info\nsecurity-credentials/");
  CHECK(Get(id, "/latest/meta-data/nothing").status == 404);
  CHECK(Get(id, "/latest/meta-data/public-keys/").status == 404);  // launched without a key pair
  CHECK(Get("i-0123456789abcdef0", "/latest/meta-data/").status == 404);
  CHECK(Get("nonsense", "/latest/meta-data/").status == 404);
}

TEST_CASE("a leaf that is also a folder is listed once, as a folder", "[imds]") {
  imds::MetadataTree tree{{"meta-data/public-keys", "0=lab"},
                          {"meta-data/public-keys/0/openssh-key", "ssh-rsa A"}};
  CHECK(imds::Lookup(tree, "meta-data/") == "public-keys/");
  CHECK(imds::Lookup(tree, "meta-data/public-keys/") == "0=lab");
  CHECK(imds::Lookup(tree, "meta-data/public-keys/0") == "openssh-key");
  CHECK_FALSE(imds::Lookup(tree, "meta-data/public"));
}

TEST_CASE_METHOD(ImdsFixture, "session tokens are bound to their instance and expire with their TTL",
                 "[imds]") {
  const std::string id = Launch("required");
  const std::string other = Launch();
  CHECK(Get(id, "/latest/meta-data/instance-id").status == 401);
  const std::string token = Token(id);
  CHECK(Get(id, "/latest/meta-data/instance-id", {{"x-aws-ec2-metadata-token", token}}).body == id);
  CHECK(Get(other, "/latest/meta-data/instance-id", {{"x-aws-ec2-metadata-token", token}}).status == 401);
  for (const char* ttl : {"0", "21601", "x", "", "60s"}) {
    CHECK(Get(id, "/latest/api/token", {{"x-aws-ec2-metadata-token-ttl-seconds", ttl}}, "PUT").status == 400);
  }
  CHECK(Get(id, "/latest/api/token",
            {{"x-aws-ec2-metadata-token-ttl-seconds", "60"}, {"x-forwarded-for", "10.0.0.1"}}, "PUT")
            .status == 403);
  CHECK(Get(id, "/latest/api/token").status == 405);
  clock.Advance(60 * 1000);
  CHECK(Get(id, "/latest/meta-data/instance-id", {{"x-aws-ec2-metadata-token", token}}).status == 401);
}

TEST_CASE_METHOD(ImdsFixture, "a disabled endpoint answers 403 and a stopped instance nothing", "[imds]") {
  const std::string id = Launch();
  REQUIRE(ModifyInstanceMetadataOptions(ec2, alice_eu, {id, "", "disabled", std::nullopt, "", ""}));
  CHECK(Get(id, "/latest/meta-data/").status == 403);
  REQUIRE(ModifyInstanceMetadataOptions(ec2, alice_eu, {id, "", "enabled", std::nullopt, "", ""}));
  REQUIRE(StopInstances(ec2, alice_eu, {id}, false));
  clock.Advance(1000);
  CHECK(Get(id, "/latest/meta-data/").status == 404);
}

TEST_CASE_METHOD(ImdsFixture, "role credentials act as the instance's account and rotate hourly", "[imds]") {
  const std::string id = Launch();
  auto answer = Get(id, "/latest/meta-data/iam/security-credentials/app");
  REQUIRE(answer.status == 200);
  auto credentials = nlohmann::json::parse(answer.body);
  const std::string key = credentials["AccessKeyId"];
  CHECK(key.size() == 20);
  CHECK(model::AccountOfIssuedKey(key) == alice_eu.account_id);
  CHECK(model::SecretOfIssuedKey("test-secret", key) == credentials["SecretAccessKey"]);
  auto expiration = model::ExpirationOfToken("test-secret", key, credentials["Token"].get<std::string>());
  REQUIRE(expiration);
  CHECK(*expiration - clock.NowMs() > 5 * 60 * 60 * 1000LL);
  CHECK_FALSE(model::ExpirationOfToken("other-secret", key, credentials["Token"].get<std::string>()));
  clock.Advance(model::kRoleCredentialRotationMs);
  auto rotated = nlohmann::json::parse(Get(id, "/latest/meta-data/iam/security-credentials/app").body);
  CHECK(rotated["AccessKeyId"] != key);
  CHECK(model::AccountOfIssuedKey(rotated["AccessKeyId"].get<std::string>()) == alice_eu.account_id);
}

TEST_CASE("keys localec2 did not issue name no account", "[imds]") {
  CHECK_FALSE(model::AccountOfIssuedKey("AKIAIOSFODNN7EXAMPLE"));
  CHECK_FALSE(model::AccountOfIssuedKey("ASIAIOSFODNN7EXAMPLE"));
  CHECK_FALSE(model::AccountOfIssuedKey("ASIA"));
  CHECK_FALSE(model::AccountOfIssuedKey("ASIA0000000000000000"));
}
