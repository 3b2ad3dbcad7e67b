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

TEST_CASE_METHOD(test::ModelFixture, "reset reads a malformed query exactly as it always has",
                 "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);
  auto body_for = [&](std::string_view query) {
    ControlResponse response = control.Reset(Reset(query));
    CHECK(response.status == 200);
    CHECK(response.log_note == "reset");
    return response.body;
  };
  // An empty account is an account: nothing is forgotten.
  CHECK(body_for("account=") == R"({"reset":""})");
  CHECK(body_for("account") == R"({"reset":""})");
  CHECK(store.last.wipe_account == "");
  // A query the EC2 form decoder refuses names no account, so everything is forgotten.
  for (std::string_view query : {"account=%zz", "account=%ff", "account=%c3%28", "account=%4",
                                 "account=a&account=b", "x=1&x=2&account=1", "=1", "account=1&%zz=2"}) {
    INFO(query);
    CHECK(body_for(query) == R"({"reset":"all"})");
    CHECK(store.last.wipe_all);
  }
  CHECK(body_for("&&account=3&") == R"({"reset":"3"})");
  CHECK(body_for("account=%41+b") == R"({"reset":"A b"})");
  CHECK(body_for("account=%22%5C%01") == R"({"reset":"\"\\\u0001"})");
  CHECK(body_for("other=1") == R"({"reset":"all"})");
}

TEST_CASE_METHOD(test::ModelFixture, "reset survives a huge query", "[control][reset]") {
  control::Control control({"1.2.3", {}, RenderError}, ec2);
  const std::string account(1 << 20, '1');
  CHECK(control.Reset(Reset("account=" + account)).body == R"({"reset":")" + account + R"("})");
  CHECK(control.Reset(Reset(std::string(1 << 20, '%'))).body == R"({"reset":"all"})");
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
