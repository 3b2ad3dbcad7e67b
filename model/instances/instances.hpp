// The instances family: launch, describe, lifecycle, attributes and IAM instance profile associations.
// Each call runs in the Ec2 engine (core/tx.hpp) for the caller's account and region; a mutating call
// changes nothing when it answers an error.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/catalogs/instance_types.hpp"
#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"
#include "model/ebs/block_device_mapping.hpp"
#include "model/instances/launch_options.hpp"

namespace localec2::model {

class View;

// ---- Launch, describe, lifecycle and attributes ----
// (launch.cpp, describe_instances.cpp, lifecycle.cpp, instance_attributes.cpp)

// RunInstances' LaunchTemplate: the template version whose data fills the members the call did not give.
struct LaunchTemplateSpec {
  std::string id;  // one of id and name
  std::string name;
  std::string version;                    // empty: $Default
  std::vector<std::string> call_members;  // the RunInstances members the call gave: they override the data
};

// One entry of RunInstances' NetworkInterfaces: a new interface the launch makes in a subnet, or an existing
// one (network_interface_id) it attaches.
struct LaunchInterface {
  int device_index = 0;
  std::string network_interface_id;
  std::string subnet_id;
  std::vector<std::string> group_ids;
  std::string description;
  std::string private_ip;                          // PrivateIpAddress, or the primary of PrivateIpAddresses
  std::vector<std::string> secondary_private_ips;  // the others of PrivateIpAddresses
  int secondary_private_ip_count = 0;              // SecondaryPrivateIpAddressCount
  std::optional<bool> associate_public_ip;         // AssociatePublicIpAddress
  std::optional<bool> delete_on_termination;       // default: true for a new interface, false for an existing
};
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
  std::optional<LaunchTemplateSpec> launch_template;
  std::string private_ip;                           // PrivateIpAddress: the primary interface's address
  std::vector<LaunchInterface> network_interfaces;  // empty: one interface in subnet_id with the groups
  // Hibernation, CPU, credits, maintenance, DNS names, placement… (launch_options.hpp).
  LaunchOptions options;
};
using GroupNames = std::vector<std::pair<std::string, std::string>>;  // id, name
// An interface as an instance shows it, with its groups' names.
struct InstanceInterfaceView {
  NetworkInterface eni;
  GroupNames groups;
  std::string private_dns_name;
  std::string public_dns_name;  // empty without a public address
};
// An instance as Describe* shows it: its current (settled) state, its groups' names and its interfaces
// (the primary first).
struct InstanceView {
  Instance instance;  // `state` is the current state
  GroupNames groups;
  std::string private_dns_name;
  std::vector<InstanceInterfaceView> interfaces;
  std::string public_ip;  // the primary interface's public address, if any
  std::string public_dns_name;
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

// Launches MinCount..MaxCount instances from an image; the answer shows them pending. Errors:
// InvalidParameterValue (counts, user data, shutdown behaviour, architecture, IAM profile, zone),
// InvalidAMIID.Malformed/NotFound/Unavailable, OptInRequired (a Marketplace image before the account
// subscribed to its product), InvalidKeyPair.NotFound (key pairs are per region),
// InvalidSubnetID.*, InvalidParameterCombination (zone and subnet disagree), InvalidGroup.NotFound,
// InvalidGroupId.Malformed, InvalidSnapshot.*, InvalidBlockDeviceMapping, InsufficientFreeAddressesInSubnet,
// tag errors, the launch template's errors (launch_templates.hpp). Records the instances, one volume per EBS
// device, the subnet's used addresses and (for the caller's own image) its last launch time. The same
// ClientToken answers the first reservation again and records nothing.
// tag errors, and those of CheckLaunchOptions. Records the instances, one volume per EBS device, the subnet's
// used addresses and (for the caller's own image) its last launch time. The same ClientToken answers the
// first reservation again and records nothing.
Result<Reservation> RunInstances(Ec2& ec2, const Caller& caller, const RunInstancesRequest& request);
// Reservations of the visible instances named (all when none), filtered, paginated by instance.
// Errors: InvalidInstanceID.Malformed/NotFound, unknown filter, pagination errors.
Result<Page<Reservation>> DescribeInstances(Ec2& ec2, const Caller& caller,
                                            const DescribeInstancesRequest& request);
// The lifecycle calls, all or nothing: one StateChange per instance named, previous and new state (an
// instance already on its way answers its current state twice and is not changed). Errors:
// InvalidInstanceID.*, IncorrectInstanceState.
// Start: a stopped instance becomes pending.
Result<std::vector<StateChange>> StartInstances(Ec2& ec2, const Caller& caller,
                                                const std::vector<std::string>& ids);
// Stop: a running instance becomes stopping. Also UnsupportedOperation (instance-store root),
// UnsupportedHibernationConfiguration (`hibernate`), OperationNotPermitted (disableApiStop).
Result<std::vector<StateChange>> StopInstances(Ec2& ec2, const Caller& caller,
                                               const std::vector<std::string>& ids, bool hibernate);
// Terminate: the instance becomes shutting-down and keeps no block devices; its DeleteOnTermination
// volumes are deleted, the others detached. Also OperationNotPermitted (disableApiTermination).
Result<std::vector<StateChange>> TerminateInstances(Ec2& ec2, const Caller& caller,
                                                    const std::vector<std::string>& ids);
// Checks that every instance is pending or running; a reboot records nothing.
Status RebootInstances(Ec2& ec2, const Caller& caller, const std::vector<std::string>& ids);
// The instance (current state) for DescribeInstanceAttribute and the like. Errors: InvalidInstanceID.*.
Result<InstanceView> DescribeInstance(Ec2& ec2, const Caller& caller, const std::string& instance_id);
// Changes the attributes given; userData and instanceType only while stopped. Errors: InvalidInstanceID.*,
// IncorrectInstanceState, InvalidParameterValue (user data, architecture, shutdown behaviour, no groups,
// unmapped device), InvalidGroupId.Malformed, InvalidGroup.NotFound. Records the instance and the
// volumes whose DeleteOnTermination changed.
Status ModifyInstanceAttribute(Ec2& ec2, const Caller& caller, const ModifyInstanceAttributeRequest& request);

// Resets `attribute` to its default: sourceDestCheck becomes true; kernel and ramdisk, which HVM
// instances do not have, only require the instance to be stopped. Errors: InvalidParameterValue (any other
// attribute), InvalidInstanceID.*, IncorrectInstanceState.
Status ResetInstanceAttribute(Ec2& ec2, const Caller& caller, const std::string& instance_id,
                              const std::string& attribute);

// ---- What an instance reports about itself (instance_reports.cpp) ----

struct DescribeInstanceStatusRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;
  PageRequest page;
  bool include_all_instances = false;  // false: running instances only, as AWS answers by default
};
struct InstanceStatus {
  std::string instance_id;
  std::string availability_zone;
  std::string state;       // current
  bool reachable = false;  // running: the instance and system reachability checks pass; else none apply
  std::string checks;      // sandbox mode: initializing | ok | impaired (InstanceRuntimeView); else empty
};
struct ConsoleOutput {
  std::string instance_id;
  std::optional<std::int64_t> timestamp_ms;  // absent while pending: nothing is written yet
  std::string text;                          // the boot log, plain (empty while pending)
};

// The status checks of the visible instances named (all when none), filtered, paginated, as
// DescribeInstances selects them. Errors: those of DescribeInstances.
Result<Page<InstanceStatus>> DescribeInstanceStatus(Ec2& ec2, const Caller& caller,
                                                    const DescribeInstanceStatusRequest& request);
// A plausible boot log: enough for tools that look for the host name and cloud-init's last line.
// Errors: InvalidInstanceID.*.
Result<ConsoleOutput> GetConsoleOutput(Ec2& ec2, const Caller& caller, const std::string& instance_id);

// ---- Lookups shared with the families that act on instances (images, ebs; describe_instances.cpp) ----

// The visible instances `ids` names, in that order. Errors: InvalidInstanceID.Malformed,
// InvalidInstanceID.NotFound (naming every missing id).
Result<std::vector<const Instance*>> FindInstances(const View& view, const std::vector<std::string>& ids);
// `instance` as Describe* shows it: its current state and its groups' names.
// `fresh`: the instance's interfaces when the partition does not list them yet (the launch's answer).
InstanceView ViewOf(const View& view, const Instance& instance, std::span<const NetworkInterface> fresh = {});
// The instance's CpuOptions: those it launched with, else its type's vCPUs (2 for a type outside the
// catalog) as cores and threads.
CpuLayout CpuLayoutOf(const Instance& instance);

// ---- IAM instance profile associations (iam_associations.cpp) ----
// There is no IAM service: a profile is taken as given, by ARN or by name in the caller's account.

struct IamAssociation {
  std::string association_id;  // iip-assoc-…
  std::string instance_id;
  std::string profile_arn;
  std::string profile_id;
  std::string state;              // associating | associated | disassociating
  std::int64_t timestamp_ms = 0;  // as AWS shows it: the time of the answer
};
struct ProfileRef {
  std::string arn;  // one of the two names the profile
  std::string name;
};
struct DescribeIamAssociationsRequest {
  std::vector<std::string> association_ids;
  std::vector<Filter> filters;  // instance-id, state
  PageRequest page;
};

struct ResolvedProfile {
  std::string arn;
  std::string id;  // AIPA…, derived from the ARN (there is no IAM service to ask)
};
// The instance profile an IamInstanceProfile parameter names, by ARN or by name in `account_id`.
// Errors: InvalidParameterValue for an ARN that is not an instance-profile ARN, or neither given.
Result<ResolvedProfile> ResolveProfile(const std::string& account_id, const ProfileRef& profile);

// Errors: InvalidInstanceID.*, IncorrectState (the instance already has one), InvalidParameterValue.
Result<IamAssociation> AssociateIamInstanceProfile(Ec2& ec2, const Caller& caller,
                                                   const std::string& instance_id, const ProfileRef& profile);
// The visible instances' associations, by id. Errors: InvalidAssociationID.NotFound, filter and page errors.
Result<Page<IamAssociation>> DescribeIamInstanceProfileAssociations(
    Ec2& ec2, const Caller& caller, const DescribeIamAssociationsRequest& request);
// Errors: InvalidAssociationID.NotFound, InvalidParameterValue.
Result<IamAssociation> ReplaceIamInstanceProfileAssociation(Ec2& ec2, const Caller& caller,
                                                            const std::string& association_id,
                                                            const ProfileRef& profile);
// Errors: InvalidAssociationID.NotFound.
Result<IamAssociation> DisassociateIamInstanceProfile(Ec2& ec2, const Caller& caller,
                                                      const std::string& association_id);

}  // namespace localec2::model
