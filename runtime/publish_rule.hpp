// Security groups decide what sandbox mode publishes on the host's 127.0.0.1: a port is published while one
// of the instance's groups has an ingress rule for it (tcp, or all traffic) from an IPv4 range that holds
// 127.0.0.1. Pure.
//
// Which ports: 22 whenever a rule covers it; besides, every port of a rule whose range has at most
// kMaxRangePorts ports (all traffic, or tcp 0-65535, publishes only 22: not 65,536 listeners).
#pragma once

#include <set>
#include <vector>

#include "model/core/resources.hpp"

namespace localec2::runtime {

inline constexpr int kMaxRangePorts = 16;

bool AllowsLoopbackTcp(const std::vector<const model::SecurityGroup*>& groups, int port);
// The instance ports to publish, per the rule above.
std::set<int> LoopbackTcpPorts(const std::vector<const model::SecurityGroup*>& groups);

}  // namespace localec2::runtime
