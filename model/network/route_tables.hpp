// Route tables, their associations and their routes. Each call runs in the Ec2 engine (core/tx.hpp) for
// the caller's account and region. A subnet with no explicit association uses its VPC's main table
// (the table holding the association with `main`); a route's state is not stored but derived when
// described: blackhole once its target is gone (see RouteState).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

class View;

struct CreateRouteTableRequest {
  std::string vpc_id;
  std::string client_token;  // a repeated token answers the table it made
  std::vector<TagSpecification> tag_specifications;
};
// A new table of the VPC with one `local` route per CIDR block of the VPC. Errors: InvalidVpcID.*, tag
// errors.
Result<RouteTable> CreateRouteTable(Ec2& ec2, const Caller& caller, const CreateRouteTableRequest& request);
// Erases a table. Errors: InvalidRouteTableID.*, DependencyViolation (the main table, or one with
// associations).
Status DeleteRouteTable(Ec2& ec2, const Caller& caller, const std::string& route_table_id);

struct AssociateRouteTableRequest {
  std::string route_table_id;
  std::string subnet_id;   // exactly one of these two
  std::string gateway_id;  // an internet gateway attached to the table's VPC (an edge association)
};
// The new association (rtbassoc-…). Errors: InvalidRouteTableID.*, MissingParameter /
// InvalidParameterCombination (not exactly one of subnet and gateway), InvalidSubnetID.*,
// InvalidInternetGatewayID.*, InvalidParameterValue (another VPC's), Resource.AlreadyAssociated (the
// subnet or gateway has an explicit association already).
Result<RouteTableAssociation> AssociateRouteTable(Ec2& ec2, const Caller& caller,
                                                  const AssociateRouteTableRequest& request);
// Removes an explicit association (the subnet falls back to the main table). Errors:
// InvalidAssociationID.NotFound, InvalidParameterValue (the main association).
Status DisassociateRouteTable(Ec2& ec2, const Caller& caller, const std::string& association_id);
// Moves the association to `route_table_id` under a new id; moving the main association makes that table
// the VPC's main one. Errors: InvalidAssociationID.NotFound, InvalidRouteTableID.*, InvalidParameterValue
// (another VPC's table).
Result<RouteTableAssociation> ReplaceRouteTableAssociation(Ec2& ec2, const Caller& caller,
                                                           const std::string& association_id,
                                                           const std::string& route_table_id);

// One route to add, replace or delete: one destination and (but for delete) one target.
struct RouteRequest {
  std::string route_table_id;
  std::string destination_cidr_block;
  std::string destination_ipv6_cidr_block;
  std::string gateway_id;
  std::string nat_gateway_id;
  std::string network_interface_id;
  std::string instance_id;
  std::string egress_only_internet_gateway_id;
  std::string unsupported;  // the first member given that localec2 does not emulate
};
// Adds a route. Errors: InvalidParameterValue (unsupported member, bad CIDR, `local` target, a target of
// another VPC or one an IPv4 route cannot use), MissingParameter (no destination or target),
// InvalidParameterCombination (two destinations or targets), the target's NotFound/Malformed,
// RouteAlreadyExists.
Status CreateRoute(Ec2& ec2, const Caller& caller, const RouteRequest& request);
// Points an existing route at another target. Errors: as CreateRoute but RouteAlreadyExists;
// InvalidParameterValue for a destination with no route or the `local` route.
Status ReplaceRoute(Ec2& ec2, const Caller& caller, const RouteRequest& request);
// Removes a route. Errors: InvalidRoute.NotFound, InvalidParameterValue (the `local` route).
Status DeleteRoute(Ec2& ec2, const Caller& caller, const RouteRequest& request);

// "active", or "blackhole" when the route's target no longer exists (an internet gateway detached from
// the table's VPC or deleted, a NAT gateway deleting or deleted, an interface gone, an instance gone or
// not running).
std::string_view RouteState(const View& view, const RouteTable& table, const Route& route);

// A table as described: its routes' states (one per route) derived at read time.
struct DescribedRouteTable : RouteTable {
  std::vector<std::string> route_states;
};
struct DescribeRouteTablesRequest {
  std::vector<std::string> route_table_ids;
  std::vector<Filter> filters;
  PageRequest page;
};
// Filters route-table-id, vpc-id, owner-id, association.*, route.*, tag:*. Errors: as DescribeById.
Result<Page<DescribedRouteTable>> DescribeRouteTables(Ec2& ec2, const Caller& caller,
                                                      const DescribeRouteTablesRequest& request);

}  // namespace localec2::model
