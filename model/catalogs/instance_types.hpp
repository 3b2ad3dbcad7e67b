// The instance types localec2 knows: a realistic catalog of the common families.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/caller.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct InstanceTypeInfo {
  std::string_view name;
  int vcpus;
  int memory_mib;
  std::string_view architecture;  // x86_64 | arm64
  bool burstable;
  bool instance_storage;  // has local instance-store disks
};

std::span<const InstanceTypeInfo> InstanceTypes();
const InstanceTypeInfo* FindInstanceType(std::string_view name);

// How `vcpus` split into cores and threads: Graviton (arm64) and single-vCPU types run one thread per
// core, the others two.
struct CpuLayout {
  int cores;
  int threads_per_core;
};
CpuLayout CpuLayoutOf(std::string_view architecture, int vcpus);

// A catalog type as DescribeInstanceTypes shows it: its row and what AWS's rules derive from it.
struct InstanceTypeDescription {
  const InstanceTypeInfo* type;
  bool current_generation;        // all but the m1, m3 and c3 families
  bool free_tier_eligible;        // t2.micro and t3.micro
  std::string_view hypervisor;    // nitro for the current generation, else xen
  std::string_view manufacturer;  // AWS (Graviton) or Intel
  CpuLayout cpu;
  std::string_view network_performance;
  int max_network_interfaces;
  int ipv4_addresses_per_interface;
  bool hibernation_supported;                       // not on Graviton
  bool dedicated_hosts_supported;                   // not for burstable types
  bool auto_recovery_supported;                     // not with instance-store disks
  std::vector<std::string_view> root_device_types;  // ebs, and instance-store where the type has disks
  std::vector<std::string_view> boot_modes;
};
InstanceTypeDescription DescribeType(const InstanceTypeInfo& type);

// DescribeInstanceTypes: the named types (all when none), filtered (instance-type, vcpu-info.default-vcpus,
// memory-info.size-in-mib, processor-info.supported-architecture, burstable-performance-supported,
// instance-storage-supported, current-generation, free-tier-eligible), paginated (MaxResults 5–100).
// Errors: InvalidInstanceType for a name not in the catalog, unknown filter, pagination errors.
Result<std::vector<InstanceTypeDescription>> DescribeInstanceTypes(const std::vector<std::string>& names,
                                                                   const std::vector<Filter>& filters,
                                                                   const PageRequest& page,
                                                                   std::string& next_token);

struct InstanceTypeOffering {
  std::string instance_type;
  std::string location_type;  // region | availability-zone | availability-zone-id
  std::string location;
};

// Every catalog type is offered in every zone of `caller`'s region. Filters: instance-type, location.
Result<std::vector<InstanceTypeOffering>> DescribeInstanceTypeOfferings(const Caller& caller,
                                                                        const std::string& location_type,
                                                                        const std::vector<Filter>& filters,
                                                                        const PageRequest& page,
                                                                        std::string& next_token);

}  // namespace localec2::model
