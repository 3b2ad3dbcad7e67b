#include "runtime/self_test.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/base_layer.hpp"
#include "runtime/launch_spec.hpp"

namespace localec2::runtime {
namespace {

namespace fs = std::filesystem;

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr addr{};
  return inet_pton(AF_INET, host.c_str(), &addr) == 1 && (ntohl(addr.s_addr) >> 24) == 127;
}

// Boots a sandbox that exits as soon as its root file system is in place; returns its console.
std::string Probe(const HostCheck& check, int& code) {
  const fs::path dir = fs::path(check.sandbox_dir) / "probe";
  std::error_code ec;
  fs::remove_all(dir, ec);
  for (const char* sub : {"vol/root/upper", "vol/root/work", "vol/usr/upper", "vol/usr/work", "run"})
    fs::create_directories(dir / sub, ec);
  LaunchSpec spec;
  spec.instance_id = "i-probe";
  spec.hostname = "probe";
  spec.uid_base = check.uid_base;
  spec.base_dir = EnsureBaseLayer(check.sandbox_dir);
  if (spec.base_dir.rfind("error: ", 0) == 0) {
    code = -1;
    return spec.base_dir;
  }
  spec.volume_dir = (dir / "vol").string();
  spec.run_dir = (dir / "run").string();
  spec.server_pid = getpid();
  spec.probe = true;
  const std::string spec_path = (dir / "spec").string(), console_path = (dir / "console.log").string();
  std::ofstream(spec_path) << FormatLaunchSpec(spec);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, console_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::string init = check.init_path, launch = "launch";
  char* argv[] = {init.data(), launch.data(), const_cast<char*>(spec_path.c_str()), nullptr};
  char* envp[] = {nullptr};
  pid_t pid = -1;
  code = posix_spawn(&pid, init.c_str(), &actions, nullptr, argv, envp) == 0 ? 0 : -1;
  posix_spawn_file_actions_destroy(&actions);
  if (code == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::ifstream console(console_path);
  std::stringstream text;
  text << console.rdbuf();
  fs::remove_all(dir, ec);
  return text.str();
}

}  // namespace

std::string CheckSandboxHost(const HostCheck& check) {
  if (geteuid() != 0)
    return "it must run as root (to give each instance its own uid range and idmapped mounts); "
           "--instances=records needs no privileges";
  if (!IsLoopback(check.host) && !check.auth_strict)
    return "the API listens on " + check.host +
           ", beyond loopback, without --auth strict: anyone who reaches it could run code on this host";
  if (access("/usr/sbin/sshd", X_OK) != 0)
    return "OpenSSH's server (/usr/sbin/sshd) is missing: install openssh-server (scripts/install-deps.sh "
           "does, "
           "without starting it)";
  if (access(check.init_path.c_str(), X_OK) != 0)
    return "lec2-init is missing beside localec2 (" + check.init_path + ")";
  int code = 0;
  const std::string console = Probe(check, code);
  if (code == 0 && console.find("probe ok") != std::string::npos) return "";
  std::string step = console;
  if (size_t at = console.find("FAILED "); at != std::string::npos) {
    step = console.substr(at + 7);
    step = step.substr(0, step.find('\n'));
  }
  while (!step.empty() && (step.back() == '\n' || step.back() == ' ')) step.pop_back();
  return "the kernel self-test failed at: " + (step.empty() ? "exit " + std::to_string(code) : step) +
         ". This looks like a container (Docker's seccomp and AppArmor profiles block unshare and mount) or "
         "a "
         "kernel without user namespaces, overlay userxattr (5.11+) or idmapped mounts (5.19+)";
}

}  // namespace localec2::runtime
