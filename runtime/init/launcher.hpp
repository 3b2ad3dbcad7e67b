// lec2-init's launcher: the supervisor process the server starts for one sandbox. It clones the instance's
// init into new user, mount, PID, network, UTS and IPC namespaces, writes the instance's uid and gid range,
// places it in its cgroups, makes the idmapped mounts the init attaches (the host's /usr, the base layer,
// image layers, the volume), then waits for it, forwards SIGTERM, and dies with the server (PDEATHSIG).
#pragma once

#include "runtime/launch_spec.hpp"

namespace localec2::runtime::init {

// Runs the supervisor; returns its exit status. stdout/stderr are the instance's console; fd 3 (when open)
// is the status pipe to the server: "up PID", "boot-finished", "exit STATUS" lines.
int RunLauncher(const LaunchSpec& spec);

}  // namespace localec2::runtime::init
