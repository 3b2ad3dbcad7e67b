// Sandbox mode's engine: keeps a mirror of the records it needs (instances, security groups), turns the
// model's committed ChangeSets into effects (boot, stop, publish or withdraw SSH, delete volume data) run
// in order on its own thread, and answers the model's InstanceRuntimeView from what the sandboxes report.
// Directories under <data>/sandbox/: base/ (base_layer.hpp), volumes/<vol-id>/ and instance-store/<i-id>/
// (root/{upper,work}, usr/{upper,work}, canonical owners), run/<i-id>/ (spec, console.log, lec2/).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "model/core/instance_runtime.hpp"
#include "model/core/store.hpp"
#include "runtime/port_relay.hpp"

namespace localec2::runtime {

struct SandboxOptions {
  std::string sandbox_dir;  // <data-dir>/sandbox
  std::string init_path;    // the lec2-init binary
  std::uint32_t uid_base = 200000;
  int max_instances = 64;  // uid slots
  std::uint16_t ssh_port_first = 2200;
  std::uint16_t ssh_port_last = 2299;
  std::uint64_t pids_max = 512;
};

class SandboxRuntime : public model::InstanceRuntimeView {
 public:
  explicit SandboxRuntime(SandboxOptions options);
  ~SandboxRuntime() override;  // stops every sandbox
  SandboxRuntime(const SandboxRuntime&) = delete;
  SandboxRuntime& operator=(const SandboxRuntime&) = delete;

  // Builds the base layer and starts the worker. Returns "" or why sandbox mode cannot run.
  std::string Start();
  // The records loaded at start-up: instances recorded as running boot again (as after a host reboot).
  void Restore(const std::vector<model::Record>& records);
  // Before a ChangeSet is committed: UnsupportedOperation for what sandbox mode cannot run (Windows,
  // AttachVolume).
  model::Status Check(const model::ChangeSet& change) const;
  // A ChangeSet the Store has made durable (RuntimeStore calls it under the model's lock: quick, no I/O).
  void Applied(const model::ChangeSet& change);
  // The metadata service inside each instance (169.254.169.254:80) relays to the host's --imds-port
  // listener at the instance's own address there (`address_of`, imds::LoopbackAddressOf). Before any boot.
  void SetMetadataEndpoint(std::function<std::string(std::string_view)> address_of, std::uint16_t port) {
    imds_address_of_ = std::move(address_of);
    imds_port_ = port;
  }
  // Stops every sandbox and waits for them (server shutdown).
  void StopAll();
  // Where the limits come from, for the start-up log: "cgroup v1 (memory, pids)", "cgroup v2", "rlimits".
  static std::string LimitsMechanism();

  std::optional<std::string> Health(const std::string& instance_id) const override;
  std::optional<std::string> ConsoleText(const std::string& instance_id) const override;
  std::optional<std::string> SshEndpoint(const std::string& instance_id) const override;
  void Reboot(const std::string& instance_id) override;

 private:
  struct Event {
    enum Kind {
      kInstance,
      kReboot,
      kInstanceGone,
      kVolumeGone,
      kGroups,
      kWipe,
      kSnapshotNew,
      kSnapshotGone
    } kind = kInstance;
    model::Instance instance;  // kInstance
    std::string id;            // kInstanceGone, kVolumeGone, kSnapshotGone
    model::Snapshot snapshot;  // kSnapshotNew
  };
  struct Sandbox {
    std::string instance_id;
    pid_t launcher = -1;
    pid_t init = -1;  // the instance's PID 1, as the host sees it
    int status_fd = -1;
    int netns_fd = -1;
    int slot = -1;
    std::string health = "initializing";
    std::string buffer;  // a partial status line
    bool stopping = false;
  };
  struct Mirrored {
    model::Scope scope;
    model::Instance instance;
  };

  void Enqueue(Event event);  // mutex_ held
  void WorkerLoop();
  void Handle(const Event& event);
  void Boot(const model::Instance& instance);
  void Stop(const std::string& instance_id);
  void ReadStatus(Sandbox& sandbox);
  void UpdatePorts();  // publishes or withdraws every running sandbox's ports, per its groups' rules
  std::set<int> PortsToPublish(const model::Instance& instance) const;  // mutex_ held
  void ForgetPorts(const std::string& instance_id);                     // mutex_ held
  std::string VolumeDirOf(const model::Instance& instance) const;
  // Snapshots carry files: snapshots/<snap-id>/{root,usr} (copies of a volume's upper directories) and a
  // `parent` file naming the snapshot the volume itself started from; a launch stacks the chain as lowers.
  void CaptureSnapshot(const model::Snapshot& snapshot);
  void DeleteSnapshotData(const std::string& snapshot_id);
  std::vector<std::string> LayerChain(const std::string& snapshot_id) const;
  std::string RunDirOf(const std::string& instance_id) const;
  void AppendConsole(const std::string& instance_id, const std::string& line) const;

  SandboxOptions options_;
  mutable std::mutex mutex_;  // guards everything below but the worker-only fields
  std::condition_variable wake_;
  std::deque<Event> events_;
  std::map<std::string, Mirrored> instances_;           // mirror: id -> record
  std::map<std::string, model::SecurityGroup> groups_;  // mirror: id -> record
  std::map<std::string, std::string> volume_sources_;   // mirror: volume id -> the snapshot it came from
  std::map<std::string, std::string> snapshots_;        // snapshot id -> owner (data captured or not)
  std::map<std::string, std::unique_ptr<Sandbox>> sandboxes_;
  // Published ports, by "i-…:PORT" (the instance's port): the host port kept for it until terminate, and
  // whether it is published now.
  std::map<std::string, std::uint16_t> ports_;
  std::map<std::string, bool> published_;
  bool stop_ = false;
  std::thread worker_;
  int wake_pipe_[2] = {-1, -1};
  std::unique_ptr<PortRelay> relay_;
  std::function<std::string(std::string_view)> imds_address_of_;
  std::uint16_t imds_port_ = 0;
};

}  // namespace localec2::runtime
