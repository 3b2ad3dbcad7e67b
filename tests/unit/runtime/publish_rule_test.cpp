#include "runtime/publish_rule.hpp"

#include <catch2/catch.hpp>

using namespace localec2;

namespace {

model::SecurityGroup GroupWith(std::string protocol, int from, int to, std::string cidr,
                               bool egress = false) {
  model::SecurityGroup group;
  group.group_id = "sg-1";
  model::SecurityGroupRule rule;
  rule.is_egress = egress;
  rule.ip_protocol = std::move(protocol);
  rule.from_port = from;
  rule.to_port = to;
  rule.cidr_ipv4 = std::move(cidr);
  group.rules.push_back(rule);
  return group;
}

bool Publishes(const model::SecurityGroup& group, int port = 22) {
  return runtime::AllowsLoopbackTcp({&group}, port);
}

}  // namespace

TEST_CASE("publish rule: tcp/22 from a range holding 127.0.0.1 publishes SSH", "[runtime]") {
  CHECK(Publishes(GroupWith("tcp", 22, 22, "127.0.0.1/32")));
  CHECK(Publishes(GroupWith("tcp", 22, 22, "127.0.0.0/8")));
  CHECK(Publishes(GroupWith("tcp", 0, 65535, "0.0.0.0/0")));
  CHECK(Publishes(GroupWith("6", 20, 30, "127.0.0.1/32")));
  CHECK(Publishes(GroupWith("-1", -1, -1, "127.0.0.5/8")));  // all traffic; host bits set: normalised
}

TEST_CASE("publish rule: other ports, ranges, protocols and egress publish nothing", "[runtime]") {
  CHECK_FALSE(Publishes(GroupWith("tcp", 80, 80, "127.0.0.1/32")));
  CHECK_FALSE(Publishes(GroupWith("tcp", 22, 22, "10.0.0.0/8")));
  CHECK_FALSE(Publishes(GroupWith("udp", 22, 22, "127.0.0.1/32")));
  CHECK_FALSE(Publishes(GroupWith("tcp", 22, 22, "127.0.0.1/32", true)));
  CHECK_FALSE(Publishes(GroupWith("tcp", 22, 22, "")));  // a rule from a group or a prefix list
  CHECK_FALSE(runtime::AllowsLoopbackTcp({}, 22));
  const model::SecurityGroup web = GroupWith("tcp", 80, 80, "0.0.0.0/0");
  const model::SecurityGroup ssh = GroupWith("tcp", 22, 22, "127.0.0.1/32");
  CHECK(runtime::AllowsLoopbackTcp({&web, &ssh}, 22));  // any of the instance's groups
  CHECK(runtime::AllowsLoopbackTcp({&web}, 80));
}

TEST_CASE("publish rule: the ports published are 22 and those of narrow tcp ranges", "[runtime]") {
  const model::SecurityGroup web = GroupWith("tcp", 8080, 8081, "127.0.0.1/32");
  const model::SecurityGroup all = GroupWith("-1", -1, -1, "0.0.0.0/0");
  const model::SecurityGroup wide = GroupWith("tcp", 1000, 2000, "127.0.0.0/8");
  const model::SecurityGroup elsewhere = GroupWith("tcp", 9000, 9000, "10.0.0.0/8");
  CHECK(runtime::LoopbackTcpPorts({&web}) == std::set<int>{8080, 8081});
  CHECK(runtime::LoopbackTcpPorts({&all}) == std::set<int>{22});  // all traffic: SSH only, not 65,536 ports
  CHECK(runtime::LoopbackTcpPorts({&wide}).empty());
  CHECK(runtime::LoopbackTcpPorts({&elsewhere}).empty());
  CHECK(runtime::LoopbackTcpPorts({&web, &all}) == std::set<int>{22, 8080, 8081});
}
