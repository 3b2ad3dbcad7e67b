#include "console/console.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "console/assets.hpp"
#include "model/core/tx.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlRequest;
using control::ControlResponse;

namespace {

ControlRequest Get(std::string_view path) { return {"GET", path, "", {}, ""}; }
ControlRequest Post(std::string_view body) { return {"POST", "/_localec2/console/api", "", {}, body}; }
std::string ErrorCodeOf(const ControlResponse& response) {
  return nlohmann::json::parse(response.body)["Error"]["Code"].get<std::string>();
}

}  // namespace

TEST_CASE("the console's files are embedded, sorted by name, with their content types", "[console]") {
  REQUIRE(console::kAssetCount >= 3);
  for (std::size_t i = 1; i < console::kAssetCount; ++i)
    CHECK(console::kAssets[i - 1].name < console::kAssets[i].name);
  const console::Asset* index = console::FindAsset("index.html");
  REQUIRE(index != nullptr);
  CHECK(index->content_type == "text/html; charset=utf-8");
  CHECK(index->body.find("<script type=\"module\" src=\"app.js\">") != std::string_view::npos);
  REQUIRE(console::FindAsset("pages/instances.js") != nullptr);
  CHECK(console::FindAsset("pages/instances.js")->content_type == "text/javascript; charset=utf-8");
  CHECK(console::FindAsset("missing.js") == nullptr);
  CHECK(console::FindAsset("") == nullptr);
}

TEST_CASE_METHOD(test::ModelFixture, "console files: the index, a module, and clean refusals", "[console]") {
  console::Console console({}, ec2);
  CHECK(console.StaticFile(Get("/_localec2/console/")).body == console::FindAsset("index.html")->body);
  CHECK(console.StaticFile(Get("/_localec2/console/app.js")).status == 200);
  CHECK(console.StaticFile(Get("/_localec2/console")).body.find("url=/_localec2/console/") !=
        std::string::npos);
  CHECK(console.StaticFile(Get("/_localec2/console/nope.css")).status == 404);
  for (std::string_view bad : {"/_localec2/console/../x", "/_localec2/console/a//b",
                               "/_localec2/console/%2e%2e", "/_localec2/console/a\\b"}) {
    CHECK(console.StaticFile(Get(bad)).status == 400);
  }
  CHECK(console.StaticFile({"DELETE", "/_localec2/console/app.js", "", {}, ""}).status == 405);
}

TEST_CASE("only a browser asking for the root page is sent to the console", "[console]") {
  CHECK(console::Console::WantsConsole("GET", "/", "", "text/html,application/xhtml+xml"));
  CHECK_FALSE(console::Console::WantsConsole("GET", "/", "Action=DescribeRegions", "text/html"));
  CHECK_FALSE(console::Console::WantsConsole("POST", "/", "", "text/html"));
  CHECK_FALSE(console::Console::WantsConsole("GET", "/", "", "*/*"));
  CHECK_FALSE(console::Console::WantsConsole("GET", "/x", "", "text/html"));
}

TEST_CASE_METHOD(test::ModelFixture, "the console API runs an action in the region it names", "[console]") {
  console::Console console({}, ec2);
  ControlResponse answer =
      console.Api(Post(R"({"Action":"CreateKeyPair","Region":"eu-west-1","Params":{"KeyName":"k"}})"));
  REQUIRE(answer.status == 200);
  auto body = nlohmann::json::parse(answer.body);
  CHECK(body["Output"]["KeyName"] == "k");
  CHECK(answer.log_note == "console CreateKeyPair");

  ControlResponse again =
      console.Api(Post(R"({"Action":"CreateKeyPair","Region":"eu-west-1","Params":{"KeyName":"k"}})"));
  CHECK(again.status == 400);
  CHECK(ErrorCodeOf(again) == "InvalidKeyPair.Duplicate");
  CHECK(console.Api(Post(R"({"Action":"CreateKeyPair","Region":"us-east-1","Params":{"KeyName":"k"}})"))
            .status == 200);
}

TEST_CASE_METHOD(test::ModelFixture, "the console API refuses what it cannot read", "[console]") {
  console::Console console({}, ec2);
  CHECK(ErrorCodeOf(console.Api(Post("{"))) == "InvalidRequest");
  CHECK(ErrorCodeOf(console.Api(Post(R"({"Region":"us-east-1"})"))) == "MissingAction");
  CHECK(ErrorCodeOf(console.Api(Post(R"({"Action":"DescribeRegions","Region":"moon-1"})"))) ==
        "InvalidParameterValue");
  CHECK(ErrorCodeOf(
            console.Api(Post(R"({"Action":"DescribeRegions","Region":"us-east-1","Params":{"A":null}})"))) ==
        "InvalidParameterValue");
  CHECK(ErrorCodeOf(console.Api(Post(R"({"Action":"Nope","Region":"us-east-1"})"))) == "InvalidAction");
  CHECK(console.Api({"GET", "/_localec2/console/api", "", {}, ""}).status == 405);
  console::Console small({"000000000000", {}, 8}, ec2);
  CHECK(ErrorCodeOf(small.Api(Post(R"({"Action":"DescribeRegions","Region":"us-east-1"})"))) ==
        "RequestEntityTooLarge");
}

TEST_CASE_METHOD(test::ModelFixture,
                 "under --auth strict the console acts as the account of the keys entered", "[console]") {
  console::ConsoleOptions options;
  options.account_of_keys = [](const std::string& key_id,
                               const std::string& secret) -> model::Result<std::string> {
    if (key_id == "AKIAALICE" && secret == "alice-secret") return std::string("111111111111");
    return model::Error{"AuthFailure", "AWS was not able to validate the provided access credentials"};
  };
  console::Console console(options, ec2);
  ControlResponse none = console.Api(Post(R"({"Action":"DescribeKeyPairs","Region":"us-east-1"})"));
  CHECK(none.status == 401);
  CHECK(ErrorCodeOf(none) == "AuthFailure");
  CHECK(
      ErrorCodeOf(console.Api(Post(
          R"({"Action":"DescribeKeyPairs","Region":"us-east-1","AccessKeyId":"AKIAALICE","SecretAccessKey":"no"})"))) ==
      "AuthFailure");
  ControlResponse made = console.Api(Post(
      R"({"Action":"CreateKeyPair","Region":"us-east-1","Params":{"KeyName":"a"},"AccessKeyId":"AKIAALICE","SecretAccessKey":"alice-secret"})"));
  REQUIRE(made.status == 200);
  auto pairs = ec2.Read(alice, [](const model::View& view) { return view.partition().key_pairs.size(); });
  CHECK(pairs == 1);
}
