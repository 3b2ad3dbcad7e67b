#include "runtime/publish_rule.hpp"

#include "model/network/addressing.hpp"

namespace localec2::runtime {

bool AllowsLoopbackTcp(const std::vector<const model::SecurityGroup*>& groups, int port) {
  constexpr std::uint32_t kLoopback = 0x7f000001;
  for (const model::SecurityGroup* group : groups) {
    for (const model::SecurityGroupRule& rule : group->rules) {
      if (rule.is_egress || rule.cidr_ipv4.empty()) continue;
      const bool all = rule.ip_protocol == "-1";
      const bool tcp = all || rule.ip_protocol == "tcp" || rule.ip_protocol == "6";
      const bool covers = all || (rule.from_port <= port && port <= rule.to_port);
      auto cidr = model::ParseCidrLoose(rule.cidr_ipv4);
      if (tcp && covers && cidr && cidr->Contains(kLoopback)) return true;
    }
  }
  return false;
}

std::set<int> LoopbackTcpPorts(const std::vector<const model::SecurityGroup*>& groups) {
  std::set<int> ports;
  if (AllowsLoopbackTcp(groups, 22)) ports.insert(22);
  for (const model::SecurityGroup* group : groups) {
    for (const model::SecurityGroupRule& rule : group->rules) {
      if (rule.ip_protocol != "tcp" && rule.ip_protocol != "6") continue;
      if (rule.from_port < 1 || rule.to_port < rule.from_port ||
          rule.to_port - rule.from_port >= kMaxRangePorts)
        continue;
      const model::SecurityGroup single{group->group_id, "", "", "", "", {rule}, {}};
      if (AllowsLoopbackTcp({&single}, rule.from_port))
        for (int port = rule.from_port; port <= rule.to_port; ++port) ports.insert(port);
    }
  }
  return ports;
}

}  // namespace localec2::runtime
