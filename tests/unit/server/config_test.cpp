#include "server/config.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "server/http_types.hpp"

using namespace localec2::server;

TEST_CASE("defaults are loopback port 4566", "[server][config]") {
  unsetenv("LOCALEC2_PORT");
  auto parsed = ParseConfig({});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.config.host == "127.0.0.1");
  CHECK(parsed.config.port == 4566);
  CHECK(parsed.config.default_account_id == "000000000000");
  CHECK(parsed.config.request_log);
}

TEST_CASE("flags win over environment variables", "[server][config]") {
  setenv("LOCALEC2_PORT", "5000", 1);
  setenv("LOCALEC2_HOST", "0.0.0.0", 1);
  auto from_env = ParseConfig({});
  CHECK(from_env.config.port == 5000);
  CHECK(from_env.config.host == "0.0.0.0");
  auto from_flag = ParseConfig({"--port", "6000", "--data-dir=/tmp/x", "--quiet"});
  CHECK(from_flag.config.port == 6000);
  CHECK(from_flag.config.data_dir == "/tmp/x");
  CHECK_FALSE(from_flag.config.request_log);
  unsetenv("LOCALEC2_PORT");
  unsetenv("LOCALEC2_HOST");
}

TEST_CASE("bad configuration is reported, not guessed", "[server][config]") {
  CHECK(ParseConfig({"--port", "70000"}).error == "invalid value for --port: '70000'");
  CHECK(ParseConfig({"--port"}).error == "option --port needs a value");
  CHECK(ParseConfig({"--colour", "red"}).error == "unknown option '--colour' (see --help)");
  CHECK_FALSE(ParseConfig({"--account", "12345"}).error.empty());
  CHECK_FALSE(ParseConfig({"--threads", "0"}).error.empty());
  CHECK(ParseConfig({"--help"}).config.help);
}

TEST_CASE("requests expose path, query and lower-cased headers", "[server][http]") {
  HttpRequest request{"POST", "/a/b?x=1&y=2", {{"content-type", "text/plain"}}, "", ""};
  CHECK(request.Path() == "/a/b");
  CHECK(request.Query() == "x=1&y=2");
  CHECK(request.Header("content-type") == "text/plain");
  CHECK(request.Header("authorization").empty());
}

TEST_CASE("the transition delay is whole seconds up to an hour", "[server][config]") {
  CHECK(ParseConfig({"--transition-delay", "2"}).config.transition_delay_seconds == 2);
  CHECK(ParseConfig({}).config.transition_delay_seconds == 0);
  CHECK_FALSE(ParseConfig({"--transition-delay", "3601"}).error.empty());
}

TEST_CASE("limits, authentication and the catalog are configurable", "[server][config]") {
  auto parsed = ParseConfig({"--max-connections", "8", "--max-header-bytes", "4096", "--auth", "strict",
                             "--credentials", "/etc/keys.json", "--catalog", "/etc/images.json"});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.config.max_connections == 8);
  CHECK(parsed.config.max_header_bytes == 4096);
  CHECK(parsed.config.auth_strict);
  CHECK(parsed.config.credentials_path == "/etc/keys.json");
  CHECK(parsed.config.catalog_path == "/etc/images.json");
  CHECK(ParseConfig({"--auth", "strict"}).error ==
        "--auth strict needs keys: --credentials FILE or LOCALEC2_CREDENTIALS");
  CHECK(ParseConfig({"--auth", "maybe"}).error == "invalid value for --auth: 'maybe'");
  CHECK_FALSE(ParseConfig({"--max-header-bytes", "10"}).error.empty());
  CHECK_FALSE(ParseConfig({"--max-connections", "0"}).error.empty());
}

TEST_CASE("the metadata listener is off unless --imds-port names a port", "[server][config][imds]") {
  unsetenv("LOCALEC2_IMDS_PORT");
  CHECK(ParseConfig({}).config.imds_port == -1);
  CHECK(ParseConfig({"--imds-port", "0"}).config.imds_port == 0);
  CHECK(ParseConfig({"--imds-port", "4567"}).config.imds_port == 4567);
  CHECK(ParseConfig({"--imds-port", "65536"}).error == "invalid value for --imds-port: '65536'");
  CHECK(ParseConfig({"--imds-port", "-1"}).error == "invalid value for --imds-port: '-1'");
}
