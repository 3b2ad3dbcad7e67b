// Start, Stop, Terminate and Reboot: the calls that move instances through the state machine drawn in
// instance_lifecycle.hpp. Each is all or nothing over the instances it names.
#include "model/core/tx.hpp"
#include "model/instances/instance_network.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {
namespace {

Error WrongState(const std::string& id, std::string_view verb) {
  return MakeError(
      codes::kIncorrectInstanceState,
      "The instance '" + id + "' is not in a state from which it can be " + std::string(verb) + ".");
}

// On termination, volumes marked DeleteOnTermination are deleted and the others detached (available).
void ReleaseVolumes(Tx& tx, const Instance& instance) {
  const Partition& p = tx.partition();
  for (const InstanceVolume& attached : instance.volumes) {
    auto it = p.volumes.find(attached.volume_id);
    if (it == p.volumes.end()) continue;
    if (attached.delete_on_termination) {
      tx.Erase<Volume>(attached.volume_id);
      continue;
    }
    Volume detached = it->second;
    detached.attach_state = states::kDetaching;
    detached.attach_since_ms = tx.now();
    tx.Put(std::move(detached));
  }
}

// One lifecycle call over the instances `ids` names: `step(instance, current state, now)` answers the
// record to store (nullopt: no change) or an error that refuses the whole call.
template <class Step>
Result<std::vector<StateChange>> ApplyTransitions(Tx& tx, const std::vector<std::string>& ids,
                                                  const Step& step) {
  auto found = FindInstances(tx, ids);
  if (!found) return std::move(found).error();
  std::vector<StateChange> changes;
  PublicAddressAllocator public_addresses(tx);
  for (const Instance* instance : *found) {
    std::string current(CurrentState(*instance, tx.now(), tx.timing()));
    Result<std::optional<Instance>> next = step(*instance, current, tx.now());
    if (!next) return std::move(next).error();
    changes.push_back({instance->instance_id, current, *next ? (*next)->state : current});
    if (!*next) continue;
    const std::string& entering = (*next)->state;
    if (entering == states::kShuttingDown) {
      ReleaseVolumes(tx, *instance);
      ReleaseInterfacesOnTermination(tx, *instance);
    } else if (entering == states::kStopping) {
      ReleasePublicAddressesOnStop(tx, *instance);
    } else if (entering == states::kPending) {
      RenewPublicAddressOnStart(tx, *instance, public_addresses);
    }
    tx.Put(std::move(**next));
  }
  return changes;
}

// `instance` entering `state` at `now_ms`, by the user's request.
Instance Entering(const Instance& instance, std::string_view state, std::int64_t now_ms) {
  Instance next = instance;
  next.state = state;
  next.state_since_ms = now_ms;
  next.state_transition_reason = UserInitiatedReason(now_ms);
  next.state_reason_code = "Client.UserInitiatedShutdown";
  next.state_reason_message = "Client.UserInitiatedShutdown: User initiated shutdown";
  return next;
}

Result<std::optional<Instance>> Start(const Instance& instance, const std::string& current,
                                      std::int64_t now) {
  if (current == states::kPending || current == states::kRunning) return std::optional<Instance>();
  if (current != states::kStopped) return WrongState(instance.instance_id, "started");
  Instance started = instance;
  started.state = states::kPending;
  started.state_since_ms = now;
  started.state_transition_reason.clear();
  started.state_reason_code.clear();
  started.state_reason_message.clear();
  return std::optional<Instance>(std::move(started));
}

Result<std::optional<Instance>> Stop(const Instance& instance, const std::string& current, std::int64_t now,
                                     bool hibernate) {
  const std::string& id = instance.instance_id;
  if (instance.root_device_type != "ebs") {
    return MakeError(
        codes::kUnsupportedOperation,
        "The instance '" + id + "' does not have an 'ebs' root device type and cannot be stopped.");
  }
  if (hibernate) {
    return MakeError(
        codes::kUnsupportedHibernation,
        "For hibernation, the instance must be enabled for hibernation at launch: '" + id + "'.");
  }
  if (instance.disable_api_stop) {
    return MakeError(codes::kOperationNotPermitted,
                     "The instance '" + id +
                         "' may not be stopped. Modify its 'disableApiStop' instance "
                         "attribute and try again.");
  }
  if (current == states::kStopping || current == states::kStopped) return std::optional<Instance>();
  if (current != states::kRunning) return WrongState(id, "stopped");
  return std::optional<Instance>(Entering(instance, states::kStopping, now));
}

Result<std::optional<Instance>> Terminate(const Instance& instance, const std::string& current,
                                          std::int64_t now) {
  if (instance.disable_api_termination) {
    return MakeError(codes::kOperationNotPermitted,
                     "The instance '" + instance.instance_id +
                         "' may not be terminated. Modify its "
                         "'disableApiTermination' instance attribute and try again.");
  }
  if (current == states::kShuttingDown || current == states::kTerminated) return std::optional<Instance>();
  Instance ending = Entering(instance, states::kShuttingDown, now);
  // A terminated instance keeps no block devices (ApplyTransitions releases the volumes).
  ending.volumes.clear();
  return std::optional<Instance>(std::move(ending));
}

}  // namespace

void Ec2::SetLifecycleTiming(const LifecycleTiming& timing) {
  std::lock_guard lock(mutex_);
  timing_ = timing;
}

Result<std::vector<StateChange>> StartInstances(Ec2& ec2, const Caller& caller,
                                                const std::vector<std::string>& ids) {
  return ec2.Write(caller, [&](Tx& tx) { return ApplyTransitions(tx, ids, Start); });
}

Result<std::vector<StateChange>> StopInstances(Ec2& ec2, const Caller& caller,
                                               const std::vector<std::string>& ids, bool hibernate) {
  return ec2.Write(caller, [&](Tx& tx) {
    return ApplyTransitions(tx, ids,
                            [&](const Instance& instance, const std::string& current, std::int64_t now) {
                              return Stop(instance, current, now, hibernate);
                            });
  });
}

Result<std::vector<StateChange>> TerminateInstances(Ec2& ec2, const Caller& caller,
                                                    const std::vector<std::string>& ids) {
  return ec2.Write(caller, [&](Tx& tx) { return ApplyTransitions(tx, ids, Terminate); });
}

Status RebootInstances(Ec2& ec2, const Caller& caller, const std::vector<std::string>& ids) {
  std::vector<std::string> rebooted;
  auto checked = ec2.Read(caller, [&](const View& view) -> Status {
    auto found = FindInstances(view, ids);
    if (!found) return std::move(found).error();
    for (const Instance* instance : *found) {
      std::string_view current = CurrentState(*instance, view.now(), view.timing());
      if (current != states::kRunning && current != states::kPending)
        return WrongState(instance->instance_id, "rebooted");
      rebooted.push_back(instance->instance_id);
    }
    return Ok{};  // a reboot keeps the instance running: nothing to record
  });
  if (!checked) return checked;
  if (InstanceRuntimeView* runtime = ec2.runtime_view()) {
    for (const std::string& id : rebooted) runtime->Reboot(id);
  }
  return Ok{};
}

}  // namespace localec2::model
