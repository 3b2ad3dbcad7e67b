// The security family: key pairs (key_pairs.cpp) and security groups with their rules
// (security_groups.cpp, security_group_rules.cpp, group_permissions.cpp, security_group_describe.cpp). Each
// call runs in the Ec2 engine (core/tx.hpp) for the caller's account and region; a mutating call changes
// nothing when it answers an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

// ---- Key pairs (key_pairs.cpp): per account and region; the private key is returned once, never kept ----

struct CreateKeyPairRequest {
  std::string key_name;
  std::string key_type = "rsa";    // rsa | ed25519
  std::string key_format = "pem";  // pem | ppk
  std::vector<TagSpecification> tag_specifications;
};
struct CreatedKeyPair {
  KeyPair key_pair;
  std::string key_material;  // the private key: returned here once, never stored
};
struct ImportKeyPairRequest {
  std::string key_name;
  std::string public_key_material;
  std::vector<TagSpecification> tag_specifications;
};
struct DescribeKeyPairsRequest {
  std::vector<std::string> key_names;
  std::vector<std::string> key_pair_ids;
  std::vector<Filter> filters;  // key-pair-id, key-name, fingerprint, key-type, tag:, tag-key, tag-value
};

// Creates a key pair with new key material (generated outside the engine's lock: RSA is slow).
// Errors: InvalidKeyPair.Duplicate, InvalidParameterValue (name, type, format, tags), TagLimitExceeded.
Result<CreatedKeyPair> CreateKeyPair(Ec2& ec2, const Caller& caller, const CreateKeyPairRequest& request);
// Imports an OpenSSH public key. Errors: InvalidKeyPair.Duplicate, InvalidKey.Format, tag errors.
Result<KeyPair> ImportKeyPair(Ec2& ec2, const Caller& caller, const ImportKeyPairRequest& request);
// The key pairs named (all when none), filtered, in id order. Errors: InvalidKeyPair.NotFound for a named
// key or id that does not exist; unknown filter.
Result<std::vector<KeyPair>> DescribeKeyPairs(Ec2& ec2, const Caller& caller,
                                              const DescribeKeyPairsRequest& request);
// Deletes by id, or else by name; deleting a key that does not exist succeeds, as on AWS, and commits
// nothing. Returns the deleted key's id, or empty. Errors: MissingParameter (neither given).
Result<std::string> DeleteKeyPair(Ec2& ec2, const Caller& caller, const std::string& key_name,
                                  const std::string& key_pair_id);

// ---- Security groups (security_groups.cpp, security_group_rules.cpp, security_group_describe.cpp) ----
// Rules are kept one per peer, as AWS keeps them (sgr-…); the IpPermissions view is the api layer's.

struct CreateSecurityGroupRequest {
  std::string group_name;
  std::string description;
  std::string vpc_id;  // empty: the default VPC
  std::vector<TagSpecification> tag_specifications;
};
struct GroupRef {
  std::string group_id;    // one of the two names the group
  std::string group_name;  // by name: looked up in the default VPC, as AWS does
};
// The permission the client asked for, before it is split into one rule per peer.
struct Permission {
  std::string ip_protocol;
  std::optional<int> from_port;
  std::optional<int> to_port;
  struct Peer {
    std::string cidr_ipv4, cidr_ipv6, prefix_list_id, group_id, group_name, user_id, description;
  };
  std::vector<Peer> peers;
};
struct ChangeRulesRequest {
  GroupRef group;
  bool egress = false;
  std::vector<Permission> permissions;
  std::vector<std::string> rule_ids;                 // Revoke only: SecurityGroupRuleIds
  std::vector<TagSpecification> tag_specifications;  // Authorize only: for the new rules
};
struct DescribeSecurityGroupsRequest {
  std::vector<std::string> group_ids;
  std::vector<std::string> group_names;
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeSecurityGroupRulesRequest {
  std::vector<std::string> rule_ids;
  std::vector<Filter> filters;  // group-id, security-group-rule-id, tag:, tag-key, tag-value
  PageRequest page;
};
struct RuleView {
  SecurityGroupRule rule;
  std::string group_id;
  std::string owner_id;
};

// The caller's group `ref` names: by id, or by name in the default VPC. Errors: InvalidGroupId.Malformed,
// InvalidGroup.NotFound, MissingParameter (neither given).
Result<const SecurityGroup*> FindGroup(const View& view, const GroupRef& ref);
// The caller's group that holds the rule `rule_id` (sgr-…). Errors: InvalidSecurityGroupRuleId.NotFound.
Result<const SecurityGroup*> FindRuleGroup(const View& view, const std::string& rule_id);
// InvalidSecurityGroupRuleId.NotFound for `rule_id`.
Error RuleIdNotFound(const std::string& rule_id);

// Errors: InvalidGroup.Duplicate, InvalidGroup.Reserved, InvalidParameterValue, InvalidVpcID.Malformed,
// InvalidVpcID.NotFound, tag errors. New groups allow all egress, as on AWS.
Result<SecurityGroup> CreateSecurityGroup(Ec2& ec2, const Caller& caller,
                                          const CreateSecurityGroupRequest& request);
// Errors: InvalidGroup.NotFound, InvalidGroupId.Malformed, CannotDelete (the default group),
// DependencyViolation (referenced by another group's rule, or used by an instance not terminated).
Status DeleteSecurityGroup(Ec2& ec2, const Caller& caller, const GroupRef& group);
// Adds one rule per peer, tagged with the request's tags; returns the new rules. Errors:
// MissingParameter (no permissions), InvalidGroup.NotFound, InvalidPermission.Duplicate,
// InvalidParameterValue for bad protocols, ports, CIDRs or peers, tag errors.
Result<std::vector<RuleView>> AuthorizeSecurityGroupRules(Ec2& ec2, const Caller& caller,
                                                          const ChangeRulesRequest& request);
// Removes the rules matching the permissions and the rule ids; returns the removed rules. Errors:
// MissingParameter, InvalidGroup.NotFound, InvalidPermission.NotFound,
// InvalidSecurityGroupRuleId.Malformed/NotFound.
Result<std::vector<RuleView>> RevokeSecurityGroupRules(Ec2& ec2, const Caller& caller,
                                                       const ChangeRulesRequest& request);
// The groups named by id or name (all when none), filtered, paginated in id order. Errors: pagination
// errors, InvalidParameterCombination (names or ids with MaxResults), unknown filter, FindGroup's.
Result<Page<SecurityGroup>> DescribeSecurityGroups(Ec2& ec2, const Caller& caller,
                                                   const DescribeSecurityGroupsRequest& request);
// The rules of every group, by rule id (all when none), filtered, paginated in rule id order. Errors:
// pagination errors, InvalidSecurityGroupRuleId.Malformed/NotFound, unknown filter.
Result<Page<RuleView>> DescribeSecurityGroupRules(Ec2& ec2, const Caller& caller,
                                                  const DescribeSecurityGroupRulesRequest& request);

}  // namespace localec2::model
