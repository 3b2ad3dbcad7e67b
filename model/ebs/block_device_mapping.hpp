// One BlockDeviceMapping as RunInstances, CreateImage and RegisterImage take it: shared by the instances,
// images and ebs families.
#pragma once

#include <optional>
#include <string>

namespace localec2::model {

// One BlockDeviceMapping of RunInstances, CreateImage or RegisterImage.
struct BlockDeviceMappingRequest {
  std::string device_name;
  std::string virtual_name;  // ephemeralN
  bool no_device = false;
  bool has_ebs = false;
  std::optional<int> volume_size;
  std::optional<bool> delete_on_termination;
  std::string volume_type;
  std::string snapshot_id;
  std::optional<int> iops;
  std::optional<int> throughput;
  std::optional<bool> encrypted;
  std::string kms_key_id;
};

}  // namespace localec2::model
