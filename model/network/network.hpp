// The network family: the default VPC and its subnets (derived per account and region, see
// network/default_vpc.cpp) and the account attributes SDKs look up. Each call reads the Ec2 engine
// (core/tx.hpp) for the caller's account and region.
#pragma once

#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct DescribeVpcsRequest {
  std::vector<std::string> vpc_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct DescribeSubnetsRequest {
  std::vector<std::string> subnet_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
struct AccountAttribute {
  std::string name;
  std::vector<std::string> values;
};

// The VPCs named (all when none), filtered, paginated in id order. Errors: pagination errors,
// InvalidParameterCombination (ids with MaxResults), unknown filter, InvalidVpcID.Malformed/NotFound.
Result<Page<Vpc>> DescribeVpcs(Ec2& ec2, const Caller& caller, const DescribeVpcsRequest& request);
// The subnets named (all when none), filtered, paginated in id order. Errors: as DescribeVpcs, with
// InvalidSubnetID.Malformed/NotFound.
Result<Page<Subnet>> DescribeSubnets(Ec2& ec2, const Caller& caller, const DescribeSubnetsRequest& request);
// The attributes named (all when none; unknown names are left out): supported-platforms, default-vpc,
// max-instances, vpc-max-security-groups-per-interface, max-elastic-ips, vpc-max-elastic-ips.
std::vector<AccountAttribute> DescribeAccountAttributes(Ec2& ec2, const Caller& caller,
                                                        const std::vector<std::string>& names);

}  // namespace localec2::model
