#include <catch2/catch.hpp>
#include <string>

#include "control/control.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using control::ControlRequest;

TEST_CASE_METHOD(test::ModelFixture, "health answers the same JSON on both paths, whatever the query",
                 "[control][health]") {
  control::Control control({"1.2.3", {}, {}}, ec2);
  const std::string expected = R"({"status":"running","version":"1.2.3","services":{"ec2":"running"}})";
  std::string huge_query(1 << 20, '%');
  for (ControlRequest request : {ControlRequest{"GET", "/_localec2/health", "", {}, ""},
                                 ControlRequest{"GET", "/_localstack/health", "x=1&%zz&x=2", {}, ""},
                                 ControlRequest{"GET", "/_localec2/health", huge_query, {}, "body"}}) {
    control::ControlResponse response = control.Health(request);
    CHECK(response.status == 200);
    CHECK(response.content_type == "application/json");
    CHECK(response.body == expected);
    CHECK(response.log_note == "health");
  }
}

TEST_CASE_METHOD(test::ModelFixture,
                 "localec2's endpoints are routed for one method and exact path each, but Marketplace "
                 "subscriptions for any method at and below their path",
                 "[control]") {
  control::Control control({"1.2.3", {}, {}}, ec2);
  auto endpoints = control.Endpoints();
  REQUIRE(endpoints.size() == 7);
  // Any other method or path falls through to the EC2 front door (see tests/e2e/test_front_doors.py).
  CHECK((endpoints[0].method == "GET" && endpoints[0].path == "/_localec2/health"));
  CHECK((endpoints[1].method == "GET" && endpoints[1].path == "/_localstack/health"));
  CHECK((endpoints[2].method == "POST" && endpoints[2].path == "/_localec2/reset"));
  CHECK((endpoints[3].method == "POST" && endpoints[3].path == "/moto-api/reset"));
  CHECK((endpoints[4].method == "GET" && endpoints[4].path == "/moto-api/reset"));
  CHECK((endpoints[5].method == "*" && endpoints[5].path == "/_localec2/cost"));
  for (size_t i = 0; i < 6; ++i) CHECK_FALSE(endpoints[i].below);
  CHECK((endpoints[6].method == "*" && endpoints[6].path == "/_localec2/marketplace/subscriptions"));
  CHECK(endpoints[6].below);
  CHECK(endpoints[1].handler({"GET", "/_localstack/health", "", {}, ""}).log_note == "health");
  CHECK(endpoints[2].handler({"POST", "/_localec2/reset", "", {}, ""}).body == R"({"reset":"all"})");
}
