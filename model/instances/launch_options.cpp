// RunInstances' launch options: their checks, in the order AWS reports them, and how they are recorded.
#include "model/instances/launch_options.hpp"

#include <algorithm>
#include <initializer_list>

#include "model/catalogs/instance_types.hpp"
#include "model/core/tx.hpp"
#include "model/instances/placement_groups.hpp"

namespace localec2::model {
namespace {

std::string_view FamilyOf(std::string_view instance_type) {
  return instance_type.substr(0, instance_type.find('.'));
}

// Errors: InvalidParameterValue unless `value` is empty or one of `allowed`.
Status CheckOneOf(const std::string& value, std::initializer_list<std::string_view> allowed,
                  std::string_view parameter) {
  if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return Ok{};
  return MakeError(codes::kInvalidParameterValue,
                   "Value (" + value + ") for parameter " + std::string(parameter) + " is invalid.");
}

// CoreCount from 1 to the type's cores; ThreadsPerCore 1 or the type's threads per core.
Status CheckCpuOptions(const LaunchOptions& options, const std::string& instance_type) {
  if (options.amd_sev_snp == "enabled") {
    return MakeError(
        codes::kInvalidParameterValue,
        "The instance type " + instance_type + " does not support AMD SEV-SNP (CpuOptions.AmdSevSnp).");
  }
  if (auto valid = CheckOneOf(options.amd_sev_snp, {"enabled", "disabled"}, "CpuOptions.AmdSevSnp"); !valid)
    return valid;
  if (options.nested_virtualization == "enabled") {
    return MakeError(codes::kInvalidParameterValue, "The instance type " + instance_type +
                                                        " does not support nested virtualization "
                                                        "(CpuOptions.NestedVirtualization).");
  }
  if (auto valid = CheckOneOf(options.nested_virtualization, {"enabled", "disabled"},
                              "CpuOptions.NestedVirtualization");
      !valid)
    return valid;
  if (!options.core_count && !options.threads_per_core) return Ok{};
  const InstanceTypeInfo* type = FindInstanceType(instance_type);
  const CpuLayout layout = CpuLayoutOf(type ? type->architecture : "x86_64", type ? type->vcpus : 2);
  const int cores = options.core_count.value_or(layout.cores);
  const int threads = options.threads_per_core.value_or(layout.threads_per_core);
  if (cores < 1 || cores > layout.cores || (threads != 1 && threads != layout.threads_per_core)) {
    return MakeError(codes::kInvalidParameterValue,
                     "The CPU options (CoreCount " + std::to_string(cores) + ", ThreadsPerCore " +
                         std::to_string(threads) + ") are not valid for instance type " + instance_type +
                         ", which has " + std::to_string(layout.cores) + " cores of " +
                         std::to_string(layout.threads_per_core) + " threads.");
  }
  return Ok{};
}

Status CheckCredits(const LaunchOptions& options, const std::string& instance_type) {
  if (options.cpu_credits.empty()) return Ok{};
  if (auto valid = CheckOneOf(options.cpu_credits, {"standard", "unlimited"}, "CpuCredits"); !valid)
    return valid;
  if (!IsBurstable(instance_type)) {
    return MakeError(
        codes::kCreditSpecificationNotSupported,
        "The " + instance_type + " instance type does not support CPU credits (CreditSpecification).");
  }
  return Ok{};
}

// A type that can hibernate (not Graviton here) with an EBS root.
Status CheckHibernation(const LaunchOptions& options, const std::string& instance_type, const Image& image) {
  if (!options.hibernation_configured) return Ok{};
  const InstanceTypeInfo* type = FindInstanceType(instance_type);
  if (type == nullptr || !DescribeType(*type).hibernation_supported) {
    return MakeError(codes::kUnsupportedHibernation,
                     "Hibernation is not supported for the " + instance_type + " instance type.");
  }
  if (image.root_device_type != "ebs") {
    return MakeError(codes::kUnsupportedHibernation,
                     "For hibernation, the root device of the AMI must be an EBS volume.");
  }
  return Ok{};
}

Status CheckPlacement(const View& view, const LaunchOptions& options) {
  if (!options.unsupported.empty()) {
    return MakeError(codes::kInvalidParameterValue,
                     "The parameter " + options.unsupported + " is not supported by localec2.");
  }
  if (!options.tenancy.empty() && options.tenancy != "default") {
    if (auto valid = CheckOneOf(options.tenancy, {"default", "dedicated", "host"}, "Placement.Tenancy");
        !valid)
      return valid;
    return MakeError(
        codes::kInvalidParameterValue,
        "The tenancy '" + options.tenancy + "' (Placement.Tenancy) is not supported by localec2.");
  }
  const PlacementGroup* group =
      options.placement_group.empty() ? nullptr : FindPlacementGroup(view, options.placement_group);
  if (!options.placement_group.empty() && group == nullptr) {
    return MakeError(codes::kPlacementGroupUnknown,
                     "The Placement Group '" + options.placement_group + "' is unknown.");
  }
  if (options.partition_number && (group == nullptr || *options.partition_number < 1 ||
                                   *options.partition_number > group->partition_count)) {
    return MakeError(codes::kInvalidParameterValue,
                     "Placement.PartitionNumber " + std::to_string(*options.partition_number) +
                         " is not a partition of a partition placement group named in Placement.GroupName.");
  }
  return Ok{};
}

}  // namespace

bool IsBurstable(std::string_view instance_type) {
  const std::string_view family = FamilyOf(instance_type);
  return family == "t2" || family == "t3" || family == "t3a" || family == "t4g";
}

std::string DefaultCpuCredits(std::string_view instance_type) {
  if (!IsBurstable(instance_type)) return "";
  return FamilyOf(instance_type) == "t2" ? "standard" : "unlimited";
}

std::string CpuCreditsOf(const Instance& instance) {
  if (!instance.cpu_credits.empty()) return instance.cpu_credits;
  return DefaultCpuCredits(instance.instance_type);
}

Status CheckLaunchOptions(const View& view, const LaunchOptions& options, const std::string& instance_type,
                          const Image& image) {
  for (auto valid :
       {CheckOneOf(options.auto_recovery, {"default", "disabled"}, "MaintenanceOptions.AutoRecovery"),
        CheckOneOf(options.hostname_type, {"ip-name", "resource-name"}, "PrivateDnsNameOptions.HostnameType"),
        CheckOneOf(options.capacity_reservation_preference, {"open", "none"},
                   "CapacityReservationSpecification.CapacityReservationPreference"),
        CheckOneOf(options.http_protocol_ipv6, {"enabled", "disabled"}, "MetadataOptions.HttpProtocolIpv6"),
        CheckOneOf(options.instance_metadata_tags, {"enabled", "disabled"},
                   "MetadataOptions.InstanceMetadataTags")}) {
    if (!valid) return valid;
  }
  if (options.capacity_reservation_target) {
    return MakeError(
        codes::kInvalidParameterValue,
        "CapacityReservationSpecification.CapacityReservationTarget names a capacity reservation; "
        "localec2 keeps none.");
  }
  if (auto valid = CheckCpuOptions(options, instance_type); !valid) return valid;
  if (auto valid = CheckCredits(options, instance_type); !valid) return valid;
  if (auto valid = CheckHibernation(options, instance_type, image); !valid) return valid;
  return CheckPlacement(view, options);
}

Status CheckHibernationRoot(const LaunchOptions& options, const std::string& instance_type,
                            const Image& image, const std::vector<LaunchVolume>& volumes) {
  if (!options.hibernation_configured) return Ok{};
  auto root = std::find_if(volumes.begin(), volumes.end(), [&](const LaunchVolume& v) {
    return v.mapping.device_name == image.root_device_name;
  });
  if (root == volumes.end() || !root->encrypted) {
    return MakeError(codes::kUnsupportedHibernation, "For hibernation, the root device volume (" +
                                                         image.root_device_name + ") must be encrypted.");
  }
  const InstanceTypeInfo* type = FindInstanceType(instance_type);
  if (type != nullptr && static_cast<long long>(root->mapping.size_gib) * 1024 < type->memory_mib) {
    return MakeError(
        codes::kUnsupportedHibernation,
        "For hibernation, the root device volume must be large enough to hold the instance's memory (" +
            std::to_string(type->memory_mib) + " MiB).");
  }
  return Ok{};
}

void ApplyLaunchOptions(const View& view, const LaunchOptions& options, long long index, Instance& instance) {
  instance.hibernation_configured = options.hibernation_configured;
  if (options.core_count || options.threads_per_core) {  // the one not given keeps the type's value
    const InstanceTypeInfo* type = FindInstanceType(instance.instance_type);
    const CpuLayout layout = CpuLayoutOf(type ? type->architecture : "x86_64", type ? type->vcpus : 2);
    instance.core_count = options.core_count.value_or(layout.cores);
    instance.threads_per_core = options.threads_per_core.value_or(layout.threads_per_core);
  }
  instance.cpu_credits =
      options.cpu_credits.empty() ? DefaultCpuCredits(instance.instance_type) : options.cpu_credits;
  if (!options.auto_recovery.empty()) instance.auto_recovery = options.auto_recovery;
  if (!options.hostname_type.empty()) instance.hostname_type = options.hostname_type;
  instance.dns_a_record = options.dns_a_record.value_or(false);
  instance.dns_aaaa_record = options.dns_aaaa_record.value_or(false);
  instance.enclave_enabled = options.enclave_enabled;
  if (!options.capacity_reservation_preference.empty())
    instance.capacity_reservation_preference = options.capacity_reservation_preference;
  if (!options.tenancy.empty()) instance.tenancy = options.tenancy;
  instance.placement_group = options.placement_group;
  const PlacementGroup* group =
      options.placement_group.empty() ? nullptr : FindPlacementGroup(view, options.placement_group);
  if (group != nullptr && group->partition_count > 0) {
    long long placed = 0;
    for (const auto& [id, other] : view.partition().instances)
      placed += other.placement_group == group->group_name;
    instance.partition_number =
        options.partition_number.value_or(static_cast<int>((placed + index) % group->partition_count) + 1);
  }
  if (!options.http_protocol_ipv6.empty()) instance.http_protocol_ipv6 = options.http_protocol_ipv6;
  if (!options.instance_metadata_tags.empty())
    instance.instance_metadata_tags = options.instance_metadata_tags;
}

}  // namespace localec2::model
