#include <catch2/catch.hpp>
#include <string>

#include "control/control.hpp"

using namespace localec2::control;

TEST_CASE("health answers the same JSON on both paths, whatever the query or body", "[control][health]") {
  Control control({"1.2.3"});
  const std::string expected = R"({"status":"running","version":"1.2.3","services":{"ec2":"running"}})";
  std::string huge_query(1 << 20, 'q');
  for (ControlRequest request : {ControlRequest{"GET", "/_localec2/health", "", {}, ""},
                                 ControlRequest{"GET", "/_localstack/health", "x=1&%zz&x=2", {}, ""},
                                 ControlRequest{"GET", "/_localec2/health", huge_query, {}, "body"}}) {
    ControlResponse response = control.Health(request);
    CHECK(response.status == 200);
    CHECK(response.content_type == "application/json");
    CHECK(response.body == expected);
    CHECK(response.log_note == "health");
  }
}

TEST_CASE("health is routed for GET on its two paths only", "[control][health]") {
  Control control({"1.2.3"});
  auto endpoints = control.Endpoints();
  REQUIRE(endpoints.size() >= 2);
  CHECK(endpoints[0].method == "GET");
  CHECK(endpoints[0].path == "/_localec2/health");
  CHECK(endpoints[1].method == "GET");
  CHECK(endpoints[1].path == "/_localstack/health");
  CHECK(endpoints[1].handler({"GET", "/_localstack/health", "", {}, ""}).log_note == "health");
}
