// What the server tells lec2-init about one sandbox to boot: written by runtime/ as a key=value file in the
// instance's run directory, read by lec2-init's launcher. Plain text, so a boot can be replayed by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace localec2::runtime {

struct LaunchSpec {
  std::string instance_id;
  std::string hostname;
  std::uint32_t uid_base = 0;  // the instance's root on the host; 65536 ids from there
  std::string base_dir;        // the base layer: root/ (the root file system) and usrmask/ (over /usr)
  std::vector<std::string> lower_dirs;  // image layers, topmost first: each holds root/ and usr/
  std::string volume_dir;               // the root volume: root/{upper,work} and usr/{upper,work}
  std::string run_dir;                  // read-only at /run/lec2: instance-id, authorized_key, user-data.d/
  std::string cgroup;                   // the name under each cgroup hierarchy's localec2/ (or empty)
  std::uint64_t memory_bytes = 0;       // 0: no limit
  std::uint64_t pids_max = 0;           // 0: no limit
  int server_pid = 0;                   // lec2-init exits if its parent is not (or no longer) this
  bool probe = false;                   // the self-test: set everything up, then exit 0
};

std::string FormatLaunchSpec(const LaunchSpec& spec);
// nullopt when a line is not key=value, a key is unknown or a number does not parse.
std::optional<LaunchSpec> ParseLaunchSpec(const std::string& text);

// The uid and gid range of every instance: 65536 ids, as a whole Linux user space.
inline constexpr std::uint32_t kIdsPerInstance = 65536;

}  // namespace localec2::runtime
