#include <optional>
#include <string_view>
#include <utility>

#include "api/actions/families.hpp"
#include "api/actions/instances/instance_output.hpp"
#include "api/actions/json_sink.hpp"
#include "api/protocol/base64.hpp"
#include "api/protocol/service_model.hpp"
#include "api/protocol/xml_sink.hpp"
#include "model/core/states.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/instances/instances.hpp"
#include "model/network/addressing.hpp"

namespace localec2::api {
namespace {

// Built by assignment rather than brace lists: nlohmann copies every value of an initializer list, and
// this is the hot path of RunInstances and DescribeInstances.
Json StateJson(std::string_view state) {
  Json out = Json::object();
  out["Code"] = model::StateCode(state);
  out["Name"] = state;
  return out;
}

// An instance of a RunInstances or DescribeInstances answer: for the Query protocol, its XML written straight
// from the view (the tree and its walk were most of a page of instances' cost); else the tree.
Json InstanceJson(const model::InstanceView& view, const std::string& region, bool xml) {
  if (!xml) {
    JsonSink out;
    instance_output::Instance(out, view, region);
    return std::move(out).Take();
  }
  static const ServiceModel& service = ServiceModel::Ec2();
  static const ShapeDef& shape = *service.FindShape("Instance");
  std::string fragment;
  fragment.reserve(4096);
  XmlSink out(service, shape, fragment);
  instance_output::Instance(out, view, region);
  return Json::binary(Json::binary_t::container_type(fragment.begin(), fragment.end()));
}

Json ReservationJson(const model::Reservation& reservation, const std::string& region, bool xml) {
  Json instances = Json::array();
  for (const model::InstanceView& view : reservation.instances)
    instances.push_back(InstanceJson(view, region, xml));
  return {{"ReservationId", reservation.reservation_id},
          {"OwnerId", reservation.owner_id},
          {"Groups", Json::array()},
          {"Instances", std::move(instances)}};
}

Json StateChangesJson(const std::vector<model::StateChange>& changes) {
  Json items = Json::array();
  for (const model::StateChange& c : changes) {
    items.push_back({{"InstanceId", c.instance_id},
                     {"PreviousState", StateJson(c.previous_state)},
                     {"CurrentState", StateJson(c.current_state)}});
  }
  return items;
}

// Placement: AvailabilityZone ("" is unset, as Terraform sends it), Tenancy, GroupName; the members
// localec2 does not emulate are named so the model refuses them.
void ReadPlacement(const Json& input, model::RunInstancesRequest& request) {
  auto placement = input.find("Placement");
  if (placement == input.end()) return;
  request.availability_zone = StringMember(*placement, "AvailabilityZone");
  request.options.tenancy = StringMember(*placement, "Tenancy");
  request.options.placement_group = StringMember(*placement, "GroupName");
  request.options.partition_number = OptionalInt(*placement, "PartitionNumber");
  for (const char* member :
       {"Affinity", "GroupId", "HostId", "SpreadDomain", "HostResourceGroupArn", "AvailabilityZoneId"}) {
    if (placement->contains(member)) {
      request.options.unsupported = std::string("Placement.") + member;
      return;
    }
  }
}

void ReadLaunchOptions(const Json& input, model::LaunchOptions& options) {
  if (auto hibernation = input.find("HibernationOptions"); hibernation != input.end())
    options.hibernation_configured = BoolMember(*hibernation, "Configured");
  if (auto cpu = input.find("CpuOptions"); cpu != input.end()) {
    options.core_count = OptionalInt(*cpu, "CoreCount");
    options.threads_per_core = OptionalInt(*cpu, "ThreadsPerCore");
    options.nested_virtualization = StringMember(*cpu, "NestedVirtualization");
    options.amd_sev_snp = StringMember(*cpu, "AmdSevSnp");
  }
  if (auto credits = input.find("CreditSpecification"); credits != input.end())
    options.cpu_credits = StringMember(*credits, "CpuCredits");
  if (auto maintenance = input.find("MaintenanceOptions"); maintenance != input.end())
    options.auto_recovery = StringMember(*maintenance, "AutoRecovery");
  if (auto dns = input.find("PrivateDnsNameOptions"); dns != input.end()) {
    options.hostname_type = StringMember(*dns, "HostnameType");
    options.dns_a_record = OptionalBool(*dns, "EnableResourceNameDnsARecord");
    options.dns_aaaa_record = OptionalBool(*dns, "EnableResourceNameDnsAAAARecord");
  }
  if (auto enclave = input.find("EnclaveOptions"); enclave != input.end())
    options.enclave_enabled = BoolMember(*enclave, "Enabled");
  if (auto capacity = input.find("CapacityReservationSpecification"); capacity != input.end()) {
    options.capacity_reservation_preference = StringMember(*capacity, "CapacityReservationPreference");
    options.capacity_reservation_target = capacity->contains("CapacityReservationTarget");
  }
}

// NetworkInterfaces: new interfaces (subnet, groups, description, addresses, public address) or existing
// ones by id. Members localec2 does not emulate (IPv6, prefixes, other interface types, network cards, ENA
// and connection tracking options) are named so the model refuses them.
void ReadNetworkInterfaces(const Json& input, model::RunInstancesRequest& request) {
  auto interfaces = input.find("NetworkInterfaces");
  if (interfaces == input.end()) return;
  for (size_t n = 0; n < interfaces->size(); ++n) {
    const Json& entry = (*interfaces)[n];
    const std::string name = "NetworkInterface." + std::to_string(n + 1) + ".";
    model::LaunchInterface spec;
    for (const auto& [member, value] : entry.items()) {
      const bool emulated =
          member == "DeviceIndex" || member == "NetworkInterfaceId" || member == "SubnetId" ||
          member == "Groups" || member == "Description" || member == "PrivateIpAddress" ||
          member == "PrivateIpAddresses" || member == "SecondaryPrivateIpAddressCount" ||
          member == "AssociatePublicIpAddress" || member == "DeleteOnTermination" ||
          (member == "NetworkCardIndex" && value == 0) || (member == "InterfaceType" && value == "interface");
      if (!emulated && request.options.unsupported.empty()) request.options.unsupported = name + member;
    }
    spec.device_index = OptionalInt(entry, "DeviceIndex").value_or(0);
    spec.network_interface_id = StringMember(entry, "NetworkInterfaceId");
    spec.subnet_id = StringMember(entry, "SubnetId");
    spec.group_ids = StringList(entry, "Groups");
    spec.description = StringMember(entry, "Description");
    spec.private_ip = StringMember(entry, "PrivateIpAddress");
    if (auto addresses = entry.find("PrivateIpAddresses"); addresses != entry.end()) {
      for (const Json& address : *addresses) {
        const std::string ip = StringMember(address, "PrivateIpAddress");
        if (BoolMember(address, "Primary") && spec.private_ip.empty()) {
          spec.private_ip = ip;
        } else if (ip != spec.private_ip) {
          spec.secondary_private_ips.push_back(ip);
        }
      }
    }
    spec.secondary_private_ip_count = OptionalInt(entry, "SecondaryPrivateIpAddressCount").value_or(0);
    spec.associate_public_ip = OptionalBool(entry, "AssociatePublicIpAddress");
    spec.delete_on_termination = OptionalBool(entry, "DeleteOnTermination");
    request.network_interfaces.push_back(std::move(spec));
  }
}

// RunInstances members localec2 does not emulate, refused by name rather than dropped.
void ReadUnemulated(const Json& input, model::RunInstancesRequest& request) {
  for (const char* member :
       {"Ipv6AddressCount", "Ipv6Addresses", "KernelId", "RamdiskId", "ElasticGpuSpecification",
        "ElasticInferenceAccelerators", "InstanceMarketOptions", "LicenseSpecifications", "EnablePrimaryIpv6",
        "NetworkPerformanceOptions", "SecondaryInterfaces"}) {
    if (input.contains(member) && request.options.unsupported.empty()) request.options.unsupported = member;
  }
}

model::Result<Json> RunInstances(ActionContext& context, const Json& input) {
  model::RunInstancesRequest request;
  request.image_id = StringMember(input, "ImageId");
  request.min_count = input.value("MinCount", 1LL);
  request.max_count = input.value("MaxCount", 1LL);
  request.instance_type = StringMember(input, "InstanceType");
  request.key_name = StringMember(input, "KeyName");
  request.group_ids = StringList(input, "SecurityGroupIds");
  request.group_names = StringList(input, "SecurityGroups");
  request.subnet_id = StringMember(input, "SubnetId");
  ReadPlacement(input, request);
  request.user_data = StringMember(input, "UserData");
  request.block_device_mappings = BlockDeviceMappingList(input);
  if (auto profile = input.find("IamInstanceProfile"); profile != input.end()) {
    request.iam_profile_arn = StringMember(*profile, "Arn");
    request.iam_profile_name = StringMember(*profile, "Name");
  }
  request.tag_specifications = TagSpecificationList(input);
  request.client_token = StringMember(input, "ClientToken");
  request.ebs_optimized = BoolMember(input, "EbsOptimized");
  if (auto monitoring = input.find("Monitoring"); monitoring != input.end()) {
    request.monitoring = BoolMember(*monitoring, "Enabled");
  }
  request.disable_api_termination = BoolMember(input, "DisableApiTermination");
  request.disable_api_stop = BoolMember(input, "DisableApiStop");
  request.shutdown_behavior = input.value("InstanceInitiatedShutdownBehavior", "stop");
  if (auto metadata = input.find("MetadataOptions"); metadata != input.end()) {
    request.http_tokens = StringMember(*metadata, "HttpTokens");
    request.http_endpoint = StringMember(*metadata, "HttpEndpoint");
    if (metadata->contains("HttpPutResponseHopLimit")) {
      request.http_put_response_hop_limit = (*metadata)["HttpPutResponseHopLimit"].get<int>();
    }
    request.options.http_protocol_ipv6 = StringMember(*metadata, "HttpProtocolIpv6");
    request.options.instance_metadata_tags = StringMember(*metadata, "InstanceMetadataTags");
  }
  if (auto lt = input.find("LaunchTemplate"); lt != input.end()) {
    request.launch_template = model::LaunchTemplateSpec{StringMember(*lt, "LaunchTemplateId"),
                                                        StringMember(*lt, "LaunchTemplateName"),
                                                        StringMember(*lt, "Version"),
                                                        {}};
    for (const auto& [member, value] : input.items()) request.launch_template->call_members.push_back(member);
  }
  ReadLaunchOptions(input, request.options);
  request.private_ip = StringMember(input, "PrivateIpAddress");
  ReadNetworkInterfaces(input, request);
  ReadUnemulated(input, request);
  auto reservation = model::RunInstances(context.ec2, context.caller, request);
  if (!reservation) return std::move(reservation).error();
  return ReservationJson(*reservation, context.caller.region, context.xml_fragments);
}

model::Result<Json> DescribeInstances(ActionContext& context, const Json& input) {
  auto page = model::DescribeInstances(context.ec2, context.caller,
                                       {StringList(input, "InstanceIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Reservation& reservation : page->items)
    items.push_back(ReservationJson(reservation, context.caller.region, context.xml_fragments));
  return PagedOutput("Reservations", std::move(items), page->next_token);
}

model::Result<Json> StartInstances(ActionContext& context, const Json& input) {
  auto changes = model::StartInstances(context.ec2, context.caller, StringList(input, "InstanceIds"));
  if (!changes) return std::move(changes).error();
  return Json{{"StartingInstances", StateChangesJson(*changes)}};
}

model::Result<Json> StopInstances(ActionContext& context, const Json& input) {
  auto changes = model::StopInstances(context.ec2, context.caller, StringList(input, "InstanceIds"),
                                      BoolMember(input, "Hibernate"));
  if (!changes) return std::move(changes).error();
  return Json{{"StoppingInstances", StateChangesJson(*changes)}};
}

model::Result<Json> TerminateInstances(ActionContext& context, const Json& input) {
  auto changes = model::TerminateInstances(context.ec2, context.caller, StringList(input, "InstanceIds"));
  if (!changes) return std::move(changes).error();
  return Json{{"TerminatingInstances", StateChangesJson(*changes)}};
}

model::Result<Json> RebootInstances(ActionContext& context, const Json& input) {
  auto rebooted = model::RebootInstances(context.ec2, context.caller, StringList(input, "InstanceIds"));
  if (!rebooted) return std::move(rebooted).error();
  return Json::object();
}

model::Result<Json> DescribeInstanceAttribute(ActionContext& context, const Json& input) {
  auto view = model::DescribeInstance(context.ec2, context.caller, StringMember(input, "InstanceId"));
  if (!view) return std::move(view).error();
  const model::Instance& i = view->instance;
  const std::string attribute = StringMember(input, "Attribute");
  Json out = {{"InstanceId", i.instance_id}};
  auto value = [](auto v) { return Json{{"Value", v}}; };
  if (attribute == "instanceType") out["InstanceType"] = value(i.instance_type);
  if (attribute == "kernel") out["KernelId"] = Json::object();
  if (attribute == "ramdisk") out["RamdiskId"] = Json::object();
  if (attribute == "userData") out["UserData"] = i.user_data.empty() ? Json::object() : value(i.user_data);
  if (attribute == "disableApiTermination") out["DisableApiTermination"] = value(i.disable_api_termination);
  if (attribute == "disableApiStop") out["DisableApiStop"] = value(i.disable_api_stop);
  if (attribute == "instanceInitiatedShutdownBehavior") {
    out["InstanceInitiatedShutdownBehavior"] = value(i.shutdown_behavior);
  }
  if (attribute == "rootDeviceName") out["RootDeviceName"] = value(i.root_device_name);
  if (attribute == "blockDeviceMapping") {
    JsonSink devices;
    instance_output::BlockDevices(devices, i);
    out.update(std::move(devices).Take());
  }
  if (attribute == "productCodes") out["ProductCodes"] = Json::array();
  if (attribute == "sourceDestCheck") out["SourceDestCheck"] = value(i.source_dest_check);
  if (attribute == "groupSet") {
    JsonSink groups;
    instance_output::Groups(groups, "Groups", view->groups);
    out.update(std::move(groups).Take());
  }
  if (attribute == "ebsOptimized") out["EbsOptimized"] = value(i.ebs_optimized);
  if (attribute == "sriovNetSupport") out["SriovNetSupport"] = value("simple");
  if (attribute == "enaSupport") out["EnaSupport"] = value(true);
  if (attribute == "enclaveOptions") out["EnclaveOptions"] = {{"Enabled", i.enclave_enabled}};
  return out;
}

// ModifyInstanceAttribute's generic form, Attribute=<name>&Value=<text>: the request member each name
// sets, from the text or from it read as a flag.
using ModifyRequest = model::ModifyInstanceAttributeRequest;
constexpr std::pair<std::string_view, std::optional<std::string> ModifyRequest::*> kTextAttributes[] = {
    {"userData", &ModifyRequest::user_data},
    {"instanceType", &ModifyRequest::instance_type},
    {"instanceInitiatedShutdownBehavior", &ModifyRequest::shutdown_behavior},
};
constexpr std::pair<std::string_view, std::optional<bool> ModifyRequest::*> kFlagAttributes[] = {
    {"disableApiTermination", &ModifyRequest::disable_api_termination},
    {"disableApiStop", &ModifyRequest::disable_api_stop},
    {"ebsOptimized", &ModifyRequest::ebs_optimized},
    {"sourceDestCheck", &ModifyRequest::source_dest_check},
};

// Sets the member `attribute` names from `text`. Errors: InvalidParameterValue for an unknown attribute.
model::Status SetAttribute(ModifyRequest& request, const std::string& attribute, const std::string& text) {
  for (const auto& [name, member] : kTextAttributes) {
    if (name != attribute) continue;
    request.*member = text;
    return model::Ok{};
  }
  for (const auto& [name, member] : kFlagAttributes) {
    if (name != attribute) continue;
    request.*member = text == "true" || text == "True";
    return model::Ok{};
  }
  return model::MakeError(model::codes::kInvalidParameterValue,
                          "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
}

model::Result<Json> ModifyInstanceAttribute(ActionContext& context, const Json& input) {
  model::ModifyInstanceAttributeRequest request;
  request.instance_id = StringMember(input, "InstanceId");
  // UserData arrives as a blob (the parser decoded its base64); the instance keeps it base64.
  if (auto raw = ValueOf<std::string>(input, "UserData")) request.user_data = Base64Encode(*raw);
  request.instance_type = ValueOf<std::string>(input, "InstanceType");
  request.disable_api_termination = ValueOf<bool>(input, "DisableApiTermination");
  request.disable_api_stop = ValueOf<bool>(input, "DisableApiStop");
  request.shutdown_behavior = ValueOf<std::string>(input, "InstanceInitiatedShutdownBehavior");
  request.ebs_optimized = ValueOf<bool>(input, "EbsOptimized");
  request.source_dest_check = ValueOf<bool>(input, "SourceDestCheck");
  if (input.contains("Groups")) request.group_ids = StringList(input, "Groups");
  if (auto mappings = input.find("BlockDeviceMappings"); mappings != input.end()) {
    for (const Json& m : *mappings) {
      if (auto ebs = m.find("Ebs"); ebs != m.end() && ebs->contains("DeleteOnTermination")) {
        request.delete_on_termination.emplace_back(StringMember(m, "DeviceName"),
                                                   (*ebs)["DeleteOnTermination"].get<bool>());
      }
    }
  }
  // The generic form: Attribute=<name>&Value=<text> (what `--attribute X --value Y` sends).
  if (const std::string attribute = StringMember(input, "Attribute"); !attribute.empty()) {
    if (auto set = SetAttribute(request, attribute, StringMember(input, "Value")); !set)
      return std::move(set).error();
  }
  auto modified = model::ModifyInstanceAttribute(context.ec2, context.caller, request);
  if (!modified) return std::move(modified).error();
  return Json::object();
}

model::Result<Json> ResetInstanceAttribute(ActionContext& context, const Json& input) {
  auto reset = model::ResetInstanceAttribute(context.ec2, context.caller, StringMember(input, "InstanceId"),
                                             StringMember(input, "Attribute"));
  if (!reset) return std::move(reset).error();
  return Json::object();
}

}  // namespace

std::span<const ActionEntry> InstanceActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(DescribeInstanceAttribute),
                                             LOCALEC2_ACTION(DescribeInstances),
                                             LOCALEC2_ACTION(ModifyInstanceAttribute),
                                             LOCALEC2_ACTION(RebootInstances),
                                             LOCALEC2_ACTION(ResetInstanceAttribute),
                                             LOCALEC2_ACTION(RunInstances),
                                             LOCALEC2_ACTION(StartInstances),
                                             LOCALEC2_ACTION(StopInstances),
                                             LOCALEC2_ACTION(TerminateInstances)};
  return kActions;
}

}  // namespace localec2::api
