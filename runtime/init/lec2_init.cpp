// lec2-init: `lec2-init launch SPEC_FILE` boots one sandbox (see launcher.hpp); the server starts it, and
// its clone becomes the instance's PID 1 (init_process.hpp). Small and single-threaded on purpose: the
// namespace set-up runs in a fresh process, never in the multi-threaded server.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "runtime/init/launcher.hpp"
#include "runtime/launch_spec.hpp"

int main(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) != "launch") {
    std::fprintf(stderr, "usage: lec2-init launch SPEC_FILE (started by localec2 --instances=sandbox)\n");
    return 2;
  }
  std::ifstream file(argv[2]);
  if (!file) {
    std::fprintf(stderr, "lec2-init: cannot read %s\n", argv[2]);
    return 2;
  }
  auto spec = localec2::runtime::ParseLaunchSpec(
      std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()));
  if (!spec) {
    std::fprintf(stderr, "lec2-init: %s is not a launch spec\n", argv[2]);
    return 2;
  }
  return localec2::runtime::init::RunLauncher(*spec);
}
