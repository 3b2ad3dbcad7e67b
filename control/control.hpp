// localec2's own JSON endpoints, beside the EC2 API rather than inside it: the health check that
// LocalStack-style tooling polls. main.cpp routes them; this library knows nothing of HTTP servers.
#pragma once

#include <string>
#include <vector>

#include "control/control_types.hpp"

namespace localec2::control {

struct ControlOptions {
  std::string version;  // reported by the health endpoint
};

class Control {
 public:
  explicit Control(ControlOptions options);

  // GET /_localec2/health and GET /_localstack/health: {"status":"running","version":…,"services":
  // {"ec2":"running"}}, whatever the query. Other methods are not routed here.
  ControlResponse Health(const ControlRequest& request) const noexcept;

  // Every endpoint above with its method and path, for the composition root to route. The handlers refer
  // to this object, which must outlive them.
  std::vector<Endpoint> Endpoints() const;

 private:
  ControlOptions options_;
};

}  // namespace localec2::control
