#include "control/checkpoints.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "control/control.hpp"
#include "model/core/error_codes.hpp"
#include "storage/checkpoint_stores.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlRequest;
using control::ControlResponse;
using nlohmann::json;

namespace {

ControlResponse RenderError(const model::Error& error) {
  return {model::HttpStatusFor(error.code), "text/xml;charset=UTF-8", "<Code>" + error.code + "</Code>", ""};
}

struct CheckpointFixture : test::ModelFixture {
  storage::MemoryCheckpointStore checkpoints;
  control::ControlOptions options{"1.2.3", {}, RenderError};

  ControlResponse Send(std::string_view method, std::string_view path, std::string_view query = "",
                       std::string_view who = "") {
    ControlRequest request{method, path, query, {}, who};  // the body names the signer (see Strict)
    return control::CheckpointRequest(options, ec2, checkpoints, request);
  }
  size_t KeyPairs(const std::string& account) {
    size_t n = 0;
    for (const auto& record : ec2.Records(account))
      n += std::holds_alternative<model::KeyPair>(record.resource);
    return n;
  }
  // --auth strict, with the request's body as the signer's account ("" : unsigned).
  void Strict() {
    options.authenticate = [](const ControlRequest& request) -> model::Result<model::Caller> {
      if (request.body.empty()) return model::MakeError(model::codes::kAuthFailure, "unsigned");
      return model::Caller{std::string(request.body), "us-east-1"};
    };
  }
};

}  // namespace

TEST_CASE_METHOD(CheckpointFixture, "checkpoint endpoints save, list, restore and delete",
                 "[control][checkpoint]") {
  control::Control control({"1.2.3", {}, RenderError, "000000000000", &checkpoints}, ec2);
  bool routed = false;
  for (const auto& endpoint : control.Endpoints()) routed |= endpoint.path == control::kCheckpointsPath;
  CHECK(routed);

  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  ControlResponse saved = Send("POST", "/_localec2/checkpoints/lab");
  REQUIRE(saved.status == 200);
  json info = json::parse(saved.body);
  CHECK(info["name"] == "lab");
  CHECK(info["savedAt"] == "2026-01-01T00:00:00.000Z");
  CHECK(info["account"].is_null());
  CHECK(info["counts"]["key-pair"] == 1);
  CHECK(saved.log_note == "checkpoints save");

  REQUIRE(DeleteKeyPair(ec2, alice, "a", ""));
  CHECK(KeyPairs("111111111111") == 0);
  ControlResponse restored = Send("POST", "/_localec2/checkpoints/lab/restore");
  CHECK(restored.status == 200);
  CHECK(json::parse(restored.body)["restored"] == "lab");
  CHECK(KeyPairs("111111111111") == 1);

  CHECK(json::parse(Send("GET", "/_localec2/checkpoints").body)["checkpoints"][0] == info);
  CHECK(Send("GET", "/_localec2/checkpoints", "account=111111111111").body == R"({"checkpoints":[]})");
  CHECK(Send("DELETE", "/_localec2/checkpoints/lab").body == R"({"deleted":"lab"})");
  CHECK(Send("DELETE", "/_localec2/checkpoints/lab").status == 404);
}

TEST_CASE_METHOD(CheckpointFixture, "a restore that fails leaves the live state as it was",
                 "[control][checkpoint]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(Send("POST", "/_localec2/checkpoints/lab").status == 200);
  REQUIRE(DeleteKeyPair(ec2, alice, "a", ""));
  store.fail_next = true;
  ControlResponse failed = Send("POST", "/_localec2/checkpoints/lab/restore");
  CHECK(failed.status == 500);
  CHECK(failed.body == R"({"error":"The checkpoint restore failed; the live state is unchanged."})");
  CHECK(KeyPairs("111111111111") == 0);
}

TEST_CASE_METHOD(CheckpointFixture, "checkpoint names and requests are checked before anything happens",
                 "[control][checkpoint]") {
  auto error_of = [&](std::string_view method, std::string_view path, std::string_view query = "") {
    ControlResponse response = Send(method, path, query);
    return std::to_string(response.status) + " " + json::parse(response.body)["error"].get<std::string>();
  };
  const std::string only = "400 A checkpoint name may contain only letters, digits, '.', '_' and '-'.";
  CHECK(error_of("POST", "/_localec2/checkpoints/../x") == only);
  CHECK(error_of("POST", "/_localec2/checkpoints/%2E%2E%2Fx/restore") == only);
  CHECK(error_of("POST", "/_localec2/checkpoints/a%00") == only);
  CHECK(error_of("POST", "/_localec2/checkpoints/a%2") == "400 The checkpoint name has a bad %-escape.");
  CHECK(error_of("POST", "/_localec2/checkpoints/") == "400 A checkpoint name must not be empty.");
  CHECK(error_of("POST", "/_localec2/checkpoints/.x") == "400 A checkpoint name must not start with '.'.");
  CHECK(error_of("POST", "/_localec2/checkpoints/" + std::string(129, 'x')) ==
        "400 A checkpoint name has at most 128 characters.");
  CHECK(error_of("PATCH", "/_localec2/checkpoints/x") ==
        "405 Use POST to save a checkpoint, GET to describe it, DELETE to delete it.");
  CHECK(error_of("DELETE", "/_localec2/checkpoints") == "405 Use GET to list checkpoints.");
  CHECK(error_of("POST", "/_localec2/checkpoints/x", "region=us-east-1") ==
        "400 The parameter region is not recognized; only account is.");
  CHECK(error_of("POST", "/_localec2/checkpoints/x/restore") == "404 There is no checkpoint named 'x'.");
  CHECK(store.commits == 0);
  CHECK(checkpoints.List()->empty());
}

TEST_CASE_METHOD(CheckpointFixture, "strict: a signed request saves and restores only its own account",
                 "[control][checkpoint]") {
  REQUIRE(CreateKeyPair(ec2, alice, {"a", "ed25519", "pem", {}}));
  REQUIRE(CreateKeyPair(ec2, bob, {"b", "ed25519", "pem", {}}));
  REQUIRE(Send("POST", "/_localec2/checkpoints/whole").status == 200);  // before strict mode
  Strict();
  ControlResponse unsigned_save = Send("POST", "/_localec2/checkpoints/x");
  CHECK(unsigned_save.status == 401);
  CHECK(unsigned_save.body == "<Code>AuthFailure</Code>");
  CHECK(unsigned_save.log_note == "checkpoints AuthFailure");

  // The query cannot widen it: the signer's account is saved, whatever ?account= says.
  ControlResponse saved =
      Send("POST", "/_localec2/checkpoints/alice", "account=222222222222", "111111111111");
  REQUIRE(saved.status == 200);
  CHECK(json::parse(saved.body)["account"] == "111111111111");

  const std::string foreign =
      R"({"error":"The checkpoint 'alice' is not your account's; a signed request acts only on its own account's checkpoints."})";
  CHECK(Send("POST", "/_localec2/checkpoints/alice/restore", "", "222222222222").body == foreign);
  CHECK(Send("POST", "/_localec2/checkpoints/alice", "", "222222222222").status == 403);  // no overwrite
  CHECK(Send("DELETE", "/_localec2/checkpoints/alice", "", "222222222222").status == 403);
  CHECK(Send("GET", "/_localec2/checkpoints/alice", "", "222222222222").status == 403);
  CHECK(Send("POST", "/_localec2/checkpoints/whole/restore", "", "111111111111").status == 403);
  CHECK(json::parse(Send("GET", "/_localec2/checkpoints", "", "222222222222").body)["checkpoints"].empty());
  CHECK(json::parse(Send("GET", "/_localec2/checkpoints", "", "111111111111").body)["checkpoints"].size() ==
        1);

  REQUIRE(DeleteKeyPair(ec2, alice, "a", ""));
  REQUIRE(DeleteKeyPair(ec2, bob, "b", ""));
  CHECK(Send("POST", "/_localec2/checkpoints/alice/restore", "", "111111111111").status == 200);
  CHECK(KeyPairs("111111111111") == 1);
  CHECK(KeyPairs("222222222222") == 0);
}
