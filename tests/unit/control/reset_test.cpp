#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "control/control.hpp"
#include "model/core/error_codes.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlRequest;
using control::ControlResponse;

namespace {

// What main.cpp injects, reduced to what the tests look at: the code in the body, AWS's status.
ControlResponse RenderError(const model::Error& error) {
  return {model::HttpStatusFor(error.code), "text/xml;charset=UTF-8", "<Code>" + error.code + "</Code>", ""};
}

ControlRequest Reset(std::string_view query) { return {"POST", "/_localec2/reset", query, {}, ""}; }

}  // namespace

TEST_CASE_METHOD(test::ModelFixture, "reset forgets everything, or one account named in the query",
                 "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);

  ControlResponse one = control.Reset(Reset("account=111111111111"));
  CHECK(one.status == 200);
  CHECK(one.content_type == "application/json");
  CHECK(one.body == R"({"reset":"111111111111"})");
  CHECK(one.log_note == "reset");
  CHECK(store.last.wipe_account == "111111111111");
  CHECK_FALSE(store.last.wipe_all);

  ControlResponse all = control.Reset(Reset(""));
  CHECK(all.body == R"({"reset":"all"})");
  CHECK(all.log_note == "reset");
  CHECK(store.last.wipe_all);
}

TEST_CASE_METHOD(test::ModelFixture, "reset refuses a query it cannot read and forgets nothing",
                 "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);
  auto refused = [&](std::string_view query) {
    store.last = {};
    ControlResponse response = control.Reset(Reset(query));
    CHECK(response.status == 400);
    CHECK_FALSE(store.last.wipe_all);
    CHECK_FALSE(store.last.wipe_account.has_value());
    return response.body;
  };
  for (std::string_view query :
       {"account=%zz", "account=%ff", "account=%c3%28", "account=%4", "x=1&x=2&account=1",
        "account=a&account=b", "=1", "account=1&%zz=2", "account=", "account", "account=%41+b",
        "account=12345678901", "account=1234567890123"}) {
    INFO(query);
    CHECK(refused(query) == "<Code>InvalidParameterValue</Code>");
  }
  for (std::string_view query : {"other=1", "x=1&account=111111111111", "acount=111111111111"}) {
    INFO(query);
    CHECK(refused(query) == "<Code>UnknownParameter</Code>");
  }
  CHECK(control.Reset(Reset("account=111111111111")).log_note == "reset");
  CHECK(control.Reset(Reset("other=1")).log_note == "reset UnknownParameter");
  CHECK(control.Reset(Reset("&&account=333333333333&")).body == R"({"reset":"333333333333"})");
}

TEST_CASE_METHOD(test::ModelFixture, "reset survives a huge query", "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);
  CHECK(control.Reset(Reset("account=" + std::string(1 << 20, '1'))).status == 400);
  CHECK(control.Reset(Reset(std::string(1 << 20, '%'))).status == 400);
  CHECK(control.Reset(Reset(std::string(1 << 20, '&'))).body == R"({"reset":"all"})");
  CHECK(control.Reset(Reset("")).status == 200);  // and it keeps answering
}

TEST_CASE_METHOD(test::ModelFixture, "strict reset must be signed and forgets only the signer's account",
                 "[control][reset]") {
  control::ControlOptions options{"1.2.3", {}, RenderError};
  options.authenticate = [](const ControlRequest& request) -> model::Result<model::Caller> {
    if (request.headers.empty()) {
      return model::Error{std::string(model::codes::kMissingAuthenticationToken), "missing"};
    }
    return model::Caller{"111111111111", "us-east-1"};
  };
  control::Control control(std::move(options), ec2);

  ControlResponse unsigned_reset = control.Reset(Reset("account=222222222222"));
  CHECK(unsigned_reset.status == 401);
  CHECK(unsigned_reset.content_type == "text/xml;charset=UTF-8");
  CHECK(unsigned_reset.body == "<Code>MissingAuthenticationToken</Code>");
  CHECK(unsigned_reset.log_note == "reset MissingAuthenticationToken");
  CHECK(store.commits == 0);  // nothing was reset

  const std::pair<std::string, std::string> signature[] = {{"authorization", "AWS4-HMAC-SHA256 …"}};
  for (std::string_view query : {"", "account=222222222222", "account=%zz"}) {
    ControlResponse signed_reset = control.Reset({"POST", "/_localec2/reset", query, signature, ""});
    CHECK(signed_reset.status == 200);
    CHECK(signed_reset.body == R"({"reset":"111111111111"})");  // the query is not looked at
    CHECK(store.last.wipe_account == "111111111111");
  }
}

TEST_CASE_METHOD(test::ModelFixture, "a failed reset is a 500 with the detail kept for the log",
                 "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);
  store.fail_next = true;
  ControlResponse failed = control.Reset(Reset("account=111111111111"));
  CHECK(failed.status == 500);
  CHECK(failed.content_type == "application/json");
  CHECK(failed.body == R"({"error":"reset failed"})");
  CHECK(failed.log_note == "reset InternalError");
  CHECK(control.Reset(Reset("")).status == 200);
}

TEST_CASE_METHOD(test::ModelFixture, "an exception inside reset becomes InternalError, never escapes",
                 "[control][reset]") {
  control::ControlOptions options{"1.2.3", {}, RenderError};
  options.authenticate = [](const ControlRequest&) -> model::Result<model::Caller> {
    throw std::runtime_error("boom");
  };
  control::Control control(options, ec2);
  ControlResponse response = control.Reset(Reset(""));
  CHECK(response.status == 500);
  CHECK(response.body == "<Code>InternalError</Code>");
  CHECK(response.log_note == "reset InternalError");

  options.render_error = nullptr;  // even without a renderer there is an answer
  control::Control bare(options, ec2);
  CHECK(bare.Reset(Reset("")).status == 500);
}

TEST_CASE_METHOD(test::ModelFixture, "moto's reset forgets everything and answers as moto does",
                 "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);
  ControlResponse reset = control.MotoReset(Reset(""));
  CHECK(reset.status == 200);
  CHECK(reset.body == R"({"status": "ok"})");
  CHECK(reset.log_note == "moto-reset");
  CHECK(store.last.wipe_all);

  store.last = {};
  ControlResponse refused = control.MotoReset(Reset("account=1"));
  CHECK(refused.status == 400);
  CHECK(refused.body == "<Code>InvalidParameterValue</Code>");
  CHECK_FALSE(store.last.wipe_all);

  bool routed_post = false, routed_get = false;
  for (const control::Endpoint& endpoint : control.Endpoints()) {
    if (endpoint.path != "/moto-api/reset") continue;
    ControlResponse answer = endpoint.handler(Reset(""));
    if (endpoint.method == "POST") routed_post = answer.body == R"({"status": "ok"})";
    if (endpoint.method == "GET") {
      routed_get = answer.status == 400 && answer.body == R"({"Error": "Need to POST to reset Moto"})";
    }
  }
  CHECK(routed_post);
  CHECK(routed_get);
}
