// IpPermissions turned into rules, one per peer: protocols, ports, CIDRs and peer groups checked and
// normalised as AWS stores them.
#include "model/security/group_permissions.hpp"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>

#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

Result<std::string> NormalizeProtocol(std::string protocol) {
  for (char& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (protocol == "all" || protocol == "-1") return std::string("-1");
  if (protocol == "tcp" || protocol == "6") return std::string("tcp");
  if (protocol == "udp" || protocol == "17") return std::string("udp");
  if (protocol == "icmp" || protocol == "1") return std::string("icmp");
  if (protocol == "icmpv6" || protocol == "58") return std::string("icmpv6");
  int number = -1;
  auto [ptr, ec] = std::from_chars(protocol.data(), protocol.data() + protocol.size(), number);
  if (ec == std::errc() && ptr == protocol.data() + protocol.size() && number >= 0 && number <= 255) {
    return protocol;
  }
  return MakeError(codes::kInvalidParameterValue,
                   "Invalid value '" + protocol + "' for IP protocol. Unknown protocol.");
}

Status SetPorts(SecurityGroupRule& rule, std::optional<int> from, std::optional<int> to) {
  const std::string& p = rule.ip_protocol;
  if (p == "tcp" || p == "udp") {
    if (!from || !to || *from < 0 || *to > 65535 || *from > *to) {
      return MakeError(
          codes::kInvalidParameterValue,
          "Invalid value for portRange. Must specify both from and to ports with TCP/UDP, from " +
              std::string("0 to 65535, from port not greater than to port."));
    }
    rule.from_port = *from;
    rule.to_port = *to;
  } else if (p == "icmp" || p == "icmpv6") {
    rule.from_port = from.value_or(-1);
    rule.to_port = to.value_or(-1);
    if (rule.from_port < -1 || rule.from_port > 255 || rule.to_port < -1 || rule.to_port > 255) {
      return MakeError(codes::kInvalidParameterValue,
                       "Invalid value for ICMP type or code: must be -1 to 255.");
    }
  } else {
    rule.from_port = rule.to_port = -1;  // no ports for this protocol
  }
  return Ok{};
}

bool IsCidr(const std::string& cidr, int family) {
  size_t slash = cidr.find('/');
  if (slash == std::string::npos) return false;
  std::string address = cidr.substr(0, slash), bits = cidr.substr(slash + 1);
  int n = -1;
  auto [ptr, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
  const int max_bits = family == AF_INET ? 32 : 128;
  unsigned char buffer[16];
  return ec == std::errc() && ptr == bits.data() + bits.size() && !bits.empty() && n >= 0 && n <= max_bits &&
         inet_pton(family, address.c_str(), buffer) == 1;
}

// Sets the one peer of `rule` from `peer`. Errors: a malformed CIDR, a peer group not found, or not
// exactly one peer.
Status SetPeer(const View& view, const Permission::Peer& peer, SecurityGroupRule& rule) {
  int peers = 0;
  if (!peer.cidr_ipv4.empty()) {
    if (!IsCidr(peer.cidr_ipv4, AF_INET)) {
      return MakeError(codes::kInvalidParameterValue, "CIDR block " + peer.cidr_ipv4 + " is malformed");
    }
    rule.cidr_ipv4 = peer.cidr_ipv4;
    ++peers;
  }
  if (!peer.cidr_ipv6.empty()) {
    if (!IsCidr(peer.cidr_ipv6, AF_INET6)) {
      return MakeError(codes::kInvalidParameterValue, "CIDR block " + peer.cidr_ipv6 + " is malformed");
    }
    rule.cidr_ipv6 = peer.cidr_ipv6;
    ++peers;
  }
  if (!peer.prefix_list_id.empty()) {
    rule.prefix_list_id = peer.prefix_list_id;
    ++peers;
  }
  if (!peer.group_id.empty() || !peer.group_name.empty()) {
    const std::string& account_id = view.scope().account_id;
    const bool own_account = peer.user_id.empty() || peer.user_id == account_id;
    if (own_account) {
      auto referenced = FindGroup(view, {peer.group_id, peer.group_name});
      if (!referenced) return std::move(referenced).error();
      rule.referenced_group_id = (*referenced)->group_id;
    } else {
      rule.referenced_group_id = peer.group_id;
    }
    rule.referenced_user_id = own_account ? account_id : peer.user_id;
    ++peers;
  }
  if (peers != 1) {
    return MakeError(codes::kInvalidParameterValue,
                     "Each peer must be exactly one CIDR range, prefix list or security group.");
  }
  return Ok{};
}

}  // namespace

Result<std::vector<SecurityGroupRule>> RulesFrom(const View& view, const ChangeRulesRequest& request) {
  std::vector<SecurityGroupRule> rules;
  for (const Permission& permission : request.permissions) {
    auto protocol = NormalizeProtocol(permission.ip_protocol);
    if (!protocol) return std::move(protocol).error();
    if (permission.peers.empty()) {
      return MakeError(codes::kInvalidParameterValue,
                       "Each permission must name at least one CIDR range, prefix list or security group.");
    }
    for (const Permission::Peer& peer : permission.peers) {
      SecurityGroupRule rule;
      rule.is_egress = request.egress;
      rule.ip_protocol = *protocol;
      if (auto ports = SetPorts(rule, permission.from_port, permission.to_port); !ports) {
        return std::move(ports).error();
      }
      rule.description = peer.description;
      if (auto set = SetPeer(view, peer, rule); !set) return std::move(set).error();
      rules.push_back(std::move(rule));
    }
  }
  return rules;
}

bool SamePermission(const SecurityGroupRule& a, const SecurityGroupRule& b) {
  return a.is_egress == b.is_egress && a.ip_protocol == b.ip_protocol && a.from_port == b.from_port &&
         a.to_port == b.to_port && a.cidr_ipv4 == b.cidr_ipv4 && a.cidr_ipv6 == b.cidr_ipv6 &&
         a.prefix_list_id == b.prefix_list_id && a.referenced_group_id == b.referenced_group_id;
}

std::string RuleText(const SecurityGroupRule& r) {
  std::string peer = !r.cidr_ipv4.empty()        ? r.cidr_ipv4
                     : !r.cidr_ipv6.empty()      ? r.cidr_ipv6
                     : !r.prefix_list_id.empty() ? r.prefix_list_id
                                                 : r.referenced_group_id;
  std::string protocol = r.ip_protocol == "-1" ? "ALL" : r.ip_protocol;
  for (char& c : protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string text = "peer: " + peer + ", " + protocol;
  if (r.ip_protocol != "-1") {
    text += ", from port: " + std::to_string(r.from_port) + ", to port: " + std::to_string(r.to_port);
  }
  return text + ", ALLOW";
}

}  // namespace localec2::model
