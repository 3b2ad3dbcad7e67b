// Internet gateways, egress-only internet gateways and NAT gateways (model/network/gateways.hpp).
#include "api/actions/families.hpp"
#include "model/core/time_format.hpp"
#include "model/network/gateways.hpp"

namespace localec2::api {
namespace {

Json InternetGatewayJson(const model::InternetGateway& g) {
  Json attachments = Json::array();
  // AWS shows "available" for an attached internet gateway.
  if (!g.vpc_id.empty()) attachments.push_back({{"State", "available"}, {"VpcId", g.vpc_id}});
  Json out = {
      {"InternetGatewayId", g.internet_gateway_id}, {"OwnerId", g.owner_id}, {"Attachments", attachments}};
  PutTags(out, g.tags);
  return out;
}

Json EgressOnlyJson(const model::EgressOnlyInternetGateway& g) {
  Json out = {{"EgressOnlyInternetGatewayId", g.egress_only_internet_gateway_id},
              {"Attachments", {{{"State", g.attachment_state}, {"VpcId", g.vpc_id}}}}};
  PutTags(out, g.tags);
  return out;
}

// A NAT gateway's address status follows the gateway's state.
std::string_view AddressStatus(std::string_view state) {
  if (state == model::nat_states::kPending) return "associating";
  if (state == model::nat_states::kDeleting || state == model::nat_states::kDeleted) return "disassociating";
  return "succeeded";
}

Json NatGatewayJson(const model::DescribedNatGateway& g) {
  Json address = {{"NetworkInterfaceId", g.network_interface_id},
                  {"PrivateIp", g.private_ip},
                  {"IsPrimary", true},
                  {"Status", AddressStatus(g.state)}};
  if (!g.allocation_id.empty()) {
    address["AllocationId"] = g.allocation_id;
    address["PublicIp"] = g.public_ip;
  }
  if (!g.association_id.empty()) address["AssociationId"] = g.association_id;
  Json out = {{"NatGatewayId", g.nat_gateway_id},
              {"SubnetId", g.subnet_id},
              {"VpcId", g.vpc_id},
              {"State", g.state},
              {"ConnectivityType", g.connectivity_type},
              {"AvailabilityMode", "zonal"},
              {"CreateTime", model::IsoTime(g.create_time_ms)},
              {"NatGatewayAddresses", {address}}};
  if (g.delete_time_ms != 0) out["DeleteTime"] = model::IsoTime(g.delete_time_ms);
  PutTags(out, g.tags);
  return out;
}

model::DescribeGatewaysRequest DescribeRequest(const Json& input, const char* ids_member) {
  return {StringList(input, ids_member), FilterList(input), PageOf(input)};
}

model::Result<Json> CreateInternetGateway(ActionContext& context, const Json& input) {
  auto gateway = model::CreateInternetGateway(context.ec2, context.caller, TagSpecificationList(input));
  if (!gateway) return std::move(gateway).error();
  return Json{{"InternetGateway", InternetGatewayJson(*gateway)}};
}

model::Result<Json> AttachInternetGateway(ActionContext& context, const Json& input) {
  auto attached = model::AttachInternetGateway(
      context.ec2, context.caller, StringMember(input, "InternetGatewayId"), StringMember(input, "VpcId"));
  if (!attached) return std::move(attached).error();
  return Json::object();
}

model::Result<Json> DetachInternetGateway(ActionContext& context, const Json& input) {
  auto detached = model::DetachInternetGateway(
      context.ec2, context.caller, StringMember(input, "InternetGatewayId"), StringMember(input, "VpcId"));
  if (!detached) return std::move(detached).error();
  return Json::object();
}

model::Result<Json> DeleteInternetGateway(ActionContext& context, const Json& input) {
  auto deleted =
      model::DeleteInternetGateway(context.ec2, context.caller, StringMember(input, "InternetGatewayId"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> DescribeInternetGateways(ActionContext& context, const Json& input) {
  auto page = model::DescribeInternetGateways(context.ec2, context.caller,
                                              DescribeRequest(input, "InternetGatewayIds"));
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::InternetGateway& g : page->items) items.push_back(InternetGatewayJson(g));
  return PagedOutput("InternetGateways", std::move(items), page->next_token);
}

model::Result<Json> CreateEgressOnlyInternetGateway(ActionContext& context, const Json& input) {
  model::CreateEgressOnlyInternetGatewayRequest request{
      StringMember(input, "VpcId"), StringMember(input, "ClientToken"), TagSpecificationList(input)};
  auto gateway = model::CreateEgressOnlyInternetGateway(context.ec2, context.caller, request);
  if (!gateway) return std::move(gateway).error();
  Json out = {{"EgressOnlyInternetGateway", EgressOnlyJson(*gateway)}};
  if (!request.client_token.empty()) out["ClientToken"] = request.client_token;
  return out;
}

model::Result<Json> DeleteEgressOnlyInternetGateway(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteEgressOnlyInternetGateway(context.ec2, context.caller,
                                                        StringMember(input, "EgressOnlyInternetGatewayId"));
  if (!deleted) return std::move(deleted).error();
  return Json{{"ReturnCode", true}};
}

model::Result<Json> DescribeEgressOnlyInternetGateways(ActionContext& context, const Json& input) {
  auto page = model::DescribeEgressOnlyInternetGateways(
      context.ec2, context.caller, DescribeRequest(input, "EgressOnlyInternetGatewayIds"));
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::EgressOnlyInternetGateway& g : page->items) items.push_back(EgressOnlyJson(g));
  return PagedOutput("EgressOnlyInternetGateways", std::move(items), page->next_token);
}

model::Result<Json> CreateNatGateway(ActionContext& context, const Json& input) {
  model::CreateNatGatewayRequest request{StringMember(input, "SubnetId"),
                                         StringMember(input, "ConnectivityType"),
                                         StringMember(input, "AllocationId"),
                                         StringMember(input, "PrivateIpAddress"),
                                         StringMember(input, "ClientToken"),
                                         TagSpecificationList(input),
                                         ""};
  // NAT gateway members localec2 does not emulate, refused by name rather than dropped.
  for (const char* member : {"VpcId", "AvailabilityZoneAddresses", "SecondaryAllocationIds",
                             "SecondaryPrivateIpAddresses", "SecondaryPrivateIpAddressCount"}) {
    if (input.contains(member) && request.unsupported.empty()) request.unsupported = member;
  }
  // Only zonal NAT gateways (the default) are emulated.
  if (const std::string mode = StringMember(input, "AvailabilityMode"); !mode.empty() && mode != "zonal") {
    request.unsupported = "AvailabilityMode (" + mode + ")";
  }
  auto gateway = model::CreateNatGateway(context.ec2, context.caller, request);
  if (!gateway) return std::move(gateway).error();
  Json out = {{"NatGateway", NatGatewayJson(*gateway)}};
  if (!request.client_token.empty()) out["ClientToken"] = request.client_token;
  return out;
}

model::Result<Json> DeleteNatGateway(ActionContext& context, const Json& input) {
  const std::string id = StringMember(input, "NatGatewayId");
  auto deleted = model::DeleteNatGateway(context.ec2, context.caller, id);
  if (!deleted) return std::move(deleted).error();
  return Json{{"NatGatewayId", id}};
}

model::Result<Json> DescribeNatGateways(ActionContext& context, const Json& input) {
  model::DescribeGatewaysRequest request = DescribeRequest(input, "NatGatewayIds");
  // DescribeNatGateways names its filters `Filter`, not `Filters`.
  if (input.contains("Filter")) request.filters = FilterList(Json{{"Filters", input["Filter"]}});
  auto page = model::DescribeNatGateways(context.ec2, context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::DescribedNatGateway& g : page->items) items.push_back(NatGatewayJson(g));
  return PagedOutput("NatGateways", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> GatewayActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AttachInternetGateway),
      LOCALEC2_ACTION(CreateEgressOnlyInternetGateway),
      LOCALEC2_ACTION(CreateInternetGateway),
      LOCALEC2_ACTION(CreateNatGateway),
      LOCALEC2_ACTION(DeleteEgressOnlyInternetGateway),
      LOCALEC2_ACTION(DeleteInternetGateway),
      LOCALEC2_ACTION(DeleteNatGateway),
      LOCALEC2_ACTION(DescribeEgressOnlyInternetGateways),
      LOCALEC2_ACTION(DescribeInternetGateways),
      LOCALEC2_ACTION(DescribeNatGateways),
      LOCALEC2_ACTION(DetachInternetGateway),
  };
  return kActions;
}

}  // namespace localec2::api
