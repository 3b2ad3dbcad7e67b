// Route tables, their associations and routes (model/network/route_tables.hpp).
#include "api/actions/families.hpp"
#include "model/network/route_tables.hpp"

namespace localec2::api {
namespace {

Json AssociationJson(const model::RouteTableAssociation& a, const std::string& route_table_id) {
  Json out = {{"RouteTableAssociationId", a.association_id},
              {"RouteTableId", route_table_id},
              {"Main", a.main},
              {"AssociationState", {{"State", "associated"}}}};
  if (!a.subnet_id.empty()) out["SubnetId"] = a.subnet_id;
  if (!a.gateway_id.empty()) out["GatewayId"] = a.gateway_id;
  return out;
}

Json RouteJson(const model::Route& r, const std::string& state, const std::string& owner_id) {
  Json out = {{"Origin", r.origin}, {"State", state}};
  auto put = [&](const char* member, const std::string& value) {
    if (!value.empty()) out[member] = value;
  };
  put("DestinationCidrBlock", r.destination_cidr_block);
  put("DestinationIpv6CidrBlock", r.destination_ipv6_cidr_block);
  put("GatewayId", r.gateway_id);
  put("NatGatewayId", r.nat_gateway_id);
  put("EgressOnlyInternetGatewayId", r.egress_only_internet_gateway_id);
  put("NetworkInterfaceId", r.network_interface_id);
  put("InstanceId", r.instance_id);
  if (!r.instance_id.empty()) out["InstanceOwnerId"] = owner_id;
  return out;
}

Json RouteTableJson(const model::RouteTable& t, const std::vector<std::string>& route_states) {
  Json routes = Json::array();
  for (size_t i = 0; i < t.routes.size(); ++i) {
    routes.push_back(
        RouteJson(t.routes[i], i < route_states.size() ? route_states[i] : "active", t.owner_id));
  }
  Json associations = Json::array();
  for (const model::RouteTableAssociation& a : t.associations)
    associations.push_back(AssociationJson(a, t.route_table_id));
  Json out = {{"RouteTableId", t.route_table_id},
              {"VpcId", t.vpc_id},
              {"OwnerId", t.owner_id},
              {"Routes", std::move(routes)},
              {"Associations", associations},
              {"PropagatingVgws", Json::array()}};
  PutTags(out, t.tags);
  return out;
}

// The route of a Create/Replace/DeleteRoute request; members localec2 does not emulate are named so the
// model refuses them rather than dropping them.
model::RouteRequest RouteRequestOf(const Json& input) {
  model::RouteRequest request;
  request.route_table_id = StringMember(input, "RouteTableId");
  request.destination_cidr_block = StringMember(input, "DestinationCidrBlock");
  request.destination_ipv6_cidr_block = StringMember(input, "DestinationIpv6CidrBlock");
  request.gateway_id = StringMember(input, "GatewayId");
  request.nat_gateway_id = StringMember(input, "NatGatewayId");
  request.network_interface_id = StringMember(input, "NetworkInterfaceId");
  request.instance_id = StringMember(input, "InstanceId");
  request.egress_only_internet_gateway_id = StringMember(input, "EgressOnlyInternetGatewayId");
  for (const char* member :
       {"DestinationPrefixListId", "VpcPeeringConnectionId", "TransitGatewayId", "LocalGatewayId",
        "CarrierGatewayId", "CoreNetworkArn", "OdbNetworkArn", "VpcEndpointId", "LocalTarget"}) {
    if (input.contains(member) && request.unsupported.empty()) request.unsupported = member;
  }
  return request;
}

model::Result<Json> CreateRouteTable(ActionContext& context, const Json& input) {
  model::CreateRouteTableRequest request{StringMember(input, "VpcId"), StringMember(input, "ClientToken"),
                                         TagSpecificationList(input)};
  auto table = model::CreateRouteTable(context.ec2, context.caller, request);
  if (!table) return std::move(table).error();
  Json out = {{"RouteTable", RouteTableJson(*table, {})}};
  if (!request.client_token.empty()) out["ClientToken"] = request.client_token;
  return out;
}

model::Result<Json> DeleteRouteTable(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteRouteTable(context.ec2, context.caller, StringMember(input, "RouteTableId"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> AssociateRouteTable(ActionContext& context, const Json& input) {
  if (input.contains("PublicIpv4Pool")) {
    return model::MakeError(model::codes::kInvalidParameterValue,
                            "The parameter PublicIpv4Pool is not supported by localec2.");
  }
  model::AssociateRouteTableRequest request{
      StringMember(input, "RouteTableId"), StringMember(input, "SubnetId"), StringMember(input, "GatewayId")};
  auto association = model::AssociateRouteTable(context.ec2, context.caller, request);
  if (!association) return std::move(association).error();
  return Json{{"AssociationId", association->association_id},
              {"AssociationState", {{"State", "associated"}}}};
}

model::Result<Json> DisassociateRouteTable(ActionContext& context, const Json& input) {
  auto done =
      model::DisassociateRouteTable(context.ec2, context.caller, StringMember(input, "AssociationId"));
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> ReplaceRouteTableAssociation(ActionContext& context, const Json& input) {
  auto association = model::ReplaceRouteTableAssociation(
      context.ec2, context.caller, StringMember(input, "AssociationId"), StringMember(input, "RouteTableId"));
  if (!association) return std::move(association).error();
  return Json{{"NewAssociationId", association->association_id},
              {"AssociationState", {{"State", "associated"}}}};
}

model::Result<Json> CreateRoute(ActionContext& context, const Json& input) {
  auto created = model::CreateRoute(context.ec2, context.caller, RouteRequestOf(input));
  if (!created) return std::move(created).error();
  return Json{{"Return", true}};
}

model::Result<Json> ReplaceRoute(ActionContext& context, const Json& input) {
  auto replaced = model::ReplaceRoute(context.ec2, context.caller, RouteRequestOf(input));
  if (!replaced) return std::move(replaced).error();
  return Json::object();
}

model::Result<Json> DeleteRoute(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteRoute(context.ec2, context.caller, RouteRequestOf(input));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> DescribeRouteTables(ActionContext& context, const Json& input) {
  auto page = model::DescribeRouteTables(
      context.ec2, context.caller, {StringList(input, "RouteTableIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::DescribedRouteTable& t : page->items) items.push_back(RouteTableJson(t, t.route_states));
  return PagedOutput("RouteTables", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> RouteTableActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AssociateRouteTable),
      LOCALEC2_ACTION(CreateRoute),
      LOCALEC2_ACTION(CreateRouteTable),
      LOCALEC2_ACTION(DeleteRoute),
      LOCALEC2_ACTION(DeleteRouteTable),
      LOCALEC2_ACTION(DescribeRouteTables),
      LOCALEC2_ACTION(DisassociateRouteTable),
      LOCALEC2_ACTION(ReplaceRoute),
      LOCALEC2_ACTION(ReplaceRouteTableAssociation),
  };
  return kActions;
}

}  // namespace localec2::api
