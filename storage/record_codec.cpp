#include "storage/record_codec.hpp"

#include <nlohmann/json.hpp>

#include "model/error_codes.hpp"

namespace localec2::model {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(KeyPair, key_pair_id, key_name, key_type, fingerprint,
                                                public_key, create_time_ms, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SecurityGroupRule, rule_id, is_egress, ip_protocol, from_port,
                                                to_port, cidr_ipv4, cidr_ipv6, prefix_list_id,
                                                referenced_group_id, referenced_user_id, description, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SecurityGroup, group_id, group_name, description, vpc_id,
                                                owner_id, rules, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Vpc, vpc_id, cidr_block, cidr_association_id, dhcp_options_id,
                                                owner_id, is_default, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Subnet, subnet_id, vpc_id, availability_zone,
                                                availability_zone_id, cidr_block, owner_id,
                                                available_ip_address_count, next_host, default_for_az,
                                                map_public_ip_on_launch, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InstanceVolume, device_name, volume_id, snapshot_id,
                                                volume_type, size_gib, delete_on_termination, attach_time_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Instance, instance_id, reservation_id, owner_id, image_id, instance_type, key_name, group_ids, subnet_id,
    vpc_id, availability_zone, private_ip, user_data, iam_profile_arn, iam_profile_id, iam_association_id,
    architecture, platform, platform_details, root_device_type, root_device_name, boot_mode, volumes,
    ebs_optimized, monitoring, disable_api_termination, disable_api_stop, source_dest_check,
    shutdown_behavior, http_tokens, http_endpoint, http_put_response_hop_limit, client_token,
    ami_launch_index, launch_time_ms, state, state_since_ms, state_transition_reason, state_reason_code,
    state_reason_message, tags)

}  // namespace localec2::model

namespace localec2::storage {

std::string EncodeResource(const model::Resource& resource) {
  return std::visit([](const auto& r) { return nlohmann::json(r).dump(); }, resource);
}

model::Result<model::Resource> DecodeResource(std::string_view type, std::string_view body) {
  try {
    nlohmann::json json = nlohmann::json::parse(body);
    if (type == "key-pair") return model::Resource(json.get<model::KeyPair>());
    if (type == "security-group") return model::Resource(json.get<model::SecurityGroup>());
    if (type == "vpc") return model::Resource(json.get<model::Vpc>());
    if (type == "subnet") return model::Resource(json.get<model::Subnet>());
    if (type == "instance") return model::Resource(json.get<model::Instance>());
    return model::MakeError(model::codes::kInternalError,
                            "unknown resource type '" + std::string(type) + "'");
  } catch (const nlohmann::json::exception& e) {
    return model::MakeError(model::codes::kInternalError,
                            "corrupt " + std::string(type) + " record: " + std::string(e.what()));
  }
}

}  // namespace localec2::storage
