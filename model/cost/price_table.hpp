// The prices the cost view multiplies by: AWS's public On-Demand prices, as plain values. The data is
// control/prices.json (its source and date are in it); control/cost_prices.* parses it into this. The
// model holds no price itself, so tests can price a state with any table.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace localec2::model {

struct InstancePrice {
  double linux_hourly = 0;
  std::optional<double> windows_hourly;  // none: AWS offers no Windows on the type (Graviton)
};

// Every price is us-east-1's in USD; a region's prices are these times its factor.
struct PriceTable {
  std::string source;                                           // where the figures come from
  std::string as_of;                                            // the date they were read
  std::map<std::string, InstancePrice, std::less<>> instances;  // by instance type
  std::map<std::string, double, std::less<>> region_factors;    // by region name; us-east-1 is 1
  std::map<std::string, double, std::less<>> ebs_gb_month;      // by volume type
  std::map<std::string, double, std::less<>> ebs_iops_month;    // io1, io2: per provisioned IOPS
  int gp3_free_iops = 3000;                                     // gp3 charges the IOPS above this
  double gp3_iops_month = 0.005;
  int gp3_free_throughput = 125;  // MB/s; gp3 charges the throughput above this
  double gp3_throughput_month = 0.04;
  double snapshot_gb_month = 0.05;
  double public_ipv4_hourly = 0.005;
  double nat_gateway_hourly = 0.045;
};

}  // namespace localec2::model
