// RunInstances: instances from an image, placed in a subnet, with one EBS volume per block device. The
// launch checks the request alone, then resolves a plan step by step (image, key pair, placement, groups,
// block devices, volume shapes, profile, free addresses: the order its errors are reported in), then
// records the plan.
#include <algorithm>
#include <cstdio>

#include "model/core/tx.hpp"
#include "model/images/image_access.hpp"
#include "model/instances/instance_rules.hpp"
#include "model/instances/instances.hpp"
#include "model/instances/launch_volumes.hpp"
#include "model/launch_templates/launch_templates.hpp"
#include "model/marketplace/marketplace.hpp"
#include "model/network/addressing.hpp"

namespace localec2::model {
namespace {

// What a launch resolved from the request and the state, before it records anything.
struct LaunchPlan {
  std::string instance_type;
  const Image* image = nullptr;
  const Subnet* subnet = nullptr;
  std::vector<std::string> group_ids;
  std::vector<LaunchVolume> volumes;
  ResolvedProfile profile;  // empty: none
  long long count = 0;      // how many instances: as many as asked, as far as the subnet has addresses
};

struct LaunchTags {
  Tags instance;
  Tags volume;
};

// ---- Checks on the request alone ----

// Errors: InvalidParameterValue (counts, user data, shutdown behaviour), InvalidAMIID.Malformed.
Status CheckLaunchRequest(const RunInstancesRequest& request) {
  if (request.min_count < 1) {
    return MakeError(codes::kInvalidParameterValue,
                     "The minimum number of instances to launch must be at least 1.");
  }
  if (request.max_count < request.min_count) {
    return MakeError(codes::kInvalidParameterValue,
                     "The maximum number of instances to launch must not be less than the minimum.");
  }
  if (request.max_count > 1000) {
    return MakeError(codes::kInvalidParameterValue, "At most 1000 instances can be launched in one request.");
  }
  if (!IsWellFormedId("ami", request.image_id) && !request.image_id.starts_with("resolve:ssm:"))
    return MalformedId(codes::kAmiIdMalformed, request.image_id, "ami");
  if (auto encoded = CheckUserData(request.user_data); !encoded) return encoded;
  if (request.user_data.size() / 4 * 3 > 16384) {
    return MakeError(codes::kInvalidParameterValue, "User data is limited to 16384 bytes");
  }
  return CheckShutdownBehavior(request.shutdown_behavior);
}

// The tags the request gives its instances and its volumes. Errors: tag errors.
Result<LaunchTags> LaunchTagsOf(const std::vector<TagSpecification>& specs) {
  const std::vector<std::string_view> taggable = {"instance", "volume", "network-interface"};
  auto instance_tags = TagsFor(specs, "instance", taggable);
  if (!instance_tags) return std::move(instance_tags).error();
  auto volume_tags = TagsFor(specs, "volume", taggable);
  if (!volume_tags) return std::move(volume_tags).error();
  return LaunchTags{std::move(*instance_tags), std::move(*volume_tags)};
}

// The reservation an earlier launch with `client_token` made, as a retry answers it; nullopt when none
// (or no token).
std::optional<Reservation> EarlierLaunch(const View& view, const std::string& client_token) {
  if (client_token.empty()) return std::nullopt;
  const Partition& p = view.partition();
  for (const auto& [id, instance] : p.instances) {
    if (instance.client_token != client_token) continue;
    Reservation again{instance.reservation_id, instance.owner_id, {}};
    for (const auto& [other_id, other] : p.instances) {
      if (other.reservation_id == instance.reservation_id) again.instances.push_back(ViewOf(view, other));
    }
    return again;
  }
  return std::nullopt;
}

// ---- The plan's steps ----

// The image to launch, whose architecture `instance_type` must run. Errors: InvalidAMIID.*,
// InvalidParameterValue.
Result<const Image*> ResolveImage(const View& view, const std::string& image_id,
                                  const std::string& instance_type) {
  auto image = LaunchableImage(view, image_id);
  if (!image) return image;
  const std::string architecture = ArchitectureOf(instance_type);
  if (architecture != (*image)->architecture) {
    return MakeError(codes::kInvalidParameterValue,
                     "The architecture '" + architecture +
                         "' of the specified instance type does not match the "
                         "architecture '" +
                         (*image)->architecture +
                         "' of the specified AMI. Specify an instance type "
                         "and an AMI that have matching architectures, and try again.");
  }
  return image;
}

// Errors: InvalidKeyPair.NotFound unless `key_name` is empty or names a key pair of the partition.
Status ResolveKeyPair(const Partition& p, const std::string& key_name) {
  if (key_name.empty()) return Ok{};
  bool exists = std::any_of(p.key_pairs.begin(), p.key_pairs.end(),
                            [&](const auto& entry) { return entry.second.key_name == key_name; });
  if (!exists) return MakeError(codes::kKeyPairNotFound, "The key pair '" + key_name + "' does not exist");
  return Ok{};
}

// The subnet named, else the default subnet of the zone named, else the default subnet with the most
// free addresses. Errors: InvalidSubnetID.*, InvalidParameterCombination, InvalidParameterValue (zone).
Result<const Subnet*> ResolvePlacement(const View& view, const std::string& subnet_id,
                                       const std::string& zone) {
  if (!subnet_id.empty()) {
    auto subnet = view.Find<Subnet>(subnet_id);
    if (subnet && !zone.empty() && zone != (*subnet)->availability_zone) {
      return MakeError(codes::kInvalidParameterCombination,
                       "The specified availability zone does not match the availability zone of the subnet.");
    }
    return subnet;
  }
  const Subnet* best = nullptr;
  for (const auto& [id, candidate] : view.partition().subnets) {
    if (!candidate.default_for_az || (!zone.empty() && candidate.availability_zone != zone)) continue;
    if (best == nullptr || candidate.available_ip_address_count > best->available_ip_address_count) {
      best = &candidate;
    }
  }
  if (best == nullptr)
    return MakeError(codes::kInvalidParameterValue, "Invalid availability zone: [" + zone + "]");
  return best;
}

// The groups named by id, then by name, in the subnet's VPC; its default group when none are named.
// Errors: InvalidGroupId.Malformed, InvalidGroup.NotFound.
Result<std::vector<std::string>> ResolveGroups(const View& view, const RunInstancesRequest& request,
                                               const Subnet& subnet) {
  const Partition& p = view.partition();
  std::vector<std::string> group_ids;
  for (const std::string& id : request.group_ids) {
    auto group = view.Find<SecurityGroup>(id);
    if (!group) return std::move(group).error();
    if ((*group)->vpc_id != subnet.vpc_id) return ResourceTraits<SecurityGroup>::NotFound(id);
    group_ids.push_back(id);
  }
  for (const std::string& name : request.group_names) {
    auto it = std::find_if(p.groups.begin(), p.groups.end(), [&](const auto& entry) {
      return entry.second.vpc_id == subnet.vpc_id && entry.second.group_name == name;
    });
    if (it == p.groups.end()) {
      return MakeError(codes::kGroupNotFound,
                       "The security group '" + name + "' does not exist in VPC '" + subnet.vpc_id + "'");
    }
    group_ids.push_back(it->first);
  }
  if (group_ids.empty()) {
    for (const auto& [id, group] : p.groups) {
      if (group.vpc_id == subnet.vpc_id && group.group_name == "default") group_ids.push_back(id);
    }
  }
  return group_ids;
}

// The instance profile the request names, or none. Errors: InvalidParameterValue.
Result<ResolvedProfile> LaunchProfile(const Caller& caller, const RunInstancesRequest& request) {
  if (request.iam_profile_arn.empty() && request.iam_profile_name.empty()) return ResolvedProfile{};
  return ResolveProfile(caller.account_id, {request.iam_profile_arn, request.iam_profile_name});
}

// MaxCount, or as many as `subnet` has addresses for. Errors: InsufficientFreeAddressesInSubnet below
// MinCount.
Result<long long> LaunchCount(const RunInstancesRequest& request, const Subnet& subnet) {
  long long launchable = std::min<long long>(request.max_count, subnet.available_ip_address_count);
  if (launchable < request.min_count) {
    return MakeError(codes::kInsufficientFreeAddresses,
                     "There are not enough free addresses in subnet '" + subnet.subnet_id +
                         "' to satisfy the requested number of instances.");
  }
  return launchable;
}

// Every step of the plan, in the order AWS checks them; the first error refuses the launch.
Result<LaunchPlan> PlanLaunch(const View& view, const RunInstancesRequest& request) {
  LaunchPlan plan;
  plan.instance_type = request.instance_type.empty() ? "m1.small" : request.instance_type;
  auto image = ResolveImage(view, request.image_id, plan.instance_type);
  if (!image) return std::move(image).error();
  plan.image = *image;
  if (auto subscribed = CheckMarketplaceSubscription(view, **image); !subscribed)
    return std::move(subscribed).error();
  if (auto options = CheckLaunchOptions(view, request.options, plan.instance_type, *plan.image); !options)
    return std::move(options).error();
  if (auto key = ResolveKeyPair(view.partition(), request.key_name); !key) return std::move(key).error();
  auto subnet = ResolvePlacement(view, request.subnet_id, request.availability_zone);
  if (!subnet) return std::move(subnet).error();
  plan.subnet = *subnet;
  auto groups = ResolveGroups(view, request, *plan.subnet);
  if (!groups) return std::move(groups).error();
  plan.group_ids = std::move(*groups);
  auto volumes = MergeBlockDevices(view, *plan.image, request.block_device_mappings);
  if (!volumes) return std::move(volumes).error();
  plan.volumes = std::move(*volumes);
  if (auto shaped = ShapeVolumes(plan.volumes); !shaped) return std::move(shaped).error();
  if (auto root = CheckHibernationRoot(request.options, plan.instance_type, *plan.image, plan.volumes); !root)
    return std::move(root).error();
  auto profile = LaunchProfile(view.caller(), request);
  if (!profile) return std::move(profile).error();
  plan.profile = std::move(*profile);
  auto count = LaunchCount(request, *plan.subnet);
  if (!count) return std::move(count).error();
  plan.count = *count;
  return plan;
}

// ---- Recording the plan ----

// Instance number `index` of the launch, at the next free address of `subnet`.
Instance NewInstance(Tx& tx, const RunInstancesRequest& request, const LaunchPlan& plan,
                     const std::string& reservation_id, const Subnet& subnet,
                     PrivateAddressAllocator& addresses, long long index) {
  const Image& image = *plan.image;
  Instance instance;
  instance.instance_id = tx.NewId("i");
  instance.reservation_id = reservation_id;
  instance.owner_id = tx.caller().account_id;
  instance.image_id = image.image_id;
  instance.instance_type = plan.instance_type;
  instance.key_name = request.key_name;
  instance.group_ids = plan.group_ids;
  instance.subnet_id = subnet.subnet_id;
  instance.vpc_id = subnet.vpc_id;
  instance.availability_zone = subnet.availability_zone;
  instance.private_ip = addresses.Next().value_or("");
  instance.user_data = request.user_data;
  instance.iam_profile_arn = plan.profile.arn;
  instance.iam_profile_id = plan.profile.id;
  if (!plan.profile.arn.empty()) instance.iam_association_id = tx.NewId("iip-assoc");
  instance.architecture = image.architecture;
  instance.platform = image.platform;
  instance.platform_details = image.platform_details;
  instance.root_device_type = image.root_device_type;
  instance.root_device_name = image.root_device_name;
  instance.boot_mode = image.boot_mode;
  instance.ebs_optimized = request.ebs_optimized;
  instance.monitoring = request.monitoring;
  instance.disable_api_termination = request.disable_api_termination;
  instance.disable_api_stop = request.disable_api_stop;
  instance.shutdown_behavior = request.shutdown_behavior;
  if (!request.http_tokens.empty()) instance.http_tokens = request.http_tokens;
  if (!request.http_endpoint.empty()) instance.http_endpoint = request.http_endpoint;
  if (request.http_put_response_hop_limit)
    instance.http_put_response_hop_limit = *request.http_put_response_hop_limit;
  ApplyLaunchOptions(tx, request.options, index, instance);
  instance.client_token = request.client_token;
  instance.ami_launch_index = static_cast<int>(index);
  instance.launch_time_ms = tx.now();
  instance.state = states::kPending;
  instance.state_since_ms = tx.now();
  return instance;
}

// Records the plan's instances with their volumes, the addresses they take from the subnet and, for the
// caller's own image, its last launch time; answers the reservation, every instance pending.
Reservation RecordLaunch(Tx& tx, const RunInstancesRequest& request, const LaunchPlan& plan,
                         const LaunchTags& tags) {
  Reservation reservation{tx.NewId("r"), tx.caller().account_id, {}};
  PrivateAddressAllocator addresses(tx.partition(), *plan.subnet);
  for (long long i = 0; i < plan.count; ++i) {
    Instance instance =
        NewInstance(tx, request, plan, reservation.reservation_id, *plan.subnet, addresses, i);
    RecordVolumes(tx, plan.volumes, plan.subnet->availability_zone, tags.volume, instance);
    instance.tags = tags.instance;
    reservation.instances.push_back(ViewOf(tx, instance));
    tx.Put(std::move(instance));
  }
  if (plan.image->owner_id == tx.caller().account_id) {
    Image launched = *plan.image;  // lastLaunchedTime is kept for the owner's images
    launched.last_launched_ms = tx.now();
    tx.Put(std::move(launched));
  }
  // The launch answers with the state it started in, whatever the clock says by now.
  for (InstanceView& view : reservation.instances) view.instance.state = states::kPending;
  return reservation;
}

// The call with its primary network interface's subnet and groups as the instance's own. Errors, in AWS's
// words: InvalidParameterCombination when the call also names a subnet or groups at the instance level.
Result<RunInstancesRequest> WithPrimaryInterface(RunInstancesRequest request) {
  if (!request.network_interface) return request;
  if (!request.subnet_id.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "Network interfaces and an instance-level subnet ID may not be specified on the same "
                     "request");
  }
  if (!request.group_ids.empty() || !request.group_names.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "Network interfaces and an instance-level security groups may not be specified on the "
                     "same request");
  }
  request.subnet_id = request.network_interface->subnet_id;
  request.group_ids = request.network_interface->group_ids;
  return request;
}

}  // namespace

Result<Reservation> RunInstances(Ec2& ec2, const Caller& caller, const RunInstancesRequest& call) {
  auto given = WithPrimaryInterface(call);
  if (!given) return std::move(given).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<Reservation> {
    auto effective = EffectiveLaunchRequest(tx, *given);  // the launch template's data, when one is named
    if (!effective) return std::move(effective).error();
    const RunInstancesRequest& request = *effective;
    if (auto valid = CheckLaunchRequest(request); !valid) return std::move(valid).error();
    auto tags = LaunchTagsOf(request.tag_specifications);
    if (!tags) return std::move(tags).error();
    if (const auto& lt = request.launch_template) {  // AWS's own tags: the aws: prefix is closed to users
      tags->instance["aws:ec2launchtemplate:id"] = lt->id;
      tags->instance["aws:ec2launchtemplate:version"] = lt->version;
    }
    if (auto again = EarlierLaunch(tx, request.client_token)) return std::move(*again);
    auto plan = PlanLaunch(tx, request);
    if (!plan) return std::move(plan).error();
    return RecordLaunch(tx, request, *plan, *tags);
  });
}

}  // namespace localec2::model
