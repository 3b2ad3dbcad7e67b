// The engine behind every family's calls: one lock, the per account/region partitions, and
// check-commit-apply. A family's call runs as Ec2::Write (a Tx) or Ec2::Read (a View), see tx.hpp: a
// mutating call checks every rule first, commits one ChangeSet through the Store, and only then changes
// memory; any error leaves state untouched. Reads never touch the Store. Thread-safe; calls are
// microseconds, so one lock serves.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/caller.hpp"
#include "model/core/clock.hpp"
#include "model/core/filter.hpp"
#include "model/core/ids.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/store.hpp"
#include "model/core/tagging.hpp"
#include "model/ebs/block_device_mapping.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/security/key_material.hpp"

namespace localec2::model {

// ---- Key pairs ----
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

// ---- Security groups ----
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

// ---- VPCs, subnets, account ----
struct DescribeVpcsRequest {
  std::vector<std::string> vpc_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeSubnetsRequest {
  std::vector<std::string> subnet_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct AccountAttribute {
  std::string name;
  std::vector<std::string> values;
};

// ---- Tags ----
struct TagDescription {
  std::string resource_id;
  std::string resource_type;
  std::string key;
  std::string value;
};
struct DescribeTagsRequest {
  std::vector<Filter> filters;  // key, value, resource-id, resource-type
  PageRequest page;
};

// ---- Instances ----
struct RunInstancesRequest {
  std::string image_id;
  long long min_count = 1;
  long long max_count = 1;
  std::string instance_type;  // empty: m1.small, AWS's default
  std::string key_name;
  std::vector<std::string> group_ids;
  std::vector<std::string> group_names;
  std::string subnet_id;
  std::string availability_zone;
  std::string user_data;  // base64
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::string iam_profile_arn;
  std::string iam_profile_name;
  std::vector<TagSpecification> tag_specifications;
  std::string client_token;
  bool ebs_optimized = false;
  bool monitoring = false;
  bool disable_api_termination = false;
  bool disable_api_stop = false;
  std::string shutdown_behavior = "stop";
  std::string http_tokens;
  std::string http_endpoint;
  std::optional<int> http_put_response_hop_limit;
};
// An instance as Describe* shows it: its current (settled) state and its groups' names.
struct InstanceView {
  Instance instance;                                        // `state` is the current state
  std::vector<std::pair<std::string, std::string>> groups;  // id, name
  std::string private_dns_name;
};
struct Reservation {
  std::string reservation_id;
  std::string owner_id;
  std::vector<InstanceView> instances;
};
struct DescribeInstancesRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct StateChange {
  std::string instance_id;
  std::string previous_state;
  std::string current_state;
};
struct ModifyInstanceAttributeRequest {
  std::string instance_id;
  std::optional<std::string> user_data;  // base64
  std::optional<std::string> instance_type;
  std::optional<bool> disable_api_termination;
  std::optional<bool> disable_api_stop;
  std::optional<std::string> shutdown_behavior;
  std::optional<bool> ebs_optimized;
  std::optional<bool> source_dest_check;
  std::optional<std::vector<std::string>> group_ids;
  std::vector<std::pair<std::string, bool>> delete_on_termination;  // device name, flag
};

struct Partition;
class View;
class Tx;

class Ec2 {
 public:
  Ec2(Store& store, const Clock& clock, IdSource& ids, KeySource& keys);
  ~Ec2();

  // Loads durable records at start-up (before any call), over the derived defaults.
  void Restore(std::vector<Record> records);
  // Test-suite reset: forgets every resource (of one account, when given).
  Status Reset(const std::optional<std::string>& account_id);
  // Replaces the public image catalog (at start-up, before any call).
  void SetCatalog(std::vector<CatalogEntry> entries);
  void SetLifecycleTiming(const LifecycleTiming& timing);
  const Clock& clock() const { return clock_; }

  // Runs `work(tx)` (returning a Result) under the lock for `caller`'s partition, then commits what the
  // Tx put and erased as one ChangeSet and applies it. An error from `work` or the Store changes nothing.
  template <class Work>
  auto Write(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, Tx&>;
  // Runs `work(view)` under the lock for `caller`'s partition and returns what it returns.
  template <class Work>
  auto Read(const Caller& caller, Work&& work) -> std::invoke_result_t<Work&, const View&>;

  // Creates a key pair with new key material. Errors: InvalidKeyPair.Duplicate, InvalidParameterValue
  // (name, type, format, tags), TagLimitExceeded.
  Result<CreatedKeyPair> CreateKeyPair(const Caller& caller, const CreateKeyPairRequest& request);
  // Imports an OpenSSH public key. Errors: InvalidKeyPair.Duplicate, InvalidKey.Format, tag errors.
  Result<KeyPair> ImportKeyPair(const Caller& caller, const ImportKeyPairRequest& request);
  // Errors: InvalidKeyPair.NotFound for a named key or id that does not exist; unknown filter.
  Result<std::vector<KeyPair>> DescribeKeyPairs(const Caller& caller, const DescribeKeyPairsRequest& request);
  // Deletes by name or id; deleting a key that does not exist succeeds, as on AWS. Returns the
  // deleted key's id, or empty.
  Result<std::string> DeleteKeyPair(const Caller& caller, const std::string& key_name,
                                    const std::string& key_pair_id);

  // Errors: InvalidGroup.Duplicate, InvalidGroup.Reserved, InvalidParameterValue, InvalidVpcID.NotFound.
  // New groups allow all egress, as on AWS.
  Result<SecurityGroup> CreateSecurityGroup(const Caller& caller, const CreateSecurityGroupRequest& request);
  // Errors: InvalidGroup.NotFound, InvalidGroupId.Malformed, CannotDelete (the default group),
  // DependencyViolation (referenced by another group's rule, or in use).
  Status DeleteSecurityGroup(const Caller& caller, const GroupRef& group);
  // Adds one rule per peer. Errors: InvalidGroup.NotFound, InvalidPermission.Duplicate,
  // InvalidParameterValue / InvalidPermission.Malformed for bad protocols, ports or CIDRs.
  Result<std::vector<RuleView>> AuthorizeSecurityGroupRules(const Caller& caller,
                                                            const ChangeRulesRequest& request);
  // Removes the rules matching the permissions (or the rule ids). Errors: InvalidGroup.NotFound,
  // InvalidPermission.NotFound, InvalidSecurityGroupRuleId.NotFound.
  Result<std::vector<RuleView>> RevokeSecurityGroupRules(const Caller& caller,
                                                         const ChangeRulesRequest& request);
  Result<Page<SecurityGroup>> DescribeSecurityGroups(const Caller& caller,
                                                     const DescribeSecurityGroupsRequest& request);
  Result<Page<RuleView>> DescribeSecurityGroupRules(const Caller& caller,
                                                    const DescribeSecurityGroupRulesRequest& request);

  Result<Page<Vpc>> DescribeVpcs(const Caller& caller, const DescribeVpcsRequest& request);
  Result<Page<Subnet>> DescribeSubnets(const Caller& caller, const DescribeSubnetsRequest& request);
  std::vector<AccountAttribute> DescribeAccountAttributes(const Caller& caller,
                                                          const std::vector<std::string>& names);

  // Adds or overwrites tags on each resource. Errors: InvalidID (unknown id shape), the resource
  // type's NotFound, InvalidParameterValue, TagLimitExceeded. All or nothing.
  Status CreateTags(const Caller& caller, const std::vector<std::string>& resource_ids, const Tags& tags);
  Status DeleteTags(const Caller& caller, const std::vector<std::string>& resource_ids,
                    const std::vector<std::pair<std::string, std::optional<std::string>>>& tags);
  Result<Page<TagDescription>> DescribeTags(const Caller& caller, const DescribeTagsRequest& request);

  // Launches MinCount..MaxCount instances from an image. Errors: InvalidAMIID.Malformed/NotFound,
  // InvalidKeyPair.NotFound (key pairs are per region), InvalidGroup.NotFound, InvalidSubnetID.*,
  // InvalidParameterValue (counts, architecture, user data, IAM profile, zone), InvalidBlockDeviceMapping,
  // InsufficientFreeAddressesInSubnet. The same ClientToken answers the first reservation again.
  Result<Reservation> RunInstances(const Caller& caller, const RunInstancesRequest& request);
  // Reservations of the visible instances named (all when none), filtered, paginated by instance.
  // Errors: InvalidInstanceID.Malformed/NotFound, unknown filter, pagination errors.
  Result<Page<Reservation>> DescribeInstances(const Caller& caller, const DescribeInstancesRequest& request);
  // Lifecycle calls, all or nothing. Errors: InvalidInstanceID.*, IncorrectInstanceState,
  // UnsupportedOperation (stopping an instance-store instance), OperationNotPermitted (protection).
  Result<std::vector<StateChange>> StartInstances(const Caller& caller, const std::vector<std::string>& ids);
  Result<std::vector<StateChange>> StopInstances(const Caller& caller, const std::vector<std::string>& ids,
                                                 bool hibernate);
  Result<std::vector<StateChange>> TerminateInstances(const Caller& caller,
                                                      const std::vector<std::string>& ids);
  Status RebootInstances(const Caller& caller, const std::vector<std::string>& ids);
  // The instance (current state) for DescribeInstanceAttribute. Errors: InvalidInstanceID.*.
  Result<InstanceView> DescribeInstance(const Caller& caller, const std::string& instance_id);
  // userData and instanceType change only while stopped (IncorrectInstanceState otherwise).
  Status ModifyInstanceAttribute(const Caller& caller, const ModifyInstanceAttributeRequest& request);

 private:
  friend class View;
  friend class Tx;
  Partition& PartitionFor(const Caller& caller);
  // A View for the members not yet moved to their family's free functions (lock held).
  View ViewFor(const Caller& caller);
  Status CommitAndApply(ChangeSet change);
  InstanceView ViewOf(const Partition& p, const Instance& instance);
  // One lifecycle call: `step` gets each instance named and its current state and returns the record to
  // store (nullopt: no change) or an error that refuses the whole call. All or nothing.
  using TransitionStep = std::function<Result<std::optional<Instance>>(
      const Instance& instance, const std::string& current, std::int64_t now_ms)>;
  Result<std::vector<StateChange>> ApplyTransitions(const Caller& caller, const std::vector<std::string>& ids,
                                                    const TransitionStep& step);
  // The instances `ids` names, or InvalidInstanceID.Malformed/NotFound.
  Result<std::vector<const Instance*>> FindInstances(const Partition& p, const std::vector<std::string>& ids);
  void Apply(const ChangeSet& change);
  // Lookups across accounts (ebs_access.cpp). An image or snapshot the caller may use in `region`: its
  // own, one shared with it, a public one, or (images) the catalog's. Tombstones are not returned.
  const Image* VisibleImage(const Caller& caller, std::string_view region, const std::string& image_id);
  const Snapshot* VisibleSnapshot(const Caller& caller, std::string_view region, const std::string& id);
  // The image the caller may launch, or InvalidAMIID.Malformed/NotFound/Unavailable.
  Result<const Image*> LaunchableImage(const Caller& caller, const std::string& image_id);
  // The caller's own image for an owner-only call: InvalidAMIID.Malformed/NotFound (not visible),
  // AuthFailure (visible, not owned).
  Result<Image> OwnImage(const Caller& caller, const std::string& image_id);

  mutable std::mutex mutex_;
  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  KeySource& keys_;
  LifecycleTiming timing_;
  std::unordered_map<std::string, std::unique_ptr<Partition>> partitions_;  // key: account/region
  ImageCatalog catalog_;
};

}  // namespace localec2::model
