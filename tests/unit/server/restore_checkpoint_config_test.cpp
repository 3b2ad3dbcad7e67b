#include <catch2/catch.hpp>
#include <cstdlib>

#include "server/config.hpp"

using namespace localec2::server;

TEST_CASE("the flag --restore-checkpoint names the checkpoint to start from, by flag or environment",
          "[server][config][checkpoint]") {
  unsetenv("LOCALEC2_RESTORE_CHECKPOINT");
  CHECK(ParseConfig({}).config.restore_checkpoint.empty());
  CHECK(ParseConfig({"--restore-checkpoint", "lab-start"}).config.restore_checkpoint == "lab-start");
  setenv("LOCALEC2_RESTORE_CHECKPOINT", "from-env", 1);
  CHECK(ParseConfig({}).config.restore_checkpoint == "from-env");
  CHECK(ParseConfig({"--restore-checkpoint=flag"}).config.restore_checkpoint == "flag");
  unsetenv("LOCALEC2_RESTORE_CHECKPOINT");
  CHECK(ParseConfig({"--restore-checkpoint="}).error == "invalid value for --restore-checkpoint: ''");
  CHECK(ParseConfig({"--restore-checkpoint"}).error == "option --restore-checkpoint needs a value");
  CHECK(UsageText().find("--restore-checkpoint NAME") != std::string::npos);
}
