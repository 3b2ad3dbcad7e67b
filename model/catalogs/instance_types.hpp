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

// DescribeInstanceTypes: the named types (all when none), filtered (instance-type, vcpu-info.default-vcpus,
// memory-info.size-in-mib, processor-info.supported-architecture, burstable-performance-supported,
// instance-storage-supported, current-generation, free-tier-eligible), paginated (MaxResults 5–100).
// Errors: InvalidInstanceType for a name not in the catalog, unknown filter, pagination errors.
Result<std::vector<const InstanceTypeInfo*>> DescribeInstanceTypes(const std::vector<std::string>& names,
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
