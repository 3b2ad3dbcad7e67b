#include "runtime/init/launcher.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/init/init_process.hpp"
#include "runtime/init/syscall_filter.hpp"

namespace localec2::runtime::init {
namespace {

constexpr int kStatusFd = 3;

void Say(const std::string& line) {
  std::string text = "lec2-init: " + line + "\n";
  (void)!write(STDERR_FILENO, text.data(), text.size());
}

// The step that failed, with errno's text, then exit: the self-test reports the step to the operator.
[[noreturn]] void Die(const std::string& step) {
  Say("FAILED " + step + ": " + std::strerror(errno));
  _exit(3);
}

void Require(bool ok, const std::string& step) {
  if (!ok) Die(step);
}

void Status(const std::string& line) {
  std::string text = line + "\n";
  (void)!write(kStatusFd, text.data(), text.size());
}

bool WriteFile(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

bool IsDir(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// ---- Limits: cgroup v1 (memory, pids), cgroup v2, else rlimits (the server logs which) ----

std::vector<std::string> CgroupDirs(const LaunchSpec& spec) {
  std::vector<std::string> dirs;
  if (spec.cgroup.empty()) return dirs;
  if (IsDir("/sys/fs/cgroup/memory") && IsDir("/sys/fs/cgroup/pids")) {
    dirs.push_back("/sys/fs/cgroup/memory/localec2/" + spec.cgroup);
    dirs.push_back("/sys/fs/cgroup/pids/localec2/" + spec.cgroup);
  } else if (access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0) {
    dirs.push_back("/sys/fs/cgroup/localec2/" + spec.cgroup);
  }
  return dirs;
}

bool JoinCgroups(const LaunchSpec& spec, pid_t child) {
  const std::vector<std::string> dirs = CgroupDirs(spec);
  if (dirs.empty()) return false;
  for (const std::string& dir : dirs) {
    const std::string parent = dir.substr(0, dir.rfind('/'));
    mkdir(parent.c_str(), 0755);
    if (dir.rfind("/sys/fs/cgroup/localec2", 0) == 0)
      WriteFile(parent + "/cgroup.subtree_control", "+memory +pids");
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return false;
    const bool v1_memory = dir.find("/memory/") != std::string::npos;
    const bool v1_pids = dir.find("/pids/") != std::string::npos;
    const bool v2 = !v1_memory && !v1_pids;
    if (spec.memory_bytes && (v1_memory || v2)) {
      WriteFile(dir + (v2 ? "/memory.max" : "/memory.limit_in_bytes"), std::to_string(spec.memory_bytes));
      if (v1_memory) WriteFile(dir + "/memory.memsw.limit_in_bytes", std::to_string(spec.memory_bytes));
      if (v2) WriteFile(dir + "/memory.swap.max", "0");
    }
    if (spec.pids_max && (v1_pids || v2)) WriteFile(dir + "/pids.max", std::to_string(spec.pids_max));
    if (!WriteFile(dir + "/cgroup.procs", std::to_string(child))) return false;
  }
  return true;
}

void LeaveCgroups(const LaunchSpec& spec) {
  for (const std::string& dir : CgroupDirs(spec)) rmdir(dir.c_str());
}

// ---- The idmapped mounts, made by the launcher (host root) for the child's user namespace ----

int IdmappedTree(const std::string& path, int userns_fd, bool read_only) {
  int tree = open_tree(AT_FDCWD, path.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
  Require(tree >= 0, "open_tree " + path);
  struct mount_attr attr {};
  attr.attr_set = MOUNT_ATTR_IDMAP | MOUNT_ATTR_NODEV | (read_only ? MOUNT_ATTR_RDONLY : 0);
  attr.userns_fd = static_cast<std::uint64_t>(userns_fd);
  Require(mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof attr) == 0, "idmapped mount of " + path);
  return tree;
}

int ReadOnlyTree(const std::string& path) {
  int tree = open_tree(AT_FDCWD, path.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
  Require(tree >= 0, "open_tree " + path);
  struct mount_attr attr {};
  attr.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC;
  Require(mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof attr) == 0, "read-only mount of " + path);
  return tree;
}

void SendFds(int socket, const std::vector<int>& fds) {
  char byte = 'g';
  iovec iov{&byte, 1};
  std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()));
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  cmsg->cmsg_level = SOL_SOCKET;
  cmsg->cmsg_type = SCM_RIGHTS;
  cmsg->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
  std::memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
  Require(sendmsg(socket, &msg, 0) == 1, "sending the mounts to the instance");
}

std::vector<int> ReceiveFds(int socket, size_t count) {
  char byte = 0;
  iovec iov{&byte, 1};
  std::vector<char> control(CMSG_SPACE(sizeof(int) * count));
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  if (recvmsg(socket, &msg, MSG_CMSG_CLOEXEC) != 1) _exit(4);  // the launcher died or failed: nothing to do
  cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  if (cmsg == nullptr || cmsg->cmsg_len != CMSG_LEN(sizeof(int) * count)) _exit(4);
  std::vector<int> fds(count);
  std::memcpy(fds.data(), CMSG_DATA(cmsg), sizeof(int) * count);
  return fds;
}

// ---- The child: from a fresh set of namespaces to the instance's root file system ----

void Attach(int tree, const std::string& where) {
  Require(mkdir(where.c_str(), 0755) == 0 || errno == EEXIST, "mkdir " + where);
  Require(move_mount(tree, "", AT_FDCWD, where.c_str(), MOVE_MOUNT_F_EMPTY_PATH) == 0, "attach " + where);
  close(tree);
}

void BindDevice(const std::string& root, const char* name) {
  const std::string target = root + "/dev/" + name;
  int fd = open(target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
  Require(fd >= 0, "create " + target);
  close(fd);
  Require(mount((std::string("/dev/") + name).c_str(), target.c_str(), nullptr, MS_BIND, nullptr) == 0,
          "bind /dev/" + std::string(name));
}

void SetUpDev(const std::string& root) {
  const std::string dev = root + "/dev";
  Require(mount("tmpfs", dev.c_str(), "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=256k") == 0,
          "tmpfs /dev");
  for (const char* name : {"null", "zero", "full", "random", "urandom", "tty"}) BindDevice(root, name);
  Require(mkdir((dev + "/pts").c_str(), 0755) == 0, "mkdir /dev/pts");
  Require(mount("devpts", (dev + "/pts").c_str(), "devpts", MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620,gid=5") == 0,
          "devpts newinstance");
  Require(symlink("pts/ptmx", (dev + "/ptmx").c_str()) == 0, "symlink /dev/ptmx");
  Require(mkdir((dev + "/shm").c_str(), 01777) == 0, "mkdir /dev/shm");
  Require(mount("tmpfs", (dev + "/shm").c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") == 0,
          "tmpfs /dev/shm");
  (void)!symlink("/proc/self/fd", (dev + "/fd").c_str());
  (void)!symlink("/proc/self/fd/0", (dev + "/stdin").c_str());
  (void)!symlink("/proc/self/fd/1", (dev + "/stdout").c_str());
  (void)!symlink("/proc/self/fd/2", (dev + "/stderr").c_str());
}

// lo up, with the metadata service's address beside 127.0.0.1.
void SetUpLoopback() {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  Require(s >= 0, "socket");
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  Require(ioctl(s, SIOCGIFFLAGS, &ifr) == 0, "lo flags");
  ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP | IFF_RUNNING);
  Require(ioctl(s, SIOCSIFFLAGS, &ifr) == 0, "lo up");
  ifreq alias{};
  std::strncpy(alias.ifr_name, "lo:imds", IFNAMSIZ - 1);
  auto* addr = reinterpret_cast<sockaddr_in*>(&alias.ifr_addr);
  addr->sin_family = AF_INET;
  inet_pton(AF_INET, "169.254.169.254", &addr->sin_addr);
  Require(ioctl(s, SIOCSIFADDR, &alias) == 0, "169.254.169.254 on lo");
  inet_pton(AF_INET, "255.255.255.255", &addr->sin_addr);
  Require(ioctl(s, SIOCSIFNETMASK, &alias) == 0, "169.254.169.254/32");
  close(s);
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ":") + part;
  return out;
}

void Hold(int) {}

[[noreturn]] void RunChild(const LaunchSpec& spec, int sync_fd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // A namespace's init drops signals it has no handler for: from the start, a stop request (SIGTERM) waits,
  // blocked, until the init takes it after boot.
  struct sigaction hold {};
  hold.sa_handler = Hold;
  sigset_t stops;
  sigemptyset(&stops);
  for (int sig : {SIGTERM, SIGINT, SIGPWR}) {
    sigaction(sig, &hold, nullptr);
    sigaddset(&stops, sig);
  }
  sigprocmask(SIG_BLOCK, &stops, nullptr);
  // The launcher writes the id maps, makes the idmapped mounts and sends them; EOF means it failed.
  std::vector<int> trees = ReceiveFds(sync_fd, 4 + spec.lower_dirs.size());
  // Root of the new user namespace: the instance's uid 0 (the host's uid_base).
  Require(setresgid(0, 0, 0) == 0 && setgroups(0, nullptr) == 0 && setresuid(0, 0, 0) == 0,
          "user namespace with a uid range map");
  // A change of credentials clears the parent-death signal: set it again, then make sure the launcher did
  // not die in between (it keeps its end of `sync_fd` open for its whole life).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  char probe;
  if (recv(sync_fd, &probe, 1, MSG_DONTWAIT | MSG_PEEK) == 0) _exit(4);
  close(sync_fd);
  Require(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0, "private mounts");
  // Staging on a tmpfs over /tmp (of this mount namespace only).
  const std::string stage = "/tmp";
  Require(mount("tmpfs", stage.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=700,size=64k") == 0,
          "staging tmpfs");
  Attach(trees[0], stage + "/usr");
  Attach(trees[1], stage + "/base");
  Attach(trees[2], stage + "/vol");
  Attach(trees[3], stage + "/run");
  std::vector<std::string> root_lowers, usr_lowers;
  for (size_t n = 0; n < spec.lower_dirs.size(); ++n) {
    const std::string at = stage + "/l" + std::to_string(n);
    Attach(trees[4 + n], at);
    root_lowers.push_back(at + "/root");
    usr_lowers.push_back(at + "/usr");
  }
  root_lowers.push_back(stage + "/base/root");
  usr_lowers.push_back(stage + "/base/usrmask");
  usr_lowers.push_back(stage + "/usr");
  const std::string root = stage + "/root";
  Require(mkdir(root.c_str(), 0755) == 0, "mkdir root");
  const std::string root_options = "lowerdir=" + Joined(root_lowers) + ",upperdir=" + stage +
                                   "/vol/root/upper,workdir=" + stage + "/vol/root/work,userxattr";
  Require(mount("overlay", root.c_str(), "overlay", 0, root_options.c_str()) == 0,
          "overlay (userxattr) of /");
  const std::string usr_options = "lowerdir=" + Joined(usr_lowers) + ",upperdir=" + stage +
                                  "/vol/usr/upper,workdir=" + stage + "/vol/usr/work,userxattr";
  Require(mount("overlay", (root + "/usr").c_str(), "overlay", 0, usr_options.c_str()) == 0,
          "overlay (userxattr) of /usr over the idmapped host /usr");
  Require(mount("proc", (root + "/proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0,
          "mount /proc");
  SetUpDev(root);
  Require(mount("tmpfs", (root + "/run").c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=16m") == 0,
          "tmpfs /run");
  Require(mkdir((root + "/run/lec2").c_str(), 0755) == 0, "mkdir /run/lec2");
  Require(mount((stage + "/run").c_str(), (root + "/run/lec2").c_str(), nullptr, MS_BIND, nullptr) == 0,
          "bind /run/lec2");
  Require(chdir(root.c_str()) == 0, "chdir root");
  Require(syscall(SYS_pivot_root, ".", ".") == 0, "pivot_root");
  Require(umount2(".", MNT_DETACH) == 0, "detach the host's root");
  Require(chdir("/") == 0, "chdir /");
  Require(sethostname(spec.hostname.data(), spec.hostname.size()) == 0, "hostname");
  SetUpLoopback();
  // No nested user namespaces: the kernel's user-namespace attack surface stays where it is.
  Require(WriteFile("/proc/sys/user/max_user_namespaces", "0"), "nested user namespaces off");
  Require(InstallSyscallFilter(), "seccomp filter");
  if (spec.probe) {
    Say("probe ok");
    _exit(0);
  }
  RunInit(spec.instance_id, spec.hostname);
}

volatile sig_atomic_t g_stop = 0;
void OnStop(int) { g_stop = 1; }

}  // namespace

int RunLauncher(const LaunchSpec& spec) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (spec.server_pid != 0 && getppid() != spec.server_pid) return 1;  // the server is already gone
  if (fcntl(kStatusFd, F_GETFD) >= 0) fcntl(kStatusFd, F_SETFD, FD_CLOEXEC);
  int sync[2];
  Require(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sync) == 0, "socketpair");
  const unsigned long flags =
      CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
  // clone without a new stack behaves as fork: the child continues here, copy-on-write.
  const long child = syscall(SYS_clone, flags, nullptr, nullptr, nullptr, nullptr);
  Require(child >= 0, "clone (user, mount, pid, net, uts, ipc namespaces)");
  if (child == 0) {
    close(sync[0]);
    if (fcntl(kStatusFd, F_GETFD) >= 0) fcntl(kStatusFd, F_SETFD, 0);  // the init reports boot-finished
    RunChild(spec, sync[1]);
  }
  close(sync[1]);
  const std::string proc = "/proc/" + std::to_string(child);
  const std::string map = "0 " + std::to_string(spec.uid_base) + " " + std::to_string(kIdsPerInstance);
  if (!WriteFile(proc + "/uid_map", map) || !WriteFile(proc + "/gid_map", map)) {
    kill(static_cast<pid_t>(child), SIGKILL);
    Die("uid range map");
  }
  if (!JoinCgroups(spec, static_cast<pid_t>(child))) {
    // The last resort: rlimits (per uid: the instance's uids are its own).
    if (spec.pids_max) {
      rlimit procs{spec.pids_max, spec.pids_max};
      prlimit(static_cast<pid_t>(child), RLIMIT_NPROC, &procs, nullptr);
    }
    if (spec.memory_bytes) {
      rlimit memory{spec.memory_bytes, spec.memory_bytes};
      prlimit(static_cast<pid_t>(child), RLIMIT_AS, &memory, nullptr);
    }
  }
  int userns = open((proc + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC);
  Require(userns >= 0, "open the user namespace");
  std::vector<int> trees{IdmappedTree("/usr", userns, true), IdmappedTree(spec.base_dir, userns, true),
                         IdmappedTree(spec.volume_dir, userns, false), ReadOnlyTree(spec.run_dir)};
  for (const std::string& lower : spec.lower_dirs) trees.push_back(IdmappedTree(lower, userns, true));
  SendFds(sync[0], trees);
  for (int tree : trees) close(tree);
  close(userns);  // sync[0] stays open: its EOF tells the init that the launcher died
  Status("up " + std::to_string(child));
  struct sigaction stop {};
  stop.sa_handler = OnStop;
  sigaction(SIGTERM, &stop, nullptr);
  sigaction(SIGINT, &stop, nullptr);
  int status = 0;
  bool forwarded = false;
  while (true) {
    if (g_stop && !forwarded) {
      kill(static_cast<pid_t>(child), SIGTERM);
      forwarded = true;
    }
    const pid_t done = waitpid(static_cast<pid_t>(child), &status, 0);
    if (done == child) break;
    if (done < 0 && errno != EINTR) break;
  }
  LeaveCgroups(spec);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  Status("exit " + std::to_string(code));
  return spec.probe ? code : 0;
}

}  // namespace localec2::runtime::init
