// IpPermissions as rules: what Authorize and Revoke share. A permission is split into one rule per peer,
// with its protocol and ports normalised as AWS stores them.
#pragma once

#include <string>
#include <vector>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/security/security.hpp"

namespace localec2::model {

// The rules `request.permissions` describe, one per peer, without ids or tags. A peer group of the
// caller's account is looked up (FindGroup's errors). Errors: InvalidParameterValue for an unknown
// protocol, bad ports, a malformed CIDR, or a peer that is not exactly one CIDR, prefix list or group.
Result<std::vector<SecurityGroupRule>> RulesFrom(const View& view, const ChangeRulesRequest& request);

// Whether `a` and `b` allow the same traffic (ids, descriptions and tags aside).
bool SamePermission(const SecurityGroupRule& a, const SecurityGroupRule& b);

// AWS's wording of a rule in InvalidPermission.Duplicate: "peer: …, TCP, from port: …, to port: …, ALLOW".
std::string RuleText(const SecurityGroupRule& rule);

}  // namespace localec2::model
