// The EBS volumes RunInstances gives each instance it launches (launch_volumes.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/ebs/block_device_mapping.hpp"
#include "model/ebs/ebs_rules.hpp"

namespace localec2::model {

class View;
class Tx;

// One EBS volume each launched instance gets: its mapping on the instance, whether it is encrypted (the
// image's device, its snapshot or the request may say so), the IOPS and throughput the image's device
// records (kept unless the launch changes the type) and its shape as the volume records it.
struct LaunchVolume {
  InstanceVolume mapping;
  bool encrypted = false;
  VolumeShape shape;
  std::optional<int> iops;
  std::optional<int> throughput;
};

// The launch's EBS volumes: the image's EBS devices, then what the request's mappings add, override or
// remove (ephemeral mappings carry none). Errors: InvalidBlockDeviceMapping, InvalidSnapshot.*.
Result<std::vector<LaunchVolume>> MergeBlockDevices(const View& view, const Image& image,
                                                    const std::vector<BlockDeviceMappingRequest>& mappings);
// Each volume's type, size, iops and throughput, under CreateVolume's rules; io1 and io2, whose iops
// neither the launch nor the image gives, get 3000. Errors: InvalidBlockDeviceMapping.
Status ShapeVolumes(std::vector<LaunchVolume>& volumes);
// The volumes, new in `zone` and attached to `instance` (which then lists them), recorded by `tx`.
void RecordVolumes(Tx& tx, const std::vector<LaunchVolume>& volumes, const std::string& zone,
                   const Tags& tags, Instance& instance);

}  // namespace localec2::model
