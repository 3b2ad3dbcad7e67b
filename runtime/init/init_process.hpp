// lec2-init as the instance's PID 1, once the root file system is in place: first-boot work once per
// instance id (host key, the launch key in ~ec2-user/.ssh/authorized_keys, user data), sshd, reaping, and an
// orderly stop on SIGTERM (everything gets SIGTERM, then SIGKILL after a grace period).
#pragma once

#include <string>

namespace localec2::runtime::init {

// Never returns. `instance_id` names the per-instance state under /var/lib/cloud/instances/.
[[noreturn]] void RunInit(const std::string& instance_id, const std::string& hostname);

}  // namespace localec2::runtime::init
