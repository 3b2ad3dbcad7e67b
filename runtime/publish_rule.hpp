// Security groups decide what sandbox mode publishes on the host's 127.0.0.1: a port is published while one
// of the instance's groups has an ingress rule for it (tcp, or all traffic) from an IPv4 range that holds
// 127.0.0.1. Pure.
#pragma once

#include <vector>

#include "model/core/resources.hpp"

namespace localec2::runtime {

bool AllowsLoopbackTcp(const std::vector<const model::SecurityGroup*>& groups, int port);

}  // namespace localec2::runtime
