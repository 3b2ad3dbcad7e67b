// The cost view: what an account's state would cost on AWS, per resource and in total, and the resources
// the AMI guide warns about (snapshots a deregistered image left behind, unattached volumes, stopped
// instances still paying for EBS, idle Elastic IPs, resources without the cost allocation tag).
//
// What is charged (prices: PriceTable, times the region's factor):
//   a running instance   its type's On-Demand hourly price (Windows when its platform is windows);
//                        pending, stopping, stopped, shutting-down and terminated instances pay none
//   a volume             GiB × its type's GB-month price, io1/io2 IOPS × the IOPS-month price, gp3 IOPS
//                        above 3000 and throughput above 125 MB/s (whatever its attachment)
//   a snapshot           the size of the volume it was taken from × the snapshot GB-month price (AWS bills
//                        the blocks actually stored, which localec2 does not know: this is the most it costs)
//   an Elastic IP        the public IPv4 hourly price, associated or not
//   a launch public IP   the same, per network interface that has one without an Elastic IP
//   a NAT gateway        its hourly price while pending or available (data processed is not counted)
// A month is 30 days (720 hours): monthly = hourly × 720, and a GB-month price per hour is price / 720.
// Accrued: hourly × the hours since the resource began paying — a running instance since it last
// entered pending (launch or start; earlier runs are not kept), a volume since its creation, a snapshot
// since it started, a NAT gateway since its creation, a launch public IP since its instance's run began.
// Elastic IPs keep no allocation time: their accrued cost is unknown (nullopt) and not in the total.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/result.hpp"
#include "model/cost/price_table.hpp"

namespace localec2::model {

inline constexpr double kHoursPerMonth = 720;

// Why a resource is flagged: one kind each.
namespace cost_flags {
inline constexpr std::string_view kOrphanSnapshot = "snapshot-of-deregistered-image";
inline constexpr std::string_view kAvailableVolume = "volume-not-attached";
inline constexpr std::string_view kStoppedInstance = "stopped-instance-paying-for-ebs";
inline constexpr std::string_view kIdleAddress = "elastic-ip-not-associated";
inline constexpr std::string_view kMissingTag = "missing-cost-tag";
}  // namespace cost_flags

struct CostFlag {
  std::string kind;  // a cost_flags constant
  std::string message;
};

struct CostItem {
  std::string region;
  std::string resource_type;  // instance | volume | snapshot | elastic-ip | public-ipv4 | natgateway
  std::string resource_id;
  std::string charge;  // what is charged, in words: "t3.micro Linux/UNIX On-Demand", "gp3 100 GiB"
  double hourly = 0;
  double monthly = 0;
  std::optional<double> accrued;  // since it began paying; unknown for Elastic IPs
  std::int64_t since_ms = 0;      // when it began paying (0 when unknown or not paying)
  std::vector<CostFlag> flags;
};

struct CostRequest {
  std::string account_id;
  std::vector<std::string> regions;  // those to price, each a catalog region
  std::int64_t at_ms = 0;            // the time to price at: 0 for the clock's now, else not before it
  std::string cost_tag;              // when set, resources without a tag of this key are flagged
};

struct CostReport {
  std::int64_t at_ms = 0;
  std::vector<CostItem> items;  // by region, then type, then id
  double hourly = 0;
  double monthly = 0;
  double accrued = 0;  // the items' known accrued costs
};

// The account's cost in `request.regions` at `request.at_ms` (a time after now projects the state as the
// clock would settle it then). Reads the account's existing partitions of those regions, making none
// but the one it reads through (memory only, see the .cpp).
// Errors: InvalidParameterValue when at_ms is before the clock's now.
Result<CostReport> EstimateCost(Ec2& ec2, const CostRequest& request, const PriceTable& prices);

}  // namespace localec2::model
