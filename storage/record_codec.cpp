#include "storage/record_codec.hpp"

#include <nlohmann/json.hpp>
#include <optional>

#include "model/core/error_codes.hpp"
#include "model/core/resource_types.hpp"
#include "storage/json_writer.hpp"
#include "storage/record_fast_decode.hpp"

// std::optional members: absent (or null) is nullopt.
namespace nlohmann {
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value) {
      j = *value;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null()) {
      value.reset();
    } else {
      value = j.get<T>();
    }
  }
};
}  // namespace nlohmann

namespace localec2::model {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KeyPair, key_pair_id, key_name, key_type, fingerprint,
                                                public_key, create_time_ms, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SecurityGroupRule, rule_id, is_egress, ip_protocol, from_port,
                                                to_port, cidr_ipv4, cidr_ipv6, prefix_list_id,
                                                referenced_group_id, referenced_user_id, description, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SecurityGroup, group_id, group_name, description, vpc_id,
                                                owner_id, rules, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VpcCidrAssociation, association_id, cidr_block, state)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Vpc, vpc_id, cidr_block, cidr_association_id, secondary_cidrs,
                                                dhcp_options_id, owner_id, instance_tenancy, is_default,
                                                enable_dns_support, enable_dns_hostnames,
                                                enable_network_address_usage_metrics, state, create_time_ms,
                                                tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Subnet, subnet_id, vpc_id, availability_zone,
                                                availability_zone_id, cidr_block, owner_id, default_for_az,
                                                map_public_ip_on_launch, assign_ipv6_address_on_creation,
                                                enable_dns64, private_dns_hostname_type_on_launch,
                                                enable_resource_name_dns_a_record_on_launch,
                                                enable_resource_name_dns_aaaa_record_on_launch, state, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InterfaceAttachment, attachment_id, instance_id,
                                                instance_owner_id, device_index, network_card_index, status,
                                                attach_time_ms, delete_on_termination)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PublicAddress, public_ip, allocation_id, association_id,
                                                ip_owner_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NetworkInterface, network_interface_id, subnet_id, vpc_id,
                                                availability_zone, description, owner_id, interface_type,
                                                requester_managed, requester_id, mac_address, private_ip,
                                                secondary_private_ips, group_ids, source_dest_check, status,
                                                attached, attachment, has_public, public_address,
                                                launch_public_ip, client_token, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Address, allocation_id, public_ip, association_id,
                                                instance_id, network_interface_id, network_interface_owner_id,
                                                private_ip, network_border_group, public_ipv4_pool, domain,
                                                tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InternetGateway, internet_gateway_id, owner_id, vpc_id, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EgressOnlyInternetGateway, egress_only_internet_gateway_id,
                                                vpc_id, attachment_state, client_token, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NatGateway, nat_gateway_id, subnet_id, vpc_id,
                                                connectivity_type, allocation_id, network_interface_id,
                                                private_ip, public_ip, state, state_since_ms, create_time_ms,
                                                delete_time_ms, client_token, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Route, destination_cidr_block, destination_ipv6_cidr_block,
                                                destination_prefix_list_id, gateway_id,
                                                egress_only_internet_gateway_id, nat_gateway_id,
                                                network_interface_id, instance_id, vpc_peering_connection_id,
                                                origin)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RouteTableAssociation, association_id, main, subnet_id,
                                                gateway_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RouteTable, route_table_id, vpc_id, owner_id, routes,
                                                associations, client_token, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NetworkAclEntry, rule_number, egress, protocol, rule_action,
                                                cidr_block, ipv6_cidr_block, icmp_type, icmp_code, from_port,
                                                to_port)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NetworkAclAssociation, association_id, subnet_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NetworkAcl, network_acl_id, vpc_id, owner_id, is_default,
                                                entries, associations, client_token, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DhcpConfiguration, key, values)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RemovedDefault, key, type, id, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DhcpOptions, dhcp_options_id, owner_id, configurations, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InstanceVolume, device_name, volume_id, snapshot_id,
                                                volume_type, size_gib, delete_on_termination, attach_time_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BlockDevice, device_name, virtual_name, no_device, ebs,
                                                snapshot_id, volume_size_gib, volume_type, iops, throughput,
                                                delete_on_termination, encrypted, kms_key_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProductCode, id, type)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Image, image_id, name, description, owner_id, owner_alias,
                                                platform, platform_details, usage_operation, architecture,
                                                root_device_type, root_device_name, virtualization_type,
                                                boot_mode, tpm_support, imds_support, ena_support,
                                                sriov_net_support, image_location, creation_date, state,
                                                state_since_ms, is_public, launch_permissions, product_codes,
                                                block_devices, deprecation_time_ms, protection,
                                                protection_until_ms, last_launched_ms, source_instance_id,
                                                source_image_id, source_region, client_token, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Snapshot, snapshot_id, volume_id, owner_id, description,
                                                volume_size_gib, state, start_time_ms, encrypted, kms_key_id,
                                                is_public, create_volume_permissions, source_snapshot_id,
                                                tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VolumeModification, state, start_time_ms, original_size_gib,
                                                original_type, original_iops, original_throughput,
                                                target_size_gib, target_type, target_iops, target_throughput)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Volume, volume_id, availability_zone, snapshot_id,
                                                volume_type, size_gib, iops, throughput, encrypted,
                                                kms_key_id, create_time_ms, state, instance_id, device_name,
                                                attach_state, attach_since_ms, delete_on_termination,
                                                modifications, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MarketplaceSubscription, product_code, subscribed_ms, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BlockDeviceMappingRequest, device_name, virtual_name,
                                                no_device, has_ebs, volume_size, delete_on_termination,
                                                volume_type, snapshot_id, iops, throughput, encrypted,
                                                kms_key_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LaunchTemplateInterface, device_index, subnet_id, group_ids,
                                                network_interface_id, description, private_ip,
                                                secondary_private_ip_count, associate_public_ip,
                                                delete_on_termination)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LaunchTemplateData, image_id, instance_type, key_name,
                                                security_group_ids, security_groups, block_device_mappings,
                                                user_data, iam_profile_arn, iam_profile_name, http_tokens,
                                                http_endpoint, http_put_response_hop_limit,
                                                tag_specifications, monitoring, disable_api_termination,
                                                disable_api_stop, ebs_optimized, shutdown_behavior,
                                                availability_zone, network_interfaces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LaunchTemplateVersion, version_number, description,
                                                create_time_ms, client_token, data)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LaunchTemplate, launch_template_id, name, created_by,
                                                create_time_ms, default_version, latest_version, client_token,
                                                versions, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PlacementGroup, group_id, group_name, strategy,
                                                partition_count, spread_level, state, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Instance, instance_id, reservation_id, owner_id, image_id, instance_type, key_name, group_ids, subnet_id,
    vpc_id, availability_zone, private_ip, user_data, iam_profile_arn, iam_profile_id, iam_association_id,
    architecture, platform, platform_details, root_device_type, root_device_name, boot_mode, volumes,
    ebs_optimized, monitoring, disable_api_termination, disable_api_stop, source_dest_check,
    shutdown_behavior, http_tokens, http_endpoint, http_put_response_hop_limit, http_protocol_ipv6,
    instance_metadata_tags, hibernation_configured, core_count, threads_per_core, cpu_credits, auto_recovery,
    hostname_type, dns_a_record, dns_aaaa_record, enclave_enabled, capacity_reservation_preference, tenancy,
    placement_group, partition_number, client_token, ami_launch_index, launch_time_ms, state, state_since_ms,
    state_transition_reason, state_reason_code, state_reason_message, tags, key_public_key)

}  // namespace localec2::model

namespace localec2::storage {

namespace {

// Instances are written on every launch and state change, so they skip the nlohmann tree; the member
// names are those of the NLOHMANN_DEFINE above, which decodes them.
std::string EncodeInstance(const model::Instance& i) {
  std::string out;
  out.reserve(1024);
  JsonWriter w(out);
  w.Field("instance_id", i.instance_id);
  w.Field("reservation_id", i.reservation_id);
  w.Field("owner_id", i.owner_id);
  w.Field("image_id", i.image_id);
  w.Field("instance_type", i.instance_type);
  w.Field("key_name", i.key_name);
  w.Field("key_public_key", i.key_public_key);
  w.Field("group_ids", i.group_ids);
  w.Field("subnet_id", i.subnet_id);
  w.Field("vpc_id", i.vpc_id);
  w.Field("availability_zone", i.availability_zone);
  w.Field("private_ip", i.private_ip);
  w.Field("user_data", i.user_data);
  w.Field("iam_profile_arn", i.iam_profile_arn);
  w.Field("iam_profile_id", i.iam_profile_id);
  w.Field("iam_association_id", i.iam_association_id);
  w.Field("architecture", i.architecture);
  w.Field("platform", i.platform);
  w.Field("platform_details", i.platform_details);
  w.Field("root_device_type", i.root_device_type);
  w.Field("root_device_name", i.root_device_name);
  w.Field("boot_mode", i.boot_mode);
  w.Key("volumes");
  out += '[';
  for (size_t n = 0; n < i.volumes.size(); ++n) {
    const model::InstanceVolume& v = i.volumes[n];
    if (n) out += ',';
    JsonWriter volume(out);
    volume.Field("device_name", v.device_name);
    volume.Field("volume_id", v.volume_id);
    volume.Field("snapshot_id", v.snapshot_id);
    volume.Field("volume_type", v.volume_type);
    volume.Field("size_gib", v.size_gib);
    volume.Field("delete_on_termination", v.delete_on_termination);
    volume.Field("attach_time_ms", v.attach_time_ms);
    volume.Finish();
  }
  out += ']';
  w.Field("ebs_optimized", i.ebs_optimized);
  w.Field("monitoring", i.monitoring);
  w.Field("disable_api_termination", i.disable_api_termination);
  w.Field("disable_api_stop", i.disable_api_stop);
  w.Field("source_dest_check", i.source_dest_check);
  w.Field("shutdown_behavior", i.shutdown_behavior);
  w.Field("http_tokens", i.http_tokens);
  w.Field("http_endpoint", i.http_endpoint);
  w.Field("http_put_response_hop_limit", i.http_put_response_hop_limit);
  w.Field("http_protocol_ipv6", i.http_protocol_ipv6);
  w.Field("instance_metadata_tags", i.instance_metadata_tags);
  w.Field("hibernation_configured", i.hibernation_configured);
  w.Field("core_count", i.core_count);
  w.Field("threads_per_core", i.threads_per_core);
  w.Field("cpu_credits", i.cpu_credits);
  w.Field("auto_recovery", i.auto_recovery);
  w.Field("hostname_type", i.hostname_type);
  w.Field("dns_a_record", i.dns_a_record);
  w.Field("dns_aaaa_record", i.dns_aaaa_record);
  w.Field("enclave_enabled", i.enclave_enabled);
  w.Field("capacity_reservation_preference", i.capacity_reservation_preference);
  w.Field("tenancy", i.tenancy);
  w.Field("placement_group", i.placement_group);
  w.Field("partition_number", i.partition_number);
  w.Field("client_token", i.client_token);
  w.Field("ami_launch_index", i.ami_launch_index);
  w.Field("launch_time_ms", i.launch_time_ms);
  w.Field("state", i.state);
  w.Field("state_since_ms", i.state_since_ms);
  w.Field("state_transition_reason", i.state_transition_reason);
  w.Field("state_reason_code", i.state_reason_code);
  w.Field("state_reason_message", i.state_reason_message);
  w.Field("tags", i.tags);
  w.Finish();
  return out;
}

// RunInstances writes one volume per EBS device of every instance, so volumes (without a modification,
// the common case) skip the nlohmann tree too.
std::string EncodeVolume(const model::Volume& v) {
  std::string out;
  out.reserve(512);
  JsonWriter w(out);
  w.Field("volume_id", v.volume_id);
  w.Field("availability_zone", v.availability_zone);
  w.Field("snapshot_id", v.snapshot_id);
  w.Field("volume_type", v.volume_type);
  w.Field("size_gib", v.size_gib);
  w.Field("iops", v.iops);
  w.Field("throughput", v.throughput);
  w.Field("encrypted", v.encrypted);
  w.Field("kms_key_id", v.kms_key_id);
  w.Field("create_time_ms", v.create_time_ms);
  w.Field("state", v.state);
  w.Field("instance_id", v.instance_id);
  w.Field("device_name", v.device_name);
  w.Field("attach_state", v.attach_state);
  w.Field("attach_since_ms", v.attach_since_ms);
  w.Field("delete_on_termination", v.delete_on_termination);
  w.Key("modifications");
  out += "[]";
  w.Field("tags", v.tags);
  w.Finish();
  return out;
}

// RunInstances writes every instance's interfaces too.
std::string EncodeNetworkInterface(const model::NetworkInterface& e) {
  std::string out;
  out.reserve(768);
  JsonWriter w(out);
  w.Field("network_interface_id", e.network_interface_id);
  w.Field("subnet_id", e.subnet_id);
  w.Field("vpc_id", e.vpc_id);
  w.Field("availability_zone", e.availability_zone);
  w.Field("description", e.description);
  w.Field("owner_id", e.owner_id);
  w.Field("interface_type", e.interface_type);
  w.Field("requester_managed", e.requester_managed);
  w.Field("requester_id", e.requester_id);
  w.Field("mac_address", e.mac_address);
  w.Field("private_ip", e.private_ip);
  w.Field("secondary_private_ips", e.secondary_private_ips);
  w.Field("group_ids", e.group_ids);
  w.Field("source_dest_check", e.source_dest_check);
  w.Field("status", e.status);
  w.Field("attached", e.attached);
  w.Key("attachment");
  JsonWriter a(out);
  a.Field("attachment_id", e.attachment.attachment_id);
  a.Field("instance_id", e.attachment.instance_id);
  a.Field("instance_owner_id", e.attachment.instance_owner_id);
  a.Field("device_index", e.attachment.device_index);
  a.Field("network_card_index", e.attachment.network_card_index);
  a.Field("status", e.attachment.status);
  a.Field("attach_time_ms", e.attachment.attach_time_ms);
  a.Field("delete_on_termination", e.attachment.delete_on_termination);
  a.Finish();
  w.Field("has_public", e.has_public);
  w.Key("public_address");
  JsonWriter p(out);
  p.Field("public_ip", e.public_address.public_ip);
  p.Field("allocation_id", e.public_address.allocation_id);
  p.Field("association_id", e.public_address.association_id);
  p.Field("ip_owner_id", e.public_address.ip_owner_id);
  p.Finish();
  w.Field("launch_public_ip", e.launch_public_ip);
  w.Field("client_token", e.client_token);
  w.Field("tags", e.tags);
  w.Finish();
  return out;
}

}  // namespace

std::string EncodeResource(const model::Resource& resource) {
  if (const auto* instance = std::get_if<model::Instance>(&resource)) return EncodeInstance(*instance);
  if (const auto* eni = std::get_if<model::NetworkInterface>(&resource)) return EncodeNetworkInterface(*eni);
  if (const auto* volume = std::get_if<model::Volume>(&resource);
      volume != nullptr && volume->modifications.empty())
    return EncodeVolume(*volume);
  return std::visit([](const auto& r) { return nlohmann::json(r).dump(); }, resource);
}

nlohmann::json GenericEncoding(const model::Resource& resource) {
  return std::visit([](const auto& r) { return nlohmann::json(r); }, resource);
}

model::Result<model::Resource> DecodeResource(std::string_view type, std::string_view body) {
  if (type == model::ResourceTraits<model::Instance>::kType) {
    if (auto instance = DecodeInstanceFast(body)) return model::Resource(std::move(*instance));
  } else if (type == model::ResourceTraits<model::NetworkInterface>::kType) {
    if (auto eni = DecodeNetworkInterfaceFast(body)) return model::Resource(std::move(*eni));
  } else if (type == model::ResourceTraits<model::Volume>::kType) {
    if (auto volume = DecodeVolumeFast(body)) return model::Resource(std::move(*volume));
  }
  try {
    return DecodeResourceJson(type, nlohmann::json::parse(body));
  } catch (const nlohmann::json::exception& e) {
    return model::MakeError(model::codes::kInternalError,
                            "corrupt " + std::string(type) + " record: " + std::string(e.what()));
  }
}

model::Result<model::Resource> DecodeResourceJson(std::string_view type, const nlohmann::json& body) {
  try {
    std::optional<model::Resource> decoded;
    model::ForEachResourceType([&]<class T>() {
      if (type == model::ResourceTraits<T>::kType) decoded = model::Resource(body.get<T>());
    });
    if (decoded) return std::move(*decoded);
    return model::MakeError(model::codes::kInternalError,
                            "unknown resource type '" + std::string(type) + "'");
  } catch (const nlohmann::json::exception& e) {
    return model::MakeError(model::codes::kInternalError,
                            "corrupt " + std::string(type) + " record: " + std::string(e.what()));
  }
}

}  // namespace localec2::storage
