// Network interfaces: Create/Delete/Attach/DetachNetworkInterface, their attributes, their secondary
// private addresses and DescribeNetworkInterfaces (botocore's NetworkInterface shape).
#include "api/actions/families.hpp"
#include "model/network/addressing.hpp"
#include "model/network/network_interfaces.hpp"

namespace localec2::api {
namespace {

// The first of `members` present in `input`: a member localec2 does not emulate, refused by the model.
std::string FirstPresent(const Json& input, std::initializer_list<const char*> members) {
  for (const char* member : members) {
    if (input.contains(member)) return member;
  }
  return "";
}

Json AssociationJson(const model::PublicAddress& a, const std::string& region) {
  Json out = {{"PublicIp", a.public_ip},
              {"PublicDnsName", model::PublicDnsNameOf(a.public_ip, region)},
              {"IpOwnerId", a.ip_owner_id}};
  if (!a.allocation_id.empty()) {
    out["AllocationId"] = a.allocation_id;
    out["AssociationId"] = a.association_id;
  }
  return out;
}

Json AttachmentJson(const model::InterfaceAttachment& a) {
  return {{"AttachmentId", a.attachment_id},          {"InstanceId", a.instance_id},
          {"InstanceOwnerId", a.instance_owner_id},   {"DeviceIndex", a.device_index},
          {"NetworkCardIndex", a.network_card_index}, {"Status", a.status},
          {"AttachTime", a.attach_time_ms},           {"DeleteOnTermination", a.delete_on_termination}};
}

Json GroupsJson(const model::NetworkInterfaceView& v) {
  Json groups = Json::array();
  for (const auto& [id, name] : v.groups) groups.push_back({{"GroupId", id}, {"GroupName", name}});
  return groups;
}

Json InterfaceJson(const model::NetworkInterfaceView& v, const std::string& region) {
  const model::NetworkInterface& e = v.eni;
  Json addresses = Json::array();
  Json primary = {{"Primary", true},
                  {"PrivateIpAddress", e.private_ip},
                  {"PrivateDnsName", model::PrivateDnsNameOf(e.private_ip, region)}};
  if (e.has_public) primary["Association"] = AssociationJson(e.public_address, region);
  addresses.push_back(std::move(primary));
  for (const std::string& ip : e.secondary_private_ips) {
    Json secondary = {{"Primary", false},
                      {"PrivateIpAddress", ip},
                      {"PrivateDnsName", model::PrivateDnsNameOf(ip, region)}};
    for (const auto& [address, association] : v.secondary_public) {
      if (address == ip) secondary["Association"] = AssociationJson(association, region);
    }
    addresses.push_back(std::move(secondary));
  }
  Json out = {{"NetworkInterfaceId", e.network_interface_id},
              {"SubnetId", e.subnet_id},
              {"VpcId", e.vpc_id},
              {"AvailabilityZone", e.availability_zone},
              {"Description", e.description},
              {"OwnerId", e.owner_id},
              {"InterfaceType", e.interface_type},
              {"RequesterManaged", e.requester_managed},
              {"MacAddress", e.mac_address},
              {"PrivateIpAddress", e.private_ip},
              {"PrivateDnsName", model::PrivateDnsNameOf(e.private_ip, region)},
              {"PrivateIpAddresses", std::move(addresses)},
              {"Groups", GroupsJson(v)},
              {"SourceDestCheck", e.source_dest_check},
              {"Status", e.status},
              {"Ipv6Addresses", Json::array()},
              {"TagSet", TagList(e.tags)}};
  if (!e.requester_id.empty()) out["RequesterId"] = e.requester_id;
  if (e.attached) out["Attachment"] = AttachmentJson(e.attachment);
  if (e.has_public) {
    out["Association"] = AssociationJson(e.public_address, region);
    out["PublicDnsName"] = model::PublicDnsNameOf(e.public_address.public_ip, region);
  }
  return out;
}

model::Result<Json> CreateNetworkInterface(ActionContext& context, const Json& input) {
  model::CreateNetworkInterfaceRequest request;
  request.subnet_id = StringMember(input, "SubnetId");
  request.description = StringMember(input, "Description");
  request.group_ids = StringList(input, "Groups");
  request.private_ip = StringMember(input, "PrivateIpAddress");
  if (auto it = input.find("PrivateIpAddresses"); it != input.end()) {
    for (const Json& spec : *it)
      request.private_ips.push_back({StringMember(spec, "PrivateIpAddress"), BoolMember(spec, "Primary")});
  }
  request.secondary_count = OptionalInt(input, "SecondaryPrivateIpAddressCount");
  request.interface_type = StringMember(input, "InterfaceType");
  request.tag_specifications = TagSpecificationList(input);
  request.client_token = StringMember(input, "ClientToken");
  request.unsupported = FirstPresent(
      input, {"Ipv6Addresses", "Ipv6AddressCount", "Ipv4Prefixes", "Ipv4PrefixCount", "Ipv6Prefixes",
              "Ipv6PrefixCount", "EnablePrimaryIpv6", "ConnectionTrackingSpecification", "Operator"});
  auto created = model::CreateNetworkInterface(context.ec2, context.caller, request);
  if (!created) return std::move(created).error();
  Json out = {{"NetworkInterface", InterfaceJson(*created, context.caller.region)}};
  if (!request.client_token.empty()) out["ClientToken"] = request.client_token;
  return out;
}

model::Result<Json> DeleteNetworkInterface(ActionContext& context, const Json& input) {
  auto done =
      model::DeleteNetworkInterface(context.ec2, context.caller, StringMember(input, "NetworkInterfaceId"));
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> AttachNetworkInterface(ActionContext& context, const Json& input) {
  model::AttachNetworkInterfaceRequest request;
  request.network_interface_id = StringMember(input, "NetworkInterfaceId");
  request.instance_id = StringMember(input, "InstanceId");
  request.device_index = OptionalInt(input, "DeviceIndex");
  request.network_card_index = OptionalInt(input, "NetworkCardIndex");
  request.unsupported = FirstPresent(input, {"EnaSrdSpecification", "EnaQueueCount"});
  auto attachment_id = model::AttachNetworkInterface(context.ec2, context.caller, request);
  if (!attachment_id) return std::move(attachment_id).error();
  return Json{{"AttachmentId", *attachment_id}, {"NetworkCardIndex", request.network_card_index.value_or(0)}};
}

model::Result<Json> DetachNetworkInterface(ActionContext& context, const Json& input) {
  auto done = model::DetachNetworkInterface(context.ec2, context.caller, StringMember(input, "AttachmentId"));
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> ModifyNetworkInterfaceAttribute(ActionContext& context, const Json& input) {
  model::ModifyNetworkInterfaceRequest request;
  request.network_interface_id = StringMember(input, "NetworkInterfaceId");
  request.description = ValueOf<std::string>(input, "Description");
  request.source_dest_check = ValueOf<bool>(input, "SourceDestCheck");
  if (input.contains("Groups")) request.group_ids = StringList(input, "Groups");
  if (auto it = input.find("Attachment"); it != input.end()) {
    request.attachment = model::InterfaceAttachmentChange{StringMember(*it, "AttachmentId"),
                                                          OptionalBool(*it, "DeleteOnTermination")};
    if (it->contains("EnaQueueCount")) request.unsupported = "Attachment.EnaQueueCount";
    if (it->contains("DefaultEnaQueueCount")) request.unsupported = "Attachment.DefaultEnaQueueCount";
  }
  if (request.unsupported.empty()) {
    request.unsupported =
        FirstPresent(input, {"EnaSrdSpecification", "EnablePrimaryIpv6", "ConnectionTrackingSpecification",
                             "AssociatePublicIpAddress", "AssociatedSubnetIds"});
  }
  auto done = model::ModifyNetworkInterfaceAttribute(context.ec2, context.caller, request);
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> DescribeNetworkInterfaceAttribute(ActionContext& context, const Json& input) {
  const std::string attribute = StringMember(input, "Attribute");
  auto found = model::DescribeNetworkInterfaceAttribute(context.ec2, context.caller,
                                                        StringMember(input, "NetworkInterfaceId"), attribute);
  if (!found) return std::move(found).error();
  const model::NetworkInterface& e = found->eni;
  Json out = {{"NetworkInterfaceId", e.network_interface_id}};
  if (attribute == "description") out["Description"] = ValueJson(e.description);
  if (attribute == "sourceDestCheck") out["SourceDestCheck"] = ValueJson(e.source_dest_check);
  if (attribute == "groupSet") out["Groups"] = GroupsJson(*found);
  if (attribute == "attachment" && e.attached) out["Attachment"] = AttachmentJson(e.attachment);
  return out;
}

model::Result<Json> ResetNetworkInterfaceAttribute(ActionContext& context, const Json& input) {
  auto done = model::ResetNetworkInterfaceAttribute(
      context.ec2, context.caller, StringMember(input, "NetworkInterfaceId"),
      input.contains("SourceDestCheck") ? "sourceDestCheck" : "");
  if (!done) return std::move(done).error();
  return Json::object();
}

model::Result<Json> AssignPrivateIpAddresses(ActionContext& context, const Json& input) {
  model::AssignPrivateIpsRequest request;
  request.network_interface_id = StringMember(input, "NetworkInterfaceId");
  request.addresses = StringList(input, "PrivateIpAddresses");
  request.count = OptionalInt(input, "SecondaryPrivateIpAddressCount");
  request.allow_reassignment = BoolMember(input, "AllowReassignment");
  request.unsupported = FirstPresent(input, {"Ipv4Prefixes", "Ipv4PrefixCount"});
  auto assigned = model::AssignPrivateIpAddresses(context.ec2, context.caller, request);
  if (!assigned) return std::move(assigned).error();
  Json items = Json::array();
  for (const std::string& ip : *assigned) items.push_back({{"PrivateIpAddress", ip}});
  return Json{{"NetworkInterfaceId", request.network_interface_id},
              {"AssignedPrivateIpAddresses", std::move(items)}};
}

model::Result<Json> UnassignPrivateIpAddresses(ActionContext& context, const Json& input) {
  auto done = model::UnassignPrivateIpAddresses(
      context.ec2, context.caller, StringMember(input, "NetworkInterfaceId"),
      StringList(input, "PrivateIpAddresses"), FirstPresent(input, {"Ipv4Prefixes"}));
  if (!done) return std::move(done).error();
  return Json::object();
}

// IncludeManagedResources changes nothing: localec2 has no service-managed (operator) interfaces to hide,
// so with or without it every interface is listed, as AWS lists them for an account without any.
model::Result<Json> DescribeNetworkInterfaces(ActionContext& context, const Json& input) {
  auto page = model::DescribeNetworkInterfaces(
      context.ec2, context.caller,
      {StringList(input, "NetworkInterfaceIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::NetworkInterfaceView& v : page->items)
    items.push_back(InterfaceJson(v, context.caller.region));
  return PagedOutput("NetworkInterfaces", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> InterfaceActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(AssignPrivateIpAddresses),
                                             LOCALEC2_ACTION(AttachNetworkInterface),
                                             LOCALEC2_ACTION(CreateNetworkInterface),
                                             LOCALEC2_ACTION(DeleteNetworkInterface),
                                             LOCALEC2_ACTION(DescribeNetworkInterfaceAttribute),
                                             LOCALEC2_ACTION(DescribeNetworkInterfaces),
                                             LOCALEC2_ACTION(DetachNetworkInterface),
                                             LOCALEC2_ACTION(ModifyNetworkInterfaceAttribute),
                                             LOCALEC2_ACTION(ResetNetworkInterfaceAttribute),
                                             LOCALEC2_ACTION(UnassignPrivateIpAddresses)};
  return kActions;
}

}  // namespace localec2::api
