// The launch options RunInstances records on an instance beside its image, type and network: hibernation,
// CPU layout and credits, maintenance, host names, enclaves, capacity reservations, placement and the
// metadata service's IPv6 and tag settings. DescribeInstances shows them; the Modify* calls of
// instance_options.hpp change some of them later.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/instances/launch_volumes.hpp"

namespace localec2::model {

class View;

struct LaunchOptions {
  bool hibernation_configured = false;
  std::optional<int> core_count;
  std::optional<int> threads_per_core;
  std::string amd_sev_snp;            // enabled is refused: no emulated type offers it
  std::string nested_virtualization;  // enabled is refused likewise
  std::string cpu_credits;            // empty: the type's default
  std::string auto_recovery;
  std::string hostname_type;
  std::optional<bool> dns_a_record;
  std::optional<bool> dns_aaaa_record;
  bool enclave_enabled = false;
  std::string capacity_reservation_preference;
  bool capacity_reservation_target = false;  // a target was named: refused, there are no reservations
  std::string tenancy;
  std::string placement_group;
  std::optional<int> partition_number;  // Placement.PartitionNumber
  std::string
      unsupported;  // the first parameter given that localec2 does not emulate (e.g. Placement.HostId)
  std::string http_protocol_ipv6;
  std::string instance_metadata_tags;
};

// Whether `instance_type` earns CPU credits (t2, t3, t3a, t4g), and the credit option it launches with
// when none is asked for: standard for t2, unlimited for the others; empty for a type without credits.
bool IsBurstable(std::string_view instance_type);
std::string DefaultCpuCredits(std::string_view instance_type);
// The credit option `instance` runs with: its own, else its type's default (empty when not burstable).
std::string CpuCreditsOf(const Instance& instance);

// Errors: InvalidParameterValue (a value outside its enumeration, CPU options the type cannot run, a
// tenancy or placement member localec2 does not emulate, a capacity reservation target),
// InstanceCreditSpecification.NotSupported (credits for a type without them),
// UnsupportedHibernationConfiguration (hibernation on a type or root device that cannot hibernate),
// InvalidPlacementGroup.Unknown (Placement.GroupName names no placement group of the caller's).
Status CheckLaunchOptions(const View& view, const LaunchOptions& options, const std::string& instance_type,
                          const Image& image);
// Hibernation's needs of the root volume: encrypted, and large enough for the type's memory.
// Errors: UnsupportedHibernationConfiguration.
Status CheckHibernationRoot(const LaunchOptions& options, const std::string& instance_type,
                            const Image& image, const std::vector<LaunchVolume>& volumes);
// Records `options` on `instance` (whose type is set), instance number `index` of its launch; what was not
// asked for keeps its default. In a partition group without PartitionNumber, the launch's instances take
// the partitions in turn after those already there.
void ApplyLaunchOptions(const View& view, const LaunchOptions& options, long long index, Instance& instance);

}  // namespace localec2::model
