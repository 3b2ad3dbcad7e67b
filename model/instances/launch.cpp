// RunInstances: instances from an image, placed in a subnet, with one EBS volume per block device. The
// launch checks the request alone, then resolves a plan step by step (image, key pair, placement, groups,
// block devices, volume shapes, profile, free addresses: the order its errors are reported in), then
// records the plan.
#include <algorithm>
#include <map>

#include "model/core/tx.hpp"
#include "model/images/image_access.hpp"
#include "model/instances/instance_rules.hpp"
#include "model/instances/instances.hpp"
#include "model/instances/launch_interfaces.hpp"
#include "model/instances/launch_volumes.hpp"
#include "model/launch_templates/launch_templates.hpp"
#include "model/marketplace/marketplace.hpp"
#include "model/network/addressing.hpp"
#include "model/network/interface_rules.hpp"

namespace localec2::model {
namespace {

// What a launch resolved from the request and the state, before it records anything.
struct LaunchPlan {
  std::string instance_type;
  const Image* image = nullptr;
  std::string key_public_key;                // the launch key pair's, or ""
  const Subnet* subnet = nullptr;            // the primary interface's: where the instance is
  std::vector<PlannedInterface> interfaces;  // the primary first
  std::vector<LaunchVolume> volumes;
  ResolvedProfile profile;  // empty: none
  long long count = 0;      // how many instances: as many as asked, as far as the subnet has addresses
};

struct LaunchTags {
  Tags instance;
  Tags volume;
  Tags interface;
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
  auto interface_tags = TagsFor(specs, "network-interface", taggable);
  if (!interface_tags) return std::move(interface_tags).error();
  return LaunchTags{std::move(*instance_tags), std::move(*volume_tags), std::move(*interface_tags)};
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

// The public key of the key pair `key_name` names ("" when empty). Errors: InvalidKeyPair.NotFound unless
// `key_name` is empty or names a key pair of the partition.
Result<std::string> ResolveKeyPair(const Partition& p, const std::string& key_name) {
  if (key_name.empty()) return std::string();
  auto found = std::find_if(p.key_pairs.begin(), p.key_pairs.end(),
                            [&](const auto& entry) { return entry.second.key_name == key_name; });
  if (found == p.key_pairs.end())
    return MakeError(codes::kKeyPairNotFound, "The key pair '" + key_name + "' does not exist");
  return found->second.public_key;
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
// Errors: InvalidGroupId.Malformed, InvalidGroup.NotFound, InvalidParameter (a group of another VPC).
Result<std::vector<std::string>> ResolveGroups(const View& view, const std::vector<std::string>& ids,
                                               const std::vector<std::string>& names, const Subnet& subnet) {
  std::vector<std::string> named_ids = ids;
  const Partition& p = view.partition();
  for (const std::string& name : names) {
    auto it = std::find_if(p.groups.begin(), p.groups.end(), [&](const auto& entry) {
      return entry.second.vpc_id == subnet.vpc_id && entry.second.group_name == name;
    });
    if (it == p.groups.end()) {
      return MakeError(codes::kGroupNotFound,
                       "The security group '" + name + "' does not exist in VPC '" + subnet.vpc_id + "'");
    }
    named_ids.push_back(it->first);
  }
  return GroupsInSubnetVpc(view, named_ids, subnet);
}

// The primary interface: an existing one (which places the instance in its subnet) or a new one in the
// subnet named or picked, with the groups named, and a public address when asked or when its subnet maps
// them (a launch with one interface only). Errors: those of ResolvePlacement and ResolveGroups,
// InvalidNetworkInterfaceID.*, InvalidNetworkInterface.InUse, InvalidParameterCombination (zone).
Result<PlannedInterface> PlanPrimaryInterface(const View& view, const RunInstancesRequest& request,
                                              const std::vector<LaunchInterface>& specs) {
  PlannedInterface primary;
  primary.spec = specs.front();
  if (!primary.spec.network_interface_id.empty()) {
    auto eni = AvailableInterface(view, primary.spec.network_interface_id);
    if (!eni) return std::move(eni).error();
    primary.existing = *eni;
    auto subnet = ResolvePlacement(view, (*eni)->subnet_id, request.availability_zone);
    if (!subnet) return std::move(subnet).error();
    primary.subnet = *subnet;
    primary.group_ids = (*eni)->group_ids;
    primary.delete_on_termination = primary.spec.delete_on_termination.value_or(false);
    primary.public_ip = primary.spec.associate_public_ip.value_or(false);
    return primary;
  }
  auto subnet = ResolvePlacement(view, primary.spec.subnet_id, request.availability_zone);
  if (!subnet) return std::move(subnet).error();
  primary.subnet = *subnet;
  const bool given = !request.network_interfaces.empty();
  auto groups = ResolveGroups(view, given ? primary.spec.group_ids : request.group_ids,
                              given ? std::vector<std::string>{} : request.group_names, *primary.subnet);
  if (!groups) return std::move(groups).error();
  primary.group_ids = std::move(*groups);
  primary.delete_on_termination = primary.spec.delete_on_termination.value_or(true);
  primary.public_ip =
      primary.spec.associate_public_ip.value_or(specs.size() == 1 && primary.subnet->map_public_ip_on_launch);
  return primary;
}

// The instance profile the request names, or none. Errors: InvalidParameterValue.
Result<ResolvedProfile> LaunchProfile(const Caller& caller, const RunInstancesRequest& request) {
  if (request.iam_profile_arn.empty() && request.iam_profile_name.empty()) return ResolvedProfile{};
  return ResolveProfile(caller.account_id, {request.iam_profile_arn, request.iam_profile_name});
}

// MaxCount, or as many as the interfaces' subnets have addresses for. Errors:
// InsufficientFreeAddressesInSubnet below MinCount.
Result<long long> LaunchCount(const View& view, const RunInstancesRequest& request, const LaunchPlan& plan) {
  long long launchable = AddressableCount(view, plan.interfaces, request.max_count);
  if (launchable < request.min_count) {
    return MakeError(codes::kInsufficientFreeAddresses,
                     "There are not enough free addresses in subnet '" + plan.subnet->subnet_id +
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
  auto key = ResolveKeyPair(view.partition(), request.key_name);
  if (!key) return std::move(key).error();
  plan.key_public_key = std::move(*key);
  auto specs = LaunchInterfacesOf(request);
  if (!specs) return std::move(specs).error();
  auto primary = PlanPrimaryInterface(view, request, *specs);
  if (!primary) return std::move(primary).error();
  plan.subnet = primary->subnet;
  plan.interfaces.push_back(std::move(*primary));
  auto others = PlanOtherInterfaces(view, *specs, plan.interfaces.front());
  if (!others) return std::move(others).error();
  for (PlannedInterface& other : *others) plan.interfaces.push_back(std::move(other));
  auto volumes = MergeBlockDevices(view, *plan.image, request.block_device_mappings);
  if (!volumes) return std::move(volumes).error();
  plan.volumes = std::move(*volumes);
  if (auto shaped = ShapeVolumes(plan.volumes); !shaped) return std::move(shaped).error();
  if (auto root = CheckHibernationRoot(request.options, plan.instance_type, *plan.image, plan.volumes); !root)
    return std::move(root).error();
  auto profile = LaunchProfile(view.caller(), request);
  if (!profile) return std::move(profile).error();
  plan.profile = std::move(*profile);
  auto count = LaunchCount(view, request, plan);
  if (!count) return std::move(count).error();
  plan.count = *count;
  return plan;
}

// ---- Recording the plan ----

// Instance number `index` of the launch, in the primary interface's subnet (RecordInterfaces gives it
// its address).
Instance NewInstance(Tx& tx, const RunInstancesRequest& request, const LaunchPlan& plan,
                     const std::string& reservation_id, long long index) {
  const Subnet& subnet = *plan.subnet;
  const Image& image = *plan.image;
  Instance instance;
  instance.instance_id = tx.NewId("i");
  instance.reservation_id = reservation_id;
  instance.owner_id = tx.caller().account_id;
  instance.image_id = image.image_id;
  instance.instance_type = plan.instance_type;
  instance.key_name = request.key_name;
  instance.key_public_key = plan.key_public_key;
  instance.subnet_id = subnet.subnet_id;
  instance.vpc_id = subnet.vpc_id;
  instance.availability_zone = subnet.availability_zone;
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

// Records the plan's instances with their interfaces (and the addresses these take) and volumes and, for
// the caller's own image, its last launch time; answers the reservation, every instance pending. Errors:
// those of RecordInterfaces (a private address named that is not free).
Result<Reservation> RecordLaunch(Tx& tx, const RunInstancesRequest& request, const LaunchPlan& plan,
                                 const LaunchTags& tags) {
  Reservation reservation{tx.NewId("r"), tx.caller().account_id, {}};
  std::map<std::string, PrivateAddressAllocator> allocators;  // by subnet
  PublicAddressAllocator public_addresses(tx);
  for (long long i = 0; i < plan.count; ++i) {
    Instance instance = NewInstance(tx, request, plan, reservation.reservation_id, i);
    auto made = RecordInterfaces(tx, plan.interfaces, instance, allocators, public_addresses, tags.interface);
    if (!made) return std::move(made).error();
    RecordVolumes(tx, plan.volumes, plan.subnet->availability_zone, tags.volume, instance);
    instance.tags = tags.instance;
    reservation.instances.push_back(ViewOf(tx, instance, *made));
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

}  // namespace

Result<Reservation> RunInstances(Ec2& ec2, const Caller& caller, const RunInstancesRequest& given) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<Reservation> {
    auto effective = EffectiveLaunchRequest(tx, given);  // the launch template's data, when one is named
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
