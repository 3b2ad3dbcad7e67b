// Sandbox mode's start-up checks: it refuses to start (exit 2, with the reason) rather than half-work.
#pragma once

#include <string>

namespace localec2::runtime {

struct HostCheck {
  std::string host;          // --host
  bool auth_strict = false;  // --auth strict
  std::string sandbox_dir;   // <data-dir>/sandbox (the probe's layers go there)
  std::string init_path;     // lec2-init
  std::uint32_t uid_base = 0;
};

// "" when sandbox mode can run here; else the reason. Checks, in order: root; the API on loopback unless
// --auth strict; /usr/sbin/sshd; lec2-init; then boots a probe sandbox (user namespace with a uid range map,
// idmapped /usr, overlay with userxattr, devpts newinstance, pivot_root) and reports the step that failed.
std::string CheckSandboxHost(const HostCheck& check);

}  // namespace localec2::runtime
