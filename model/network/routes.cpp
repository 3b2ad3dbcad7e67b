// CreateRoute, ReplaceRoute, DeleteRoute and the derived state of a route (route_tables.hpp).
#include <algorithm>
#include <cctype>
#include <utility>

#include "model/core/tx.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/network/addressing.hpp"
#include "model/network/gateways.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/route_tables.hpp"

namespace localec2::model {
namespace {

Error InvalidCidr(const std::string& value, std::string_view parameter) {
  return MakeError(codes::kInvalidParameterValue, "Value (" + value + ") for parameter " +
                                                      std::string(parameter) +
                                                      " is invalid. This is not a valid CIDR block.");
}

// "addr/len" with an IPv6 address of hex digits and colons and a length 0–128, lower-cased.
std::optional<std::string> NormalIpv6Cidr(const std::string& text) {
  size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || text.find(':') >= slash) return std::nullopt;
  std::string address = text.substr(0, slash);
  std::string length = text.substr(slash + 1);
  auto hex_or_colon = [](unsigned char c) { return std::isxdigit(c) || c == ':'; };
  auto digit = [](unsigned char c) { return std::isdigit(c); };
  if (!std::all_of(address.begin(), address.end(), hex_or_colon)) return std::nullopt;
  if (length.empty() || length.size() > 3 || !std::all_of(length.begin(), length.end(), digit))
    return std::nullopt;
  if (std::stoi(length) > 128) return std::nullopt;
  std::transform(address.begin(), address.end(), address.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return address + "/" + length;
}

// The route's destination from `request`. Errors: MissingParameter, InvalidParameterCombination,
// InvalidParameterValue.
Result<Route> DestinationOf(const RouteRequest& request) {
  if (!request.unsupported.empty()) {
    return MakeError(codes::kInvalidParameterValue,
                     "The parameter " + request.unsupported + " is not supported by localec2.");
  }
  const bool v4 = !request.destination_cidr_block.empty();
  const bool v6 = !request.destination_ipv6_cidr_block.empty();
  if (!v4 && !v6) {
    return MakeError(
        codes::kMissingParameter,
        "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock");
  }
  if (v4 && v6) {
    return MakeError(
        codes::kInvalidParameterCombination,
        "The parameter destinationCidrBlock cannot be used with the parameter destinationIpv6CidrBlock");
  }
  Route route;
  if (v4) {
    auto cidr = ParseCidrLoose(request.destination_cidr_block);
    if (!cidr) return InvalidCidr(request.destination_cidr_block, "destinationCidrBlock");
    route.destination_cidr_block = CidrText(*cidr);
  } else {
    auto cidr = NormalIpv6Cidr(request.destination_ipv6_cidr_block);
    if (!cidr) return InvalidCidr(request.destination_ipv6_cidr_block, "destinationIpv6CidrBlock");
    route.destination_ipv6_cidr_block = *cidr;
  }
  return route;
}

// `kind` is AWS's word for the target: "network gateway", "interface" or "instance".
Error DifferentNetworks(const RouteTable& table, std::string_view kind, const std::string& target_id) {
  return MakeError(codes::kInvalidParameterValue, "route table " + table.route_table_id + " and " +
                                                      std::string(kind) + " " + target_id +
                                                      " belong to different networks");
}

// `request` with a NAT or egress-only gateway named in GatewayId moved to its own member: AWS takes either.
RouteRequest TargetsByKind(RouteRequest request) {
  auto move_to = [&](std::string_view prefix, std::string& member) {
    if (request.gateway_id.starts_with(prefix) && member.empty())
      member = std::exchange(request.gateway_id, "");
  };
  move_to("nat-", request.nat_gateway_id);
  move_to("eigw-", request.egress_only_internet_gateway_id);
  return request;
}

// Sets `route`'s target from `request` after checking it exists in the table's VPC.
Status SetTarget(const View& view, const RouteTable& table, const RouteRequest& request, Route& route) {
  const std::string* given[] = {&request.gateway_id, &request.nat_gateway_id, &request.network_interface_id,
                                &request.instance_id, &request.egress_only_internet_gateway_id};
  auto count =
      std::count_if(std::begin(given), std::end(given), [](const std::string* s) { return !s->empty(); });
  if (count == 0) {
    return MakeError(codes::kMissingParameter,
                     "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, "
                     "egressOnlyInternetGatewayId or instanceId");
  }
  if (count > 1) {
    return MakeError(codes::kInvalidParameterCombination,
                     "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, "
                     "egressOnlyInternetGatewayId or instanceId");
  }
  if (request.gateway_id == "local") {
    return MakeError(codes::kInvalidParameterValue,
                     "The parameter gatewayId local is not supported by localec2.");
  }
  if (!request.gateway_id.empty()) {
    if (!request.gateway_id.starts_with("igw-")) {  // the only gateways GatewayId names in localec2
      return MakeError(codes::kGatewayIdNotFound,
                       "The gateway ID '" + request.gateway_id + "' does not exist");
    }
    auto gateway = view.Find<InternetGateway>(request.gateway_id);
    if (!gateway) return std::move(gateway).error();
    if ((*gateway)->vpc_id != table.vpc_id)
      return DifferentNetworks(table, "network gateway", request.gateway_id);
    route.gateway_id = request.gateway_id;
  } else if (!request.nat_gateway_id.empty()) {
    auto gateway = view.Find<NatGateway>(request.nat_gateway_id);
    if (!gateway) return std::move(gateway).error();
    std::string_view state = CurrentNatState(**gateway, view.now(), view.timing());
    if (state == nat_states::kDeleting || state == nat_states::kDeleted) {
      return ResourceTraits<NatGateway>::NotFound(request.nat_gateway_id);
    }
    if ((*gateway)->vpc_id != table.vpc_id)
      return DifferentNetworks(table, "network gateway", request.nat_gateway_id);
    route.nat_gateway_id = request.nat_gateway_id;
  } else if (!request.egress_only_internet_gateway_id.empty()) {
    auto gateway = view.Find<EgressOnlyInternetGateway>(request.egress_only_internet_gateway_id);
    if (!gateway) return std::move(gateway).error();
    if ((*gateway)->vpc_id != table.vpc_id)
      return DifferentNetworks(table, "network gateway", request.egress_only_internet_gateway_id);
    if (route.destination_ipv6_cidr_block.empty()) {
      return MakeError(codes::kInvalidParameterValue,
                       "An egress-only internet gateway can only be the target of an IPv6 route.");
    }
    route.egress_only_internet_gateway_id = request.egress_only_internet_gateway_id;
  } else if (!request.network_interface_id.empty()) {
    auto eni = view.Find<NetworkInterface>(request.network_interface_id);
    if (!eni) return std::move(eni).error();
    if ((*eni)->vpc_id != table.vpc_id)
      return DifferentNetworks(table, "interface", request.network_interface_id);
    route.network_interface_id = request.network_interface_id;
  } else {
    auto instance = view.Find<Instance>(request.instance_id);
    if (!instance) return std::move(instance).error();
    std::string_view state = CurrentState(**instance, view.now(), view.timing());
    if (state == states::kTerminated) return ResourceTraits<Instance>::NotFound(request.instance_id);
    if ((*instance)->vpc_id != table.vpc_id) return DifferentNetworks(table, "instance", request.instance_id);
    route.instance_id = request.instance_id;
    // The route goes to the instance's primary interface, when its interfaces are kept as records.
    auto interfaces = InterfacesOf(view.partition(), request.instance_id);
    if (!interfaces.empty()) route.network_interface_id = interfaces.front()->network_interface_id;
  }
  return Ok{};
}

// A destination inside one of the table's local routes may only go to an interface or an instance (AWS's
// more specific routing). Errors: InvalidParameterValue.
Status CheckMoreSpecific(const RouteTable& table, const Route& route) {
  auto destination = ParseCidr(route.destination_cidr_block);
  if (!destination || !route.network_interface_id.empty() || !route.instance_id.empty()) return Ok{};
  for (const Route& local : table.routes) {
    auto block = local.gateway_id == "local" ? ParseCidr(local.destination_cidr_block) : std::nullopt;
    if (block && block->Contains(*destination)) {
      return MakeError(codes::kInvalidParameterValue,
                       "The destination CIDR block " + route.destination_cidr_block +
                           " is equal to or more specific than one of this VPC's CIDR blocks. This route can "
                           "target only an interface or an instance.");
    }
  }
  return Ok{};
}

// `route` (its destination set) given the request's target, as CreateRoute and ReplaceRoute take it.
// Errors: SetTarget's, CheckMoreSpecific's.
Status Aim(const View& view, const RouteTable& table, const RouteRequest& request, Route& route) {
  if (auto target = SetTarget(view, table, TargetsByKind(request), route); !target) return target;
  return CheckMoreSpecific(table, route);
}

bool SameDestination(const Route& a, const Route& b) {
  return a.destination_cidr_block == b.destination_cidr_block &&
         a.destination_ipv6_cidr_block == b.destination_ipv6_cidr_block;
}

std::string DestinationText(const Route& route) {
  return route.destination_cidr_block.empty() ? route.destination_ipv6_cidr_block
                                              : route.destination_cidr_block;
}

// The table's route to `destination`, or end.
std::vector<Route>::iterator RouteTo(RouteTable& table, const Route& destination) {
  return std::find_if(table.routes.begin(), table.routes.end(),
                      [&](const Route& r) { return SameDestination(r, destination); });
}

}  // namespace

Status CreateRoute(Ec2& ec2, const Caller& caller, const RouteRequest& request) {
  auto route = DestinationOf(request);
  if (!route) return std::move(route).error();
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<RouteTable>(request.route_table_id);
    if (!found) return std::move(found).error();
    RouteTable table = **found;
    if (RouteTo(table, *route) != table.routes.end()) {
      return MakeError(codes::kRouteAlreadyExists,
                       "The route identified by " + DestinationText(*route) + " already exists.");
    }
    Route added = *route;
    if (auto aimed = Aim(tx, table, request, added); !aimed) return aimed;
    table.routes.push_back(added);
    tx.Put(table);
    return Ok{};
  });
}

Status ReplaceRoute(Ec2& ec2, const Caller& caller, const RouteRequest& request) {
  auto route = DestinationOf(request);
  if (!route) return std::move(route).error();
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<RouteTable>(request.route_table_id);
    if (!found) return std::move(found).error();
    RouteTable table = **found;
    auto existing = RouteTo(table, *route);
    if (existing == table.routes.end()) {
      return MakeError(codes::kInvalidParameterValue, "There is no route defined for '" +
                                                          DestinationText(*route) +
                                                          "' in the route table. Use CreateRoute instead.");
    }
    if (existing->gateway_id == "local") {
      return MakeError(codes::kInvalidParameterValue, "cannot replace local route " +
                                                          DestinationText(*route) + " in route table " +
                                                          table.route_table_id);
    }
    Route replaced = *route;
    if (auto aimed = Aim(tx, table, request, replaced); !aimed) return aimed;
    replaced.origin = existing->origin;
    *existing = replaced;
    tx.Put(table);
    return Ok{};
  });
}

Status DeleteRoute(Ec2& ec2, const Caller& caller, const RouteRequest& request) {
  auto route = DestinationOf(request);
  if (!route) return std::move(route).error();
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = tx.Find<RouteTable>(request.route_table_id);
    if (!found) return std::move(found).error();
    RouteTable table = **found;
    auto existing = RouteTo(table, *route);
    const std::string destination = DestinationText(*route);
    const char* kind =
        route->destination_cidr_block.empty() ? "destination-ipv6-cidr-block" : "destination-cidr-block";
    if (existing == table.routes.end()) {
      return MakeError(codes::kRouteNotFound, std::string("no route with ") + kind + " " + destination +
                                                  " in route table " + table.route_table_id);
    }
    if (existing->gateway_id == "local") {
      return MakeError(codes::kInvalidParameterValue, "cannot remove local route " + destination +
                                                          " in route table " + table.route_table_id);
    }
    table.routes.erase(existing);
    tx.Put(table);
    return Ok{};
  });
}

std::string_view RouteState(const View& view, const RouteTable& table, const Route& route) {
  constexpr std::string_view kActive = "active";
  constexpr std::string_view kBlackhole = "blackhole";
  const Partition& p = view.partition();
  if (route.gateway_id == "local") return kActive;
  if (!route.gateway_id.empty()) {
    const InternetGateway* gateway = Lookup<InternetGateway>(p, route.gateway_id);
    return gateway != nullptr && gateway->vpc_id == table.vpc_id ? kActive : kBlackhole;
  }
  if (!route.nat_gateway_id.empty()) {
    const NatGateway* gateway = Lookup<NatGateway>(p, route.nat_gateway_id);
    if (gateway == nullptr) return kBlackhole;
    std::string_view state = CurrentNatState(*gateway, view.now(), view.timing());
    return state == nat_states::kDeleting || state == nat_states::kDeleted ? kBlackhole : kActive;
  }
  if (!route.egress_only_internet_gateway_id.empty()) {
    return Lookup<EgressOnlyInternetGateway>(p, route.egress_only_internet_gateway_id) ? kActive : kBlackhole;
  }
  if (!route.instance_id.empty()) {
    const Instance* instance = Lookup<Instance>(p, route.instance_id);
    if (instance == nullptr) return kBlackhole;
    std::string_view state = CurrentState(*instance, view.now(), view.timing());
    if (state != states::kRunning && state != states::kPending) return kBlackhole;
    if (route.network_interface_id.empty()) return kActive;
  }
  if (!route.network_interface_id.empty()) {
    return Lookup<NetworkInterface>(p, route.network_interface_id) ? kActive : kBlackhole;
  }
  return kBlackhole;
}

}  // namespace localec2::model
