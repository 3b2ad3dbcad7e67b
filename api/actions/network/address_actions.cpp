// Elastic IPs: AllocateAddress, AssociateAddress, DisassociateAddress, ReleaseAddress, DescribeAddresses and
// DescribeAddressesAttribute.
#include "api/actions/families.hpp"
#include "model/network/addresses.hpp"

namespace localec2::api {
namespace {

model::Result<Json> AllocateAddress(ActionContext& context, const Json& input) {
  model::AllocateAddressRequest request;
  request.domain = StringMember(input, "Domain");
  request.address = StringMember(input, "Address");
  request.public_ipv4_pool = StringMember(input, "PublicIpv4Pool");
  request.network_border_group = StringMember(input, "NetworkBorderGroup");
  request.customer_owned_ipv4_pool = StringMember(input, "CustomerOwnedIpv4Pool");
  request.ipam_pool_id = StringMember(input, "IpamPoolId");
  request.tag_specifications = TagSpecificationList(input);
  auto address = model::AllocateAddress(context.ec2, context.caller, request);
  if (!address) return std::move(address).error();
  return Json{{"AllocationId", address->allocation_id},
              {"PublicIp", address->public_ip},
              {"PublicIpv4Pool", address->public_ipv4_pool},
              {"NetworkBorderGroup", address->network_border_group},
              {"Domain", address->domain}};
}

model::Result<Json> AssociateAddress(ActionContext& context, const Json& input) {
  model::AssociateAddressRequest request;
  request.allocation_id = StringMember(input, "AllocationId");
  request.public_ip = StringMember(input, "PublicIp");
  request.instance_id = StringMember(input, "InstanceId");
  request.network_interface_id = StringMember(input, "NetworkInterfaceId");
  request.private_ip = StringMember(input, "PrivateIpAddress");
  request.allow_reassociation = BoolMember(input, "AllowReassociation");
  auto association_id = model::AssociateAddress(context.ec2, context.caller, request);
  if (!association_id) return std::move(association_id).error();
  return Json{{"AssociationId", *association_id}};
}

model::Result<Json> DisassociateAddress(ActionContext& context, const Json& input) {
  auto done = model::DisassociateAddress(context.ec2, context.caller, StringMember(input, "AssociationId"),
                                         StringMember(input, "PublicIp"));
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> ReleaseAddress(ActionContext& context, const Json& input) {
  auto done =
      model::ReleaseAddress(context.ec2, context.caller, StringMember(input, "AllocationId"),
                            StringMember(input, "PublicIp"), StringMember(input, "NetworkBorderGroup"));
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> DescribeAddresses(ActionContext& context, const Json& input) {
  auto addresses = model::DescribeAddresses(
      context.ec2, context.caller,
      {StringList(input, "AllocationIds"), StringList(input, "PublicIps"), FilterList(input)});
  if (!addresses) return std::move(addresses).error();
  Json items = Json::array();
  for (const model::Address& a : *addresses) {
    Json item = {{"AllocationId", a.allocation_id},
                 {"PublicIp", a.public_ip},
                 {"Domain", a.domain},
                 {"PublicIpv4Pool", a.public_ipv4_pool},
                 {"NetworkBorderGroup", a.network_border_group}};
    if (!a.association_id.empty()) {
      item["AssociationId"] = a.association_id;
      item["NetworkInterfaceId"] = a.network_interface_id;
      item["NetworkInterfaceOwnerId"] = a.network_interface_owner_id;
      item["PrivateIpAddress"] = a.private_ip;
      if (!a.instance_id.empty()) item["InstanceId"] = a.instance_id;
    }
    PutTags(item, a.tags);
    items.push_back(std::move(item));
  }
  return Json{{"Addresses", std::move(items)}};
}

model::Result<Json> DescribeAddressesAttribute(ActionContext& context, const Json& input) {
  auto page =
      model::DescribeAddressesAttribute(context.ec2, context.caller, StringList(input, "AllocationIds"),
                                        StringMember(input, "Attribute"), PageOf(input));
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Address& a : page->items)
    items.push_back({{"AllocationId", a.allocation_id}, {"PublicIp", a.public_ip}});
  return PagedOutput("Addresses", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> AddressActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AllocateAddress),     LOCALEC2_ACTION(AssociateAddress),
      LOCALEC2_ACTION(DescribeAddresses),   LOCALEC2_ACTION(DescribeAddressesAttribute),
      LOCALEC2_ACTION(DisassociateAddress), LOCALEC2_ACTION(ReleaseAddress)};
  return kActions;
}

}  // namespace localec2::api
