// What something that really runs instances (sandbox mode, runtime/) reports about them. The model only
// reads it: DescribeInstanceStatus, GetConsoleOutput and the instance view ask it, and records mode leaves it
// unset, so their answers stay the model's own. Implementations answer from their own memory, thread-safe,
// and never call back into Ec2 (they may be asked under its lock).
#pragma once

#include <optional>
#include <string>

namespace localec2::model {

class InstanceRuntimeView {
 public:
  virtual ~InstanceRuntimeView() = default;
  // The status checks of a running instance: "initializing" until its boot (user data included) finished,
  // then "ok", or "impaired" when its init died. nullopt: the runtime does not run it.
  virtual std::optional<std::string> Health(const std::string& instance_id) const = 0;
  // The instance's console (boot log and user data output); nullopt: the runtime has none for it.
  virtual std::optional<std::string> ConsoleText(const std::string& instance_id) const = 0;
  // "127.0.0.1:PORT" while the instance's SSH port is published; nullopt otherwise.
  virtual std::optional<std::string> SshEndpoint(const std::string& instance_id) const = 0;
  // RebootInstances, which records nothing, so the runtime learns of it here: the instance's processes stop
  // and it boots again on the same volume (user data does not run again). Called after the engine's lock.
  virtual void Reboot(const std::string& instance_id) = 0;
};

}  // namespace localec2::model
