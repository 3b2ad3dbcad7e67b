#include "runtime/init/init_process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace localec2::runtime::init {
namespace {

constexpr int kStatusFd = 3;
constexpr int kGraceSeconds = 3;
constexpr const char* kPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

double Uptime() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  static const double start = static_cast<double>(now.tv_sec) + now.tv_nsec / 1e9;
  return static_cast<double>(now.tv_sec) + now.tv_nsec / 1e9 - start;
}

// A line on the console (the server's GetConsoleOutput shows it), kernel-log style.
void Log(const std::string& line) {
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "[%9.3f] ", Uptime());
  std::string text = stamp + line + "\n";
  (void)!write(STDOUT_FILENO, text.data(), text.size());
}

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

std::string ReadFile(const std::string& path) {
  std::string out;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  close(fd);
  return out;
}

bool WriteFile(const std::string& path, const std::string& text, mode_t mode, bool append = false) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), mode);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

void MakeDirs(const std::string& path, mode_t mode) {
  for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
    mkdir(path.substr(0, slash).c_str(), mode);
  mkdir(path.c_str(), mode);
}

sigset_t HandledSignals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGPWR}) sigaddset(&set, sig);
  return set;
}

// A child with default signals, no inherited mask, stdin from /dev/null.
pid_t Spawn(const std::vector<std::string>& argv, int out_fd) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  setsid();
  int null = open("/dev/null", O_RDONLY);
  dup2(null, STDIN_FILENO);
  if (out_fd >= 0) {
    dup2(out_fd, STDOUT_FILENO);
    dup2(out_fd, STDERR_FILENO);
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  setenv("PATH", kPath, 1);
  execv(args[0], args.data());
  if (errno == ENOEXEC) {  // a script without #!: the shell runs it, as cloud-init does
    args.insert(args.begin(), const_cast<char*>("/bin/sh"));
    execv("/bin/sh", args.data());
  }
  std::fprintf(stderr, "lec2-init: cannot run %s: %s\n", argv[0].c_str(), std::strerror(errno));
  _exit(127);
}

int WaitFor(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A new host key for each instance id (an image carries the old one; sshd must not share it).
void NewHostKey() {
  for (const char* old : {"/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_ed25519_key.pub"}) unlink(old);
  MakeDirs("/etc/ssh", 0755);
  const int code = WaitFor(Spawn({"/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f",
                                  "/etc/ssh/ssh_host_ed25519_key"},
                                 -1));
  Log(code == 0 ? "new ssh host key" : "ssh-keygen failed: " + std::to_string(code));
}

// cloud-init's behaviour: the launch key pair's public key is added to ec2-user's authorized_keys on the
// root volume, so an image of this instance carries it (AWS's documented behaviour).
void AuthorizeLaunchKey() {
  std::string key = ReadFile("/run/lec2/authorized_key");
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.empty()) {
    Log("no key pair at launch: nothing added to authorized_keys");
    return;
  }
  const std::string dir = "/home/ec2-user/.ssh", file = dir + "/authorized_keys";
  mkdir(dir.c_str(), 0700);
  (void)!chown(dir.c_str(), 1000, 1000);
  const std::string existing = ReadFile(file);
  if (existing.find(key) == std::string::npos) {
    std::string line = (existing.empty() || existing.back() == '\n' ? "" : "\n") + key + "\n";
    WriteFile(file, line, 0600, true);
  }
  (void)!chown(file.c_str(), 1000, 1000);
  chmod(file.c_str(), 0600);
  Log("launch key added to /home/ec2-user/.ssh/authorized_keys");
}

std::vector<std::string> UserDataParts() {
  std::vector<std::string> parts;
  DIR* dir = opendir("/run/lec2/user-data.d");
  if (dir == nullptr) return parts;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') parts.push_back(entry->d_name);
  }
  closedir(dir);
  std::sort(parts.begin(), parts.end());
  return parts;
}

// The boot's second half, in its own process so PID 1 keeps reaping: each user data part in turn, its
// output to /var/log/cloud-init-output.log and the console. A part's background children may keep the
// output pipe open: the part is done when its process exits.
[[noreturn]] void RunUserData(const std::string& instance_dir) {
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGPWR}) signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  const std::string scripts = instance_dir + "/scripts";
  MakeDirs(scripts, 0700);
  int log = open("/var/log/cloud-init-output.log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  for (const std::string& part : UserDataParts()) {
    const std::string script = scripts + "/" + part;
    WriteFile(script, ReadFile("/run/lec2/user-data.d/" + part), 0700);
    Log("running user data part " + part);
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) break;
    const pid_t pid = Spawn({script}, pipe_fds[1]);
    close(pipe_fds[1]);
    fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
    int status = 0;
    bool exited = false;
    char buffer[4096];
    while (true) {
      pollfd p{pipe_fds[0], POLLIN, 0};
      poll(&p, 1, exited ? 0 : 100);
      ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
      if (n > 0) {
        if (log >= 0) (void)!write(log, buffer, static_cast<size_t>(n));
        (void)!write(STDOUT_FILENO, buffer, static_cast<size_t>(n));
        continue;
      }
      if (n == 0 || exited) break;  // EOF, or drained after the part exited
      if (waitpid(pid, &status, WNOHANG) == pid) exited = true;
    }
    if (!exited) waitpid(pid, &status, 0);
    close(pipe_fds[0]);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    Log("user data part " + part + " exited with " + std::to_string(code));
  }
  if (log >= 0) close(log);
  _exit(0);
}

void BootFinished(const std::string& instance_dir) {
  char when[64];
  const std::time_t now = std::time(nullptr);
  std::strftime(when, sizeof when, "%a, %d %b %Y %H:%M:%S +0000", std::gmtime(&now));
  WriteFile(instance_dir + "/boot-finished", std::string(when) + "\n", 0644);
  Log(std::string("Cloud-init v. localec2 finished at ") + when + ". Datasource localec2 sandbox.");
  const std::string line = "boot-finished\n";
  (void)!write(kStatusFd, line.data(), line.size());
}

// Everything else gets SIGTERM, then SIGKILL after the grace period; PID 1's exit ends the namespace.
[[noreturn]] void Shutdown() {
  Log("shutdown: stopping every process");
  kill(-1, SIGTERM);
  const sigset_t set = HandledSignals();
  timespec deadline{};
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += kGraceSeconds;
  while (true) {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (waitpid(-1, nullptr, WNOHANG) < 0 && errno == ECHILD) break;
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec)) {
      kill(-1, SIGKILL);
      while (waitpid(-1, nullptr, 0) > 0) {
      }
      break;
    }
    timespec tick{0, 50 * 1000 * 1000};
    sigtimedwait(&set, nullptr, &tick);
  }
  // No sync(): it would flush every file system of the host, and the volume is a host directory anyway.
  Log("shutdown complete");
  _exit(0);
}

void Ignore(int) {}

}  // namespace

void RunInit(const std::string& instance_id, const std::string& hostname) {
  // A namespace's init never receives signals it has no handler for, blocked or not: install one, block
  // them, and take them with sigwaitinfo.
  const sigset_t set = HandledSignals();
  struct sigaction handler {};
  handler.sa_handler = Ignore;
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGPWR}) sigaction(sig, &handler, nullptr);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  setsid();
  Uptime();
  Log("localec2 sandbox init: booting " + instance_id + " (" + hostname + ")");
  const std::string instance_dir = "/var/lib/cloud/instances/" + instance_id;
  const bool first_boot = !Exists(instance_dir);
  if (first_boot) {
    MakeDirs(instance_dir, 0755);
    NewHostKey();
    AuthorizeLaunchKey();
    WriteFile("/etc/hostname", hostname + "\n", 0644);
    WriteFile("/etc/hosts", "127.0.0.1 localhost\n127.0.1.1 " + hostname + "\n", 0644);
  } else {
    Log("instance already initialised: user data does not run again");
  }
  mkdir("/run/sshd", 0755);
  const pid_t sshd = Spawn({"/usr/sbin/sshd", "-D", "-e"}, -1);
  Log("sshd started on 127.0.0.1:22");
  pid_t runner = -1;
  if (first_boot && !UserDataParts().empty()) {
    runner = fork();
    if (runner == 0) RunUserData(instance_dir);
  } else {
    BootFinished(instance_dir);
  }
  while (true) {
    siginfo_t info{};
    const int sig = sigwaitinfo(&set, &info);
    if (sig == SIGTERM || sig == SIGINT || sig == SIGPWR) Shutdown();
    if (sig != SIGCHLD) continue;
    int status = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      if (pid == runner) {
        runner = -1;
        BootFinished(instance_dir);
      } else if (pid == sshd) {
        Log("sshd exited");
      }
    }
  }
}

}  // namespace localec2::runtime::init
