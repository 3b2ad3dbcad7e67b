#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "control/control.hpp"
#include "model/core/error_codes.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlRequest;
using control::ControlResponse;
using nlohmann::json;

namespace {

ControlResponse RenderError(const model::Error& error) {
  return {model::HttpStatusFor(error.code), "text/xml;charset=UTF-8", "<Code>" + error.code + "</Code>", ""};
}

constexpr std::string_view kPath = "/_localec2/marketplace/subscriptions";
constexpr std::string_view kCode = "b3u2m7os5af3r09fquo6sbegz";  // the Tidepool PostgreSQL stand-in

std::string ErrorOf(const ControlResponse& response) { return json::parse(response.body).at("error"); }

}  // namespace

TEST_CASE_METHOD(test::ModelFixture,
                 "the subscriptions endpoint subscribes, lists and unsubscribes an account",
                 "[control][marketplace]") {
  control::Control control({"1.2.3", {}, RenderError, "111111111111"}, ec2);
  const std::string body = R"({"ProductCode": "b3u2m7os5af3r09fquo6sbegz"})";
  ControlResponse subscribed = control.Marketplace({"POST", kPath, "", {}, body});
  CHECK(subscribed.status == 200);
  CHECK(subscribed.content_type == "application/json");
  json answer = json::parse(subscribed.body);
  CHECK(answer.at("ProductCode") == kCode);
  CHECK(answer.at("AccountId") == "111111111111");  // the default account
  CHECK(answer.at("SubscribedAt").get<std::string>().ends_with("Z"));

  ControlResponse listed = control.Marketplace({"GET", kPath, "", {}, ""});
  CHECK(listed.status == 200);
  CHECK(json::parse(listed.body).at("Subscriptions").size() == 1);
  ControlResponse other = control.Marketplace({"GET", kPath, "account=222222222222", {}, ""});
  CHECK(json::parse(other.body).at("Subscriptions") == json::array());

  const std::string one = std::string(kPath) + "/" + std::string(kCode);
  ControlResponse removed = control.Marketplace({"DELETE", one, "", {}, ""});
  CHECK(removed.status == 200);
  CHECK(json::parse(removed.body) == json{{"Unsubscribed", kCode}});
  ControlResponse again = control.Marketplace({"DELETE", one, "", {}, ""});
  CHECK(again.status == 404);
  CHECK(ErrorOf(again) ==
        "The account is not subscribed to the AWS Marketplace product '" + std::string(kCode) + "'.");
}

TEST_CASE_METHOD(test::ModelFixture, "the subscriptions endpoint refuses malformed input with a JSON error",
                 "[control][marketplace]") {
  control::Control control({"1.2.3", {}, RenderError, "111111111111"}, ec2);
  for (const char* bad : {"", "not json", "[]", R"({"ProductCode": 7})", R"({"ProductCode": ""})", "{}",
                          R"({"ProductCode": "b3u2m7os5af3r09fquo6sbegz", "Extra": 1})"}) {
    INFO(bad);
    ControlResponse refused = control.Marketplace({"POST", kPath, "", {}, bad});
    CHECK(refused.status == 400);
    CHECK_FALSE(ErrorOf(refused).empty());
  }
  ControlResponse unknown = control.Marketplace({"POST", kPath, "", {}, R"({"ProductCode": "nosuchcode"})"});
  CHECK(unknown.status == 404);
  CHECK(ErrorOf(unknown) == "No AWS Marketplace image carries the product code 'nosuchcode'.");
  CHECK(control.Marketplace({"PUT", kPath, "", {}, ""}).status == 405);
  CHECK(control.Marketplace({"DELETE", kPath, "", {}, ""}).status == 405);
  CHECK(control.Marketplace({"GET", std::string(kPath) + "/" + std::string(kCode), "", {}, ""}).status ==
        405);
  CHECK(control.Marketplace({"DELETE", std::string(kPath) + "/a/b", "", {}, ""}).status == 404);
  CHECK(control.Marketplace({"GET", kPath, "account=12", {}, ""}).status == 400);
  CHECK(control.Marketplace({"GET", kPath, "acount=111111111111", {}, ""}).status == 400);
  CHECK(store.commits == 0);
}

TEST_CASE_METHOD(test::ModelFixture,
                 "with --auth strict the endpoint needs a signature and acts on the signer",
                 "[control][marketplace]") {
  control::ControlOptions options{"1.2.3", {}, RenderError, "111111111111"};
  options.authenticate = [](const ControlRequest& request) -> model::Result<model::Caller> {
    if (request.headers.empty()) return model::MakeError(model::codes::kAuthFailure, "unsigned");
    return model::Caller{"222222222222", "us-east-1"};
  };
  control::Control control(options, ec2);
  const std::string body = R"({"ProductCode": "b3u2m7os5af3r09fquo6sbegz"})";
  ControlResponse unsigned_request = control.Marketplace({"POST", kPath, "account=111111111111", {}, body});
  CHECK(unsigned_request.status == 401);
  CHECK(unsigned_request.body == "<Code>AuthFailure</Code>");
  const std::pair<std::string, std::string> header{"authorization", "AWS4-HMAC-SHA256 ..."};
  ControlResponse signed_request =
      control.Marketplace({"POST", kPath, "account=111111111111", {&header, 1}, body});
  CHECK(signed_request.status == 200);
  CHECK(json::parse(signed_request.body).at("AccountId") == "222222222222");
}
