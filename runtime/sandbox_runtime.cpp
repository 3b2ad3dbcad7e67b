#include "runtime/sandbox_runtime.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/catalogs/instance_types.hpp"
#include "model/core/states.hpp"
#include "model/network/addressing.hpp"
#include "runtime/base_layer.hpp"
#include "runtime/launch_spec.hpp"
#include "runtime/publish_rule.hpp"
#include "runtime/user_data.hpp"

namespace localec2::runtime {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr size_t kConsoleTail = 64 * 1024;  // GetConsoleOutput returns the last 64 KB, as AWS does

void Log(const std::string& line) {
  std::printf("localec2 sandbox: %s\n", line.c_str());
  std::fflush(stdout);
}

// A volume's directories, owned by the canonical root (each instance sees them through its idmap).
void MakeVolumeDirs(const fs::path& dir) {
  for (const char* sub : {"root/upper", "root/work", "usr/upper", "usr/work"}) {
    fs::create_directories(dir / sub);
  }
  chmod(dir.c_str(), 0755);
}

std::string HostnameOf(const model::Instance& instance, const std::string& region) {
  std::string ip = instance.private_ip.empty() ? "172.31.0.10" : instance.private_ip;
  for (char& c : ip)
    if (c == '.') c = '-';
  return "ip-" + ip + (region == "us-east-1" ? ".ec2.internal" : "." + region + ".compute.internal");
}

bool WantsRunning(std::string_view state) {
  return state == model::states::kPending || state == model::states::kRunning;
}
bool IsGone(std::string_view state) {
  return state == model::states::kShuttingDown || state == model::states::kTerminated;
}

}  // namespace

SandboxRuntime::SandboxRuntime(SandboxOptions options) : options_(std::move(options)) {}

SandboxRuntime::~SandboxRuntime() {
  StopAll();
  relay_.reset();
}

std::string SandboxRuntime::LimitsMechanism() {
  std::error_code ec;
  if (fs::is_directory("/sys/fs/cgroup/memory", ec) && fs::is_directory("/sys/fs/cgroup/pids", ec))
    return "cgroup v1 (memory, pids)";
  if (fs::exists("/sys/fs/cgroup/cgroup.controllers", ec)) return "cgroup v2 (memory, pids)";
  return "rlimits (RLIMIT_NPROC, RLIMIT_AS): no cgroup hierarchy found";
}

std::string SandboxRuntime::Start() {
  std::error_code ec;
  for (const char* sub : {"volumes", "instance-store", "run", "snapshots"})
    fs::create_directories(fs::path(options_.sandbox_dir) / sub, ec);
  if (ec) return "cannot create " + options_.sandbox_dir + ": " + ec.message();
  // The data directory stays closed to other host users; instances reach it only through their mounts.
  chmod(options_.sandbox_dir.c_str(), 0711);
  const std::string base = EnsureBaseLayer(options_.sandbox_dir);
  if (base.rfind("error: ", 0) == 0) return base.substr(7);
  // Leftovers of a server that was killed: its sandboxes died with it; their cgroups may remain.
  for (const char* hierarchy :
       {"/sys/fs/cgroup/memory/localec2", "/sys/fs/cgroup/pids/localec2", "/sys/fs/cgroup/localec2"}) {
    for (const auto& entry : fs::directory_iterator(hierarchy, ec)) rmdir(entry.path().c_str());
  }
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) return std::strerror(errno);
  relay_ = std::make_unique<PortRelay>();
  worker_ = std::thread([this] { WorkerLoop(); });
  return "";
}

void SandboxRuntime::Enqueue(Event event) {
  events_.push_back(std::move(event));
  char byte = 1;
  (void)!write(wake_pipe_[1], &byte, 1);
}

model::Status SandboxRuntime::Check(const model::ChangeSet& change) const {
  for (const model::Record& record : change.puts) {
    // AttachVolume (a launch records its volumes attached at once): there are no block devices here.
    const auto* volume = std::get_if<model::Volume>(&record.resource);
    if (volume && volume->attach_state == model::states::kAttaching) {
      return model::Error{
          "UnsupportedOperation",
          "AttachVolume is not supported in localec2's sandbox mode (--instances=sandbox): an "
          "instance's root volume is a directory, and there are no block devices to attach."};
    }
    const auto* instance = std::get_if<model::Instance>(&record.resource);
    // Data volumes mapped at launch: refused like AttachVolume rather than recorded and never mounted.
    if (instance && instance->state == model::states::kPending && instance->volumes.size() > 1) {
      return model::Error{
          "UnsupportedOperation",
          "Only the root volume is supported in localec2's sandbox mode (--instances=sandbox): the block "
          "device mapping names " +
              std::to_string(instance->volumes.size() - 1) +
              " more EBS volume(s), and there are no block devices to attach them as."};
    }
    if (instance && instance->platform == "windows" && instance->state == model::states::kPending) {
      return model::Error{
          "UnsupportedOperation",
          "Windows instances do not run in localec2's sandbox mode (--instances=sandbox): it runs "
          "Linux instances on the host's kernel. Use --instances=records for Windows images."};
    }
  }
  return model::Ok{};
}

void SandboxRuntime::Restore(const std::vector<model::Record>& records) {
  std::lock_guard lock(mutex_);
  for (const model::Record& record : records) {
    if (const auto* group = std::get_if<model::SecurityGroup>(&record.resource))
      groups_[group->group_id] = *group;
    if (const auto* volume = std::get_if<model::Volume>(&record.resource))
      volume_sources_[volume->volume_id] = volume->snapshot_id;
    if (const auto* snapshot = std::get_if<model::Snapshot>(&record.resource))
      snapshots_[snapshot->snapshot_id] = snapshot->owner_id;
  }
  for (const model::Record& record : records) {
    if (const auto* instance = std::get_if<model::Instance>(&record.resource)) {
      instances_[instance->instance_id] = {record.scope, *instance};
      if (WantsRunning(instance->state)) Enqueue({Event::kInstance, *instance, "", {}});
    }
  }
}

void SandboxRuntime::Applied(const model::ChangeSet& change) {
  std::lock_guard lock(mutex_);
  if (change.wipe_all || change.wipe_account) {
    for (auto it = instances_.begin(); it != instances_.end();) {
      if (change.wipe_all || it->second.scope.account_id == *change.wipe_account) {
        Enqueue({Event::kWipe, it->second.instance, it->first, {}});
        it = instances_.erase(it);
      } else {
        ++it;
      }
    }
    if (change.wipe_all) {  // every volume's data goes too (an account's: with its instances, above)
      for (const auto& [volume, source] : volume_sources_) Enqueue({Event::kVolumeGone, {}, volume, {}});
      volume_sources_.clear();
    }
    for (auto it = snapshots_.begin(); it != snapshots_.end();) {
      if (change.wipe_all || it->second == *change.wipe_account) {
        Enqueue({Event::kSnapshotGone, {}, it->first, {}});
        it = snapshots_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto it = groups_.begin(); it != groups_.end();) {
      it = (change.wipe_all || it->second.owner_id == *change.wipe_account) ? groups_.erase(it)
                                                                            : std::next(it);
    }
  }
  bool groups_changed = false;
  std::vector<std::string> volumes_gone;
  for (const model::RecordKey& key : change.deletes) {
    if (key.type == "instance") {
      instances_.erase(key.id);
      Enqueue({Event::kInstanceGone, {}, key.id, {}});
    } else if (key.type == "security-group") {
      groups_changed = groups_.erase(key.id) > 0 || groups_changed;
    } else if (key.type == "volume") {
      volumes_gone.push_back(key.id);
    } else if (key.type == "snapshot") {
      snapshots_.erase(key.id);
      Enqueue({Event::kSnapshotGone, {}, key.id, {}});
    }
  }
  for (const model::Record& record : change.puts) {
    if (const auto* group = std::get_if<model::SecurityGroup>(&record.resource)) {
      groups_[group->group_id] = *group;
      groups_changed = true;
    } else if (const auto* instance = std::get_if<model::Instance>(&record.resource)) {
      instances_[instance->instance_id] = {record.scope, *instance};
      Enqueue({Event::kInstance, *instance, "", {}});
    } else if (const auto* volume = std::get_if<model::Volume>(&record.resource)) {
      volume_sources_[volume->volume_id] = volume->snapshot_id;
    } else if (const auto* snapshot = std::get_if<model::Snapshot>(&record.resource)) {
      // A new snapshot (CreateImage, CreateSnapshot(s), CopyImage, CopySnapshot) captures its files, in order
      // with the launches that may follow it.
      if (snapshots_.emplace(snapshot->snapshot_id, snapshot->owner_id).second)
        Enqueue({Event::kSnapshotNew, {}, "", *snapshot});
    }
  }
  // Volume data goes after the instances that used it have stopped (events run in order).
  for (const std::string& id : volumes_gone) Enqueue({Event::kVolumeGone, {}, id, {}});
  if (groups_changed) Enqueue({Event::kGroups, {}, "", {}});
}

void SandboxRuntime::WorkerLoop() {
  while (true) {
    std::deque<Event> batch;
    std::vector<pollfd> fds{{wake_pipe_[0], POLLIN, 0}};
    std::vector<Sandbox*> watched{nullptr};
    {
      std::lock_guard lock(mutex_);
      if (stop_) break;
      batch.swap(events_);
      for (auto& [id, sandbox] : sandboxes_) {
        if (sandbox->status_fd < 0) continue;
        fds.push_back({sandbox->status_fd, POLLIN, 0});
        watched.push_back(sandbox.get());
      }
    }
    for (const Event& event : batch) Handle(event);
    if (!batch.empty()) continue;
    if (poll(fds.data(), fds.size(), 1000) < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) {
      char drain[256];
      while (read(wake_pipe_[0], drain, sizeof drain) > 0) {
      }
    }
    for (size_t n = 1; n < fds.size(); ++n) {
      if (fds[n].revents & (POLLIN | POLLHUP | POLLERR)) ReadStatus(*watched[n]);
    }
  }
  // The sandboxes stop from this thread: their launchers die with the thread that started them (PDEATHSIG).
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, sandbox] : sandboxes_) ids.push_back(id);
  }
  for (const std::string& id : ids) Stop(id);
}

void SandboxRuntime::ReadStatus(Sandbox& sandbox) {
  char buffer[512];
  ssize_t n = read(sandbox.status_fd, buffer, sizeof buffer);
  if (n <= 0) {  // the launcher is gone
    close(sandbox.status_fd);
    sandbox.status_fd = -1;
    waitpid(sandbox.launcher, nullptr, 0);
    std::lock_guard lock(mutex_);
    sandbox.launcher = -1;  // reaped: its pid (and its init's) may belong to someone else now
    sandbox.init = -1;
    if (!sandbox.stopping && sandbox.health != "impaired") {
      sandbox.health = "impaired";
      Log(sandbox.instance_id + ": its init is gone: impaired");
    }
    return;
  }
  sandbox.buffer.append(buffer, static_cast<size_t>(n));
  size_t newline;
  bool ports = false;
  while ((newline = sandbox.buffer.find('\n')) != std::string::npos) {
    const std::string line = sandbox.buffer.substr(0, newline);
    sandbox.buffer.erase(0, newline + 1);
    std::lock_guard lock(mutex_);
    if (line.rfind("up ", 0) == 0) {
      sandbox.init = std::atoi(line.c_str() + 3);
      sandbox.netns_fd =
          open(("/proc/" + std::to_string(sandbox.init) + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC);
      ports = true;
      if (imds_address_of_ && sandbox.netns_fd >= 0) {
        const std::string error =
            relay_->Publish("imds/" + sandbox.instance_id, {sandbox.netns_fd, "169.254.169.254", 80},
                            {-1, imds_address_of_(sandbox.instance_id), imds_port_});
        if (!error.empty()) Log(sandbox.instance_id + ": no metadata service inside: " + error);
      }
    } else if (line == "boot-finished") {
      sandbox.health = "ok";
      Log(sandbox.instance_id + ": boot finished");
    } else if (line.rfind("exit ", 0) == 0 && !sandbox.stopping) {
      sandbox.health = "impaired";
      Log(sandbox.instance_id + ": its init exited (" + line.substr(5) + "): impaired");
    }
  }
  if (ports) UpdatePorts();
}

void SandboxRuntime::Reboot(const std::string& instance_id) {
  std::lock_guard lock(mutex_);
  auto it = instances_.find(instance_id);
  if (it != instances_.end()) Enqueue({Event::kReboot, it->second.instance, instance_id, {}});
}

void SandboxRuntime::Handle(const Event& event) {
  switch (event.kind) {
    case Event::kReboot:
      Stop(event.id);
      Boot(event.instance);  // the same volume; user data ran once for this instance id already
      UpdatePorts();
      break;
    case Event::kInstance: {
      const std::string_view state = event.instance.state;
      if (WantsRunning(state)) {
        bool running;
        {
          std::lock_guard lock(mutex_);
          running = sandboxes_.count(event.instance.instance_id) != 0;
        }
        if (!running) Boot(event.instance);
        UpdatePorts();  // its groups may have changed (ModifyInstanceAttribute)
      } else {
        Stop(event.instance.instance_id);
        if (IsGone(state)) {
          std::error_code ec;
          if (event.instance.root_device_type == "instance-store")
            fs::remove_all(fs::path(options_.sandbox_dir) / "instance-store" / event.instance.instance_id,
                           ec);
          if (state == model::states::kTerminated) {
            std::lock_guard lock(mutex_);
            ForgetPorts(event.instance.instance_id);
          }
        }
      }
      break;
    }
    case Event::kInstanceGone:
    case Event::kWipe: {
      Stop(event.id);
      std::error_code ec;
      fs::remove_all(fs::path(options_.sandbox_dir) / "instance-store" / event.id, ec);
      fs::remove_all(RunDirOf(event.id), ec);
      if (event.kind == Event::kWipe) {
        for (const model::InstanceVolume& volume : event.instance.volumes)
          fs::remove_all(fs::path(options_.sandbox_dir) / "volumes" / volume.volume_id, ec);
      }
      std::lock_guard lock(mutex_);
      ForgetPorts(event.id);
      break;
    }
    case Event::kVolumeGone: {
      std::error_code ec;
      fs::remove_all(fs::path(options_.sandbox_dir) / "volumes" / event.id, ec);
      break;
    }
    case Event::kGroups:
      UpdatePorts();
      break;
    case Event::kSnapshotNew:
      CaptureSnapshot(event.snapshot);
      break;
    case Event::kSnapshotGone:
      DeleteSnapshotData(event.id);
      break;
  }
}

namespace {

// cp -a: owners, modes, xattrs (user.overlay.*) and whiteouts (0/0 character devices) kept.
bool CopyTree(const fs::path& from, const fs::path& to) {
  std::string cp = "/bin/cp", flags = "-a", source = from.string() + "/.", target = to.string();
  std::error_code ec;
  fs::create_directories(to, ec);
  char* argv[] = {cp.data(), flags.data(), source.data(), target.data(), nullptr};
  char* envp[] = {nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, cp.c_str(), nullptr, nullptr, argv, envp) != 0) return false;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string ReadLine(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

void SandboxRuntime::CaptureSnapshot(const model::Snapshot& snapshot) {
  const fs::path snapshots = fs::path(options_.sandbox_dir) / "snapshots";
  const fs::path target = snapshots / snapshot.snapshot_id;
  std::error_code ec;
  if (fs::exists(target, ec)) return;
  const auto started = Clock::now();
  const fs::path staging = snapshots / (".staging-" + snapshot.snapshot_id);
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  bool ok = true;
  std::string parent, what;
  if (!snapshot.source_snapshot_id.empty()) {  // CopyImage / CopySnapshot: the source's files (and chain)
    const fs::path source = snapshots / snapshot.source_snapshot_id;
    if (!fs::exists(source, ec)) return;  // a snapshot without files (the catalog's, or from records mode)
    ok = CopyTree(source, staging);
    what = "copy of " + snapshot.source_snapshot_id;
  } else {
    const fs::path volume = fs::path(options_.sandbox_dir) / "volumes" / snapshot.volume_id;
    if (!fs::exists(volume, ec)) return;  // a volume that never ran: nothing was written
    ok = CopyTree(volume / "root/upper", staging / "root") && CopyTree(volume / "usr/upper", staging / "usr");
    {
      std::lock_guard lock(mutex_);
      if (auto source = volume_sources_.find(snapshot.volume_id); source != volume_sources_.end())
        parent = source->second;
    }
    if (!parent.empty() && fs::exists(snapshots / parent, ec))
      std::ofstream(staging / "parent") << parent << "\n";
    what = "files of " + snapshot.volume_id;
  }
  if (!ok) {
    Log(snapshot.snapshot_id + ": copying the " + what + " failed; the snapshot carries no files");
    fs::remove_all(staging, ec);
    return;
  }
  fs::rename(staging, target, ec);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.1f ms", ms);
  Log(snapshot.snapshot_id + ": captured the " + what + " in " + took);
}

void SandboxRuntime::DeleteSnapshotData(const std::string& snapshot_id) {
  const fs::path snapshots = fs::path(options_.sandbox_dir) / "snapshots";
  std::error_code ec;
  // Kept while a later snapshot or a volume stacks it as a lower layer (AWS snapshots are independent;
  // these layers are not, so the data stays until nothing builds on it).
  for (const auto& entry : fs::directory_iterator(snapshots, ec)) {
    if (ReadLine(entry.path() / "parent") == snapshot_id) return;
  }
  {
    std::lock_guard lock(mutex_);
    for (const auto& [volume, source] : volume_sources_)
      if (source == snapshot_id) return;
  }
  fs::remove_all(snapshots / snapshot_id, ec);
}

std::vector<std::string> SandboxRuntime::LayerChain(const std::string& snapshot_id) const {
  std::vector<std::string> chain;
  const fs::path snapshots = fs::path(options_.sandbox_dir) / "snapshots";
  std::error_code ec;
  for (std::string id = snapshot_id; !id.empty() && chain.size() < 32;) {
    const fs::path dir = snapshots / id;
    if (!fs::exists(dir / "root", ec)) break;
    chain.push_back(dir.string());
    id = ReadLine(dir / "parent");
  }
  return chain;
}

std::string SandboxRuntime::VolumeDirOf(const model::Instance& instance) const {
  if (instance.root_device_type == "ebs") {
    for (const model::InstanceVolume& volume : instance.volumes) {
      if (volume.device_name == instance.root_device_name)
        return (fs::path(options_.sandbox_dir) / "volumes" / volume.volume_id).string();
    }
  }
  return (fs::path(options_.sandbox_dir) / "instance-store" / instance.instance_id).string();
}

std::string SandboxRuntime::RunDirOf(const std::string& instance_id) const {
  return (fs::path(options_.sandbox_dir) / "run" / instance_id).string();
}

void SandboxRuntime::AppendConsole(const std::string& instance_id, const std::string& line) const {
  std::ofstream(fs::path(RunDirOf(instance_id)) / "console.log", std::ios::app)
      << "localec2: " << line << "\n";
}

void SandboxRuntime::Boot(const model::Instance& instance) {
  const std::string& id = instance.instance_id;
  if (instance.platform == "windows") {
    Log(id + ": Windows images do not run in sandbox mode; the instance stays a record");
    return;
  }
  model::Scope scope;
  int slot = -1;
  {
    std::lock_guard lock(mutex_);
    if (auto it = instances_.find(id); it != instances_.end()) scope = it->second.scope;
    std::vector<bool> used(static_cast<size_t>(options_.max_instances), false);
    for (const auto& [other, sandbox] : sandboxes_) used[static_cast<size_t>(sandbox->slot)] = true;
    for (int n = 0; n < options_.max_instances && slot < 0; ++n)
      if (!used[static_cast<size_t>(n)]) slot = n;
  }
  if (slot < 0) {
    Log(id + ": no free uid range (at most " + std::to_string(options_.max_instances) +
        " sandboxes): not booted");
    return;
  }
  std::error_code ec;
  const fs::path run = RunDirOf(id), lec2 = run / "lec2";
  fs::remove_all(lec2, ec);
  fs::create_directories(lec2 / "user-data.d", ec);
  const std::string volume = VolumeDirOf(instance);
  MakeVolumeDirs(volume);
  std::ofstream(lec2 / "instance-id") << id << "\n";
  std::ofstream(lec2 / "authorized_key")
      << instance.key_public_key << (instance.key_public_key.empty() ? "" : "\n");
  DecodedUserData user_data = DecodeUserData(instance.user_data);
  for (const UserDataPart& part : user_data.parts) {
    std::ofstream(lec2 / "user-data.d" / part.name) << part.content;
  }
  for (const auto& entry : fs::recursive_directory_iterator(run, ec))
    chmod(entry.path().c_str(), entry.is_directory() ? 0755 : 0644);
  chmod(run.c_str(), 0755);
  for (const std::string& note : user_data.notes) AppendConsole(id, "user data: " + note);

  LaunchSpec spec;
  spec.instance_id = id;
  spec.hostname = HostnameOf(instance, scope.region);
  spec.uid_base = options_.uid_base + static_cast<std::uint32_t>(slot) * kIdsPerInstance;
  spec.base_dir = (fs::path(options_.sandbox_dir) / "base" / "v1").string();
  spec.volume_dir = volume;
  for (const model::InstanceVolume& root : instance.volumes) {
    if (root.device_name == instance.root_device_name && !root.snapshot_id.empty())
      spec.lower_dirs = LayerChain(root.snapshot_id);  // an image of ours: its files under the volume's
  }
  spec.run_dir = lec2.string();
  spec.cgroup = id;
  if (const model::InstanceTypeInfo* type = model::FindInstanceType(instance.instance_type))
    spec.memory_bytes = static_cast<std::uint64_t>(type->memory_mib) << 20;
  spec.pids_max = options_.pids_max;
  spec.server_pid = getpid();
  const std::string spec_path = (run / "spec").string();
  std::ofstream(spec_path) << FormatLaunchSpec(spec);

  int console = open((run / "console.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int status[2];
  if (console < 0 || pipe2(status, O_CLOEXEC) != 0) {
    Log(id + ": cannot open its console or status pipe: " + std::strerror(errno));
    if (console >= 0) close(console);
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, console, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, console, STDERR_FILENO);
  posix_spawn_file_actions_adddup2(&actions, status[1], 3);
  std::string launch = "launch";
  char* argv[] = {options_.init_path.data(), launch.data(), const_cast<char*>(spec_path.c_str()), nullptr};
  char* envp[] = {nullptr};
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, options_.init_path.c_str(), &actions, nullptr, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  close(console);
  close(status[1]);
  if (spawned != 0) {
    close(status[0]);
    Log(id + ": cannot start lec2-init: " + std::strerror(spawned));
    return;
  }
  auto sandbox = std::make_unique<Sandbox>();
  sandbox->instance_id = id;
  sandbox->launcher = pid;
  sandbox->status_fd = status[0];
  sandbox->slot = slot;
  Log(id + ": booting (uids " + std::to_string(spec.uid_base) + "+65536, " +
      std::to_string(spec.memory_bytes >> 20) + " MiB, " + std::to_string(spec.pids_max) + " processes)");
  // Its first status line ("up PID") arrives within milliseconds; reading it here keeps the worker simple.
  pollfd first{status[0], POLLIN, 0};
  Sandbox* raw = sandbox.get();
  {
    std::lock_guard lock(mutex_);
    sandboxes_[id] = std::move(sandbox);
  }
  if (poll(&first, 1, 5000) > 0) ReadStatus(*raw);
}

void SandboxRuntime::Stop(const std::string& instance_id) {
  std::unique_ptr<Sandbox> sandbox;
  std::vector<std::string> keys;  // its published ports
  {
    std::lock_guard lock(mutex_);
    auto it = sandboxes_.find(instance_id);
    if (it == sandboxes_.end()) return;
    it->second->stopping = true;
    sandbox = std::move(it->second);
    sandboxes_.erase(it);
    const std::string prefix = instance_id + ":";
    for (auto it = published_.lower_bound(prefix);
         it != published_.end() && it->first.rfind(prefix, 0) == 0;) {
      keys.push_back(it->first);
      it = published_.erase(it);
    }
  }
  for (const std::string& key : keys) relay_->Unpublish(key, true);
  relay_->Unpublish("imds/" + instance_id, true);
  if (sandbox->launcher > 0) kill(sandbox->launcher, SIGTERM);
  // The init's grace period is 3 s; after 5 s the launcher (and with it, by PDEATHSIG, the rest) is killed.
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (sandbox->launcher > 0 && waitpid(sandbox->launcher, &status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      kill(sandbox->launcher, SIGKILL);
      waitpid(sandbox->launcher, &status, 0);
      break;
    }
    usleep(10000);
  }
  // Killed launcher: its init follows by PDEATHSIG, asynchronously; wait until it is gone.
  for (int waited = 0; sandbox->init > 0 && waited < 200 && kill(sandbox->init, 0) == 0; ++waited)
    usleep(10000);
  if (sandbox->status_fd >= 0) close(sandbox->status_fd);
  if (sandbox->netns_fd >= 0) close(sandbox->netns_fd);
  AppendConsole(instance_id, "instance stopped");
  Log(instance_id + ": stopped");
}

void SandboxRuntime::StopAll() {
  {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) return;
    stop_ = true;
    char byte = 1;
    (void)!write(wake_pipe_[1], &byte, 1);
  }
  worker_.join();
  close(wake_pipe_[0]);
  close(wake_pipe_[1]);
}

std::set<int> SandboxRuntime::PortsToPublish(const model::Instance& instance) const {
  std::vector<const model::SecurityGroup*> groups;
  for (const std::string& group_id : instance.group_ids) {
    // A derived default group has no record, and no rule from a CIDR: it publishes nothing.
    if (auto group = groups_.find(group_id); group != groups_.end()) groups.push_back(&group->second);
  }
  return LoopbackTcpPorts(groups);
}

void SandboxRuntime::ForgetPorts(const std::string& instance_id) {
  const std::string prefix = instance_id + ":";
  for (auto it = ports_.lower_bound(prefix); it != ports_.end() && it->first.rfind(prefix, 0) == 0;)
    it = ports_.erase(it);
}

void SandboxRuntime::UpdatePorts() {
  struct Change {
    std::string id;
    int port;  // the instance's
    bool publish;
    int netns;
  };
  std::vector<Change> changes;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, sandbox] : sandboxes_) {
      auto mirrored = instances_.find(id);
      std::set<int> wanted;
      if (sandbox->netns_fd >= 0 && mirrored != instances_.end())
        wanted = PortsToPublish(mirrored->second.instance);
      const std::string prefix = id + ":";
      for (auto it = published_.lower_bound(prefix);
           it != published_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
        const int port = std::stoi(it->first.substr(prefix.size()));
        if (it->second && !wanted.count(port)) changes.push_back({id, port, false, sandbox->netns_fd});
      }
      for (int port : wanted) {
        if (!published_[prefix + std::to_string(port)])
          changes.push_back({id, port, true, sandbox->netns_fd});
      }
    }
  }
  for (const Change& change : changes) {
    const std::string key = change.id + ":" + std::to_string(change.port);
    const std::string what = change.port == 22 ? "SSH" : "tcp/" + std::to_string(change.port);
    if (!change.publish) {
      relay_->Unpublish(key, false);
      std::lock_guard lock(mutex_);
      published_[key] = false;
      AppendConsole(change.id, what + " withdrawn: no security group rule allows it from 127.0.0.1");
      Log(change.id + ": " + what + " withdrawn (no rule allows it from 127.0.0.1)");
      continue;
    }
    std::uint16_t port = 0;
    {
      std::lock_guard lock(mutex_);
      if (auto kept = ports_.find(key); kept != ports_.end()) port = kept->second;
    }
    std::string error = "no free port in --instance-ssh-ports";
    const PortRelay::Endpoint inside{change.netns, "127.0.0.1", static_cast<std::uint16_t>(change.port)};
    if (port != 0) error = relay_->Publish(key, {-1, "127.0.0.1", port}, inside);
    for (std::uint32_t candidate = options_.ssh_port_first; port == 0 || !error.empty(); ++candidate) {
      if (candidate > options_.ssh_port_last) break;
      bool taken = false;
      {
        std::lock_guard lock(mutex_);
        for (const auto& [other, other_port] : ports_)
          taken = taken || (other != key && other_port == candidate);
      }
      if (taken) continue;
      port = static_cast<std::uint16_t>(candidate);
      error = relay_->Publish(key, {-1, "127.0.0.1", port}, inside);
    }
    if (!error.empty()) {
      Log(change.id + ": cannot publish " + what + ": " + error);
      continue;
    }
    std::lock_guard lock(mutex_);
    ports_[key] = port;
    published_[key] = true;
    const std::string endpoint = "127.0.0.1:" + std::to_string(port);
    if (change.port == 22) {
      AppendConsole(change.id, "SSH published at " + endpoint + " (ssh -i KEY.pem -p " +
                                   std::to_string(port) + " ec2-user@127.0.0.1)");
    } else {
      AppendConsole(change.id, what + " published at " + endpoint);
    }
    Log(change.id + ": " + what + " published at " + endpoint);
  }
}

std::optional<std::string> SandboxRuntime::Health(const std::string& instance_id) const {
  std::lock_guard lock(mutex_);
  auto it = sandboxes_.find(instance_id);
  if (it == sandboxes_.end()) return std::nullopt;
  return it->second->health;
}

std::optional<std::string> SandboxRuntime::ConsoleText(const std::string& instance_id) const {
  std::ifstream file(fs::path(RunDirOf(instance_id)) / "console.log", std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  std::string out = text.str();
  if (out.size() > kConsoleTail) out.erase(0, out.size() - kConsoleTail);
  return out;
}

std::optional<std::string> SandboxRuntime::SshEndpoint(const std::string& instance_id) const {
  std::lock_guard lock(mutex_);
  auto published = published_.find(instance_id + ":22");
  auto port = ports_.find(instance_id + ":22");
  if (published == published_.end() || !published->second || port == ports_.end()) return std::nullopt;
  return "127.0.0.1:" + std::to_string(port->second);
}

}  // namespace localec2::runtime
