// CreateNetworkAclEntry, ReplaceNetworkAclEntry and DeleteNetworkAclEntry (network_acls.hpp).
#include <algorithm>
#include <cctype>

#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/network_acls.hpp"

namespace localec2::model {
namespace {

Error BadValue(const std::string& value, std::string_view parameter) {
  return MakeError(codes::kInvalidParameterValue,
                   "Value (" + value + ") for parameter " + std::string(parameter) + " is invalid.");
}

Status CheckRuleNumber(int rule_number) {
  if (rule_number < 1 || rule_number > 32766) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + std::to_string(rule_number) +
                         ") for parameter ruleNumber is invalid. Rulenumber must "
                         "be in range 1..32766");
  }
  return Ok{};
}

// The protocol number AWS stores for `protocol` ("-1" for all), or nullopt.
std::optional<std::string> ProtocolNumber(const std::string& protocol) {
  if (protocol == "-1" || protocol == "all") return "-1";
  if (protocol == "tcp") return "6";
  if (protocol == "udp") return "17";
  if (protocol == "icmp") return "1";
  if (protocol == "icmpv6") return "58";
  if (protocol.empty() || protocol.size() > 3 ||
      !std::all_of(protocol.begin(), protocol.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  int number = std::stoi(protocol);
  if (number > 255) return std::nullopt;
  return std::to_string(number);
}

// The entry `request` describes. Errors: as CreateNetworkAclEntry's validation.
Result<NetworkAclEntry> EntryOf(const NetworkAclEntryRequest& request) {
  if (!request.unsupported.empty()) {
    return MakeError(codes::kInvalidParameterValue,
                     "The parameter " + request.unsupported + " is not supported by localec2.");
  }
  if (auto valid = CheckRuleNumber(request.rule_number); !valid) return std::move(valid).error();
  NetworkAclEntry entry;
  entry.rule_number = request.rule_number;
  entry.egress = request.egress;
  auto protocol = ProtocolNumber(request.protocol);
  if (!protocol) return BadValue(request.protocol, "protocol");
  entry.protocol = *protocol;
  if (request.rule_action != "allow" && request.rule_action != "deny") {
    return BadValue(request.rule_action, "ruleAction");
  }
  entry.rule_action = request.rule_action;
  if (request.cidr_block.empty()) {
    return MakeError(codes::kMissingParameter,
                     "The request must contain the parameter cidrBlock or ipv6CidrBlock");
  }
  auto cidr = ParseCidrLoose(request.cidr_block);
  if (!cidr) return BadValue(request.cidr_block, "cidrBlock");
  entry.cidr_block = CidrText(*cidr);
  if (entry.protocol == "6" || entry.protocol == "17") {
    if (!request.from_port || !request.to_port) {
      return MakeError(codes::kMissingParameter, "The request must contain the parameter portRange");
    }
    if (*request.from_port < 0 || *request.to_port > 65535 || *request.from_port > *request.to_port) {
      return BadValue(std::to_string(*request.from_port) + "-" + std::to_string(*request.to_port),
                      "portRange");
    }
    entry.from_port = *request.from_port;
    entry.to_port = *request.to_port;
  } else if (entry.protocol == "1") {
    if (!request.icmp_type || !request.icmp_code) {
      return MakeError(codes::kMissingParameter, "The request must contain the parameter icmpTypeCode");
    }
    if (*request.icmp_type < -1 || *request.icmp_type > 255 || *request.icmp_code < -1 ||
        *request.icmp_code > 255) {
      return BadValue(std::to_string(*request.icmp_type) + ":" + std::to_string(*request.icmp_code),
                      "icmpTypeCode");
    }
    entry.icmp_type = *request.icmp_type;
    entry.icmp_code = *request.icmp_code;
  }
  return entry;
}

std::vector<NetworkAclEntry>::iterator EntryAt(NetworkAcl& acl, int rule_number, bool egress) {
  return std::find_if(acl.entries.begin(), acl.entries.end(), [&](const NetworkAclEntry& e) {
    return e.rule_number == rule_number && e.egress == egress;
  });
}

Error EntryNotFound(int rule_number, bool egress) {
  return MakeError(codes::kNetworkAclEntryNotFound, std::string("no ") + (egress ? "egress" : "ingress") +
                                                        " entry with number " + std::to_string(rule_number));
}

// Applies `change` to the ACL's entries and puts it, in one Write.
template <class Change>
Status ChangeEntries(Ec2& ec2, const Caller& caller, const std::string& network_acl_id, Change change) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<NetworkAcl>(network_acl_id);
    if (!found) return std::move(found).error();
    NetworkAcl acl = **found;
    if (auto changed = change(acl); !changed) return std::move(changed).error();
    tx.Put(acl);
    return Ok{};
  });
}

}  // namespace

Status CreateNetworkAclEntry(Ec2& ec2, const Caller& caller, const NetworkAclEntryRequest& request) {
  auto entry = EntryOf(request);
  if (!entry) return std::move(entry).error();
  return ChangeEntries(ec2, caller, request.network_acl_id, [&](NetworkAcl& acl) -> Status {
    if (EntryAt(acl, entry->rule_number, entry->egress) != acl.entries.end()) {
      return MakeError(
          codes::kNetworkAclEntryAlreadyExists,
          "The network acl entry identified by " + std::to_string(entry->rule_number) + " already exists.");
    }
    acl.entries.push_back(*entry);
    std::stable_sort(
        acl.entries.begin(), acl.entries.end(),
        [](const NetworkAclEntry& a, const NetworkAclEntry& b) { return a.rule_number < b.rule_number; });
    return Ok{};
  });
}

Status ReplaceNetworkAclEntry(Ec2& ec2, const Caller& caller, const NetworkAclEntryRequest& request) {
  auto entry = EntryOf(request);
  if (!entry) return std::move(entry).error();
  return ChangeEntries(ec2, caller, request.network_acl_id, [&](NetworkAcl& acl) -> Status {
    auto existing = EntryAt(acl, entry->rule_number, entry->egress);
    if (existing == acl.entries.end()) return EntryNotFound(entry->rule_number, entry->egress);
    *existing = *entry;
    return Ok{};
  });
}

Status DeleteNetworkAclEntry(Ec2& ec2, const Caller& caller, const std::string& network_acl_id,
                             int rule_number, bool egress) {
  if (auto valid = CheckRuleNumber(rule_number); !valid) return std::move(valid).error();
  return ChangeEntries(ec2, caller, network_acl_id, [&](NetworkAcl& acl) -> Status {
    auto existing = EntryAt(acl, rule_number, egress);
    if (existing == acl.entries.end()) return EntryNotFound(rule_number, egress);
    acl.entries.erase(existing);
    return Ok{};
  });
}

}  // namespace localec2::model
