// The instance types localec2 knows: a realistic catalog of the common families.
#pragma once

#include <span>
#include <string_view>

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

}  // namespace localec2::model
