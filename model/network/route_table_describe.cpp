// DescribeRouteTables: the tables with their routes' derived states, and their filters.
#include "model/core/tx.hpp"
#include "model/network/describe_derived.hpp"
#include "model/network/route_tables.hpp"

namespace localec2::model {
namespace {

using Table = DescribedRouteTable;

// A filter field over each association (or route) of a table.
#define LOCALEC2_EACH_ASSOCIATION(expr)                                     \
  [](const Table& t, std::string_view, std::vector<std::string>& out) {     \
    for (const RouteTableAssociation& a : t.associations) {                 \
      if (std::string value = (expr); !value.empty()) out.push_back(value); \
    }                                                                       \
  }
#define LOCALEC2_EACH_ROUTE(expr)                                           \
  [](const Table& t, std::string_view, std::vector<std::string>& out) {     \
    for (const Route& r : t.routes) {                                       \
      if (std::string value = (expr); !value.empty()) out.push_back(value); \
    }                                                                       \
  }

constexpr FilterField<Table> kRouteTableFilters[] = {
    {"route-table-id", [](const Table& t, std::string_view, auto& out) { out.push_back(t.route_table_id); }},
    {"vpc-id", [](const Table& t, std::string_view, auto& out) { out.push_back(t.vpc_id); }},
    {"owner-id", [](const Table& t, std::string_view, auto& out) { out.push_back(t.owner_id); }},
    {"association.main", LOCALEC2_EACH_ASSOCIATION(BoolText(a.main))},
    {"association.route-table-association-id", LOCALEC2_EACH_ASSOCIATION(a.association_id)},
    {"association.route-table-id",
     [](const Table& t, std::string_view, auto& out) {
       if (!t.associations.empty()) out.push_back(t.route_table_id);
     }},
    {"association.subnet-id", LOCALEC2_EACH_ASSOCIATION(a.subnet_id)},
    {"association.gateway-id", LOCALEC2_EACH_ASSOCIATION(a.gateway_id)},
    {"route.destination-cidr-block", LOCALEC2_EACH_ROUTE(r.destination_cidr_block)},
    {"route.destination-ipv6-cidr-block", LOCALEC2_EACH_ROUTE(r.destination_ipv6_cidr_block)},
    {"route.gateway-id", LOCALEC2_EACH_ROUTE(r.gateway_id)},
    {"route.egress-only-internet-gateway-id", LOCALEC2_EACH_ROUTE(r.egress_only_internet_gateway_id)},
    {"route.nat-gateway-id", LOCALEC2_EACH_ROUTE(r.nat_gateway_id)},
    {"route.instance-id", LOCALEC2_EACH_ROUTE(r.instance_id)},
    {"route.network-interface-id", LOCALEC2_EACH_ROUTE(r.network_interface_id)},
    {"route.origin", LOCALEC2_EACH_ROUTE(r.origin)},
    {"route.state",
     [](const Table& t, std::string_view, auto& out) {
       for (const std::string& state : t.route_states) out.push_back(state);
     }},
    LOCALEC2_TAG_FILTERS(Table),
};

#undef LOCALEC2_EACH_ASSOCIATION
#undef LOCALEC2_EACH_ROUTE

}  // namespace

Result<Page<DescribedRouteTable>> DescribeRouteTables(Ec2& ec2, const Caller& caller,
                                                      const DescribeRouteTablesRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    std::vector<Table> candidates;
    for (const auto& [id, table] : view.partition().route_tables) {
      Table described;
      static_cast<RouteTable&>(described) = table;
      for (const Route& route : table.routes)
        described.route_states.emplace_back(RouteState(view, table, route));
      candidates.push_back(std::move(described));
    }
    return DescribeDerived<RouteTable, Table>(view.partition(), request.route_table_ids, request.filters,
                                              kRouteTableFilters, request.page, {5, 100}, candidates);
  });
}

}  // namespace localec2::model
