#include "storage/record_fast_decode.hpp"

#include "storage/json_reader.hpp"

namespace localec2::storage {
namespace {

bool ReadInstanceVolumes(JsonCursor& in, std::vector<model::InstanceVolume>& volumes) {
  if (!in.Take('[')) return false;
  if (in.Take(']')) return true;
  do {
    model::InstanceVolume& v = volumes.emplace_back();
    JsonReader r(in);
    if (!(r.Begin() && r.Field("device_name", v.device_name) && r.Field("volume_id", v.volume_id) &&
          r.Field("snapshot_id", v.snapshot_id) && r.Field("volume_type", v.volume_type) &&
          r.Field("size_gib", v.size_gib) && r.Field("delete_on_termination", v.delete_on_termination) &&
          r.Field("attach_time_ms", v.attach_time_ms) && r.Finish()))
      return false;
  } while (in.Take(','));
  return in.Take(']');
}

}  // namespace

std::optional<model::Instance> DecodeInstanceFast(std::string_view body) {
  JsonCursor in{body};
  JsonReader r(in);
  model::Instance i;
  const bool ok =
      r.Begin() && r.Field("instance_id", i.instance_id) && r.Field("reservation_id", i.reservation_id) &&
      r.Field("owner_id", i.owner_id) && r.Field("image_id", i.image_id) &&
      r.Field("instance_type", i.instance_type) && r.Field("key_name", i.key_name) &&
      r.Field("key_public_key", i.key_public_key) && r.Field("group_ids", i.group_ids) &&
      r.Field("subnet_id", i.subnet_id) && r.Field("vpc_id", i.vpc_id) &&
      r.Field("availability_zone", i.availability_zone) && r.Field("private_ip", i.private_ip) &&
      r.Field("user_data", i.user_data) && r.Field("iam_profile_arn", i.iam_profile_arn) &&
      r.Field("iam_profile_id", i.iam_profile_id) && r.Field("iam_association_id", i.iam_association_id) &&
      r.Field("architecture", i.architecture) && r.Field("platform", i.platform) &&
      r.Field("platform_details", i.platform_details) && r.Field("root_device_type", i.root_device_type) &&
      r.Field("root_device_name", i.root_device_name) && r.Field("boot_mode", i.boot_mode) &&
      r.Key("volumes") && ReadInstanceVolumes(in, i.volumes) && r.Field("ebs_optimized", i.ebs_optimized) &&
      r.Field("monitoring", i.monitoring) && r.Field("disable_api_termination", i.disable_api_termination) &&
      r.Field("disable_api_stop", i.disable_api_stop) && r.Field("source_dest_check", i.source_dest_check) &&
      r.Field("shutdown_behavior", i.shutdown_behavior) && r.Field("http_tokens", i.http_tokens) &&
      r.Field("http_endpoint", i.http_endpoint) &&
      r.Field("http_put_response_hop_limit", i.http_put_response_hop_limit) &&
      r.Field("http_protocol_ipv6", i.http_protocol_ipv6) &&
      r.Field("instance_metadata_tags", i.instance_metadata_tags) &&
      r.Field("hibernation_configured", i.hibernation_configured) && r.Field("core_count", i.core_count) &&
      r.Field("threads_per_core", i.threads_per_core) && r.Field("cpu_credits", i.cpu_credits) &&
      r.Field("auto_recovery", i.auto_recovery) && r.Field("hostname_type", i.hostname_type) &&
      r.Field("dns_a_record", i.dns_a_record) && r.Field("dns_aaaa_record", i.dns_aaaa_record) &&
      r.Field("enclave_enabled", i.enclave_enabled) &&
      r.Field("capacity_reservation_preference", i.capacity_reservation_preference) &&
      r.Field("tenancy", i.tenancy) && r.Field("placement_group", i.placement_group) &&
      r.Field("partition_number", i.partition_number) && r.Field("client_token", i.client_token) &&
      r.Field("ami_launch_index", i.ami_launch_index) && r.Field("launch_time_ms", i.launch_time_ms) &&
      r.Field("state", i.state) && r.Field("state_since_ms", i.state_since_ms) &&
      r.Field("state_transition_reason", i.state_transition_reason) &&
      r.Field("state_reason_code", i.state_reason_code) &&
      r.Field("state_reason_message", i.state_reason_message) && r.Field("tags", i.tags) && r.Finish() &&
      in.AtEnd();
  if (!ok) return std::nullopt;
  return i;
}

std::optional<model::Volume> DecodeVolumeFast(std::string_view body) {
  JsonCursor in{body};
  JsonReader r(in);
  model::Volume v;
  const bool ok =
      r.Begin() && r.Field("volume_id", v.volume_id) && r.Field("availability_zone", v.availability_zone) &&
      r.Field("snapshot_id", v.snapshot_id) && r.Field("volume_type", v.volume_type) &&
      r.Field("size_gib", v.size_gib) && r.Field("iops", v.iops) && r.Field("throughput", v.throughput) &&
      r.Field("encrypted", v.encrypted) && r.Field("kms_key_id", v.kms_key_id) &&
      r.Field("create_time_ms", v.create_time_ms) && r.Field("state", v.state) &&
      r.Field("instance_id", v.instance_id) && r.Field("device_name", v.device_name) &&
      r.Field("attach_state", v.attach_state) && r.Field("attach_since_ms", v.attach_since_ms) &&
      r.Field("delete_on_termination", v.delete_on_termination) && r.Key("modifications") && in.Take('[') &&
      in.Take(']') &&  // written only when empty
      r.Field("tags", v.tags) && r.Finish() && in.AtEnd();
  if (!ok) return std::nullopt;
  return v;
}

std::optional<model::NetworkInterface> DecodeNetworkInterfaceFast(std::string_view body) {
  JsonCursor in{body};
  JsonReader r(in);
  model::NetworkInterface e;
  JsonReader a(in);
  JsonReader p(in);
  const bool ok =
      r.Begin() && r.Field("network_interface_id", e.network_interface_id) &&
      r.Field("subnet_id", e.subnet_id) && r.Field("vpc_id", e.vpc_id) &&
      r.Field("availability_zone", e.availability_zone) && r.Field("description", e.description) &&
      r.Field("owner_id", e.owner_id) && r.Field("interface_type", e.interface_type) &&
      r.Field("requester_managed", e.requester_managed) && r.Field("requester_id", e.requester_id) &&
      r.Field("mac_address", e.mac_address) && r.Field("private_ip", e.private_ip) &&
      r.Field("secondary_private_ips", e.secondary_private_ips) && r.Field("group_ids", e.group_ids) &&
      r.Field("source_dest_check", e.source_dest_check) && r.Field("status", e.status) &&
      r.Field("attached", e.attached) && r.Key("attachment") && a.Begin() &&
      a.Field("attachment_id", e.attachment.attachment_id) &&
      a.Field("instance_id", e.attachment.instance_id) &&
      a.Field("instance_owner_id", e.attachment.instance_owner_id) &&
      a.Field("device_index", e.attachment.device_index) &&
      a.Field("network_card_index", e.attachment.network_card_index) &&
      a.Field("status", e.attachment.status) && a.Field("attach_time_ms", e.attachment.attach_time_ms) &&
      a.Field("delete_on_termination", e.attachment.delete_on_termination) && a.Finish() &&
      r.Field("has_public", e.has_public) && r.Key("public_address") && p.Begin() &&
      p.Field("public_ip", e.public_address.public_ip) &&
      p.Field("allocation_id", e.public_address.allocation_id) &&
      p.Field("association_id", e.public_address.association_id) &&
      p.Field("ip_owner_id", e.public_address.ip_owner_id) && p.Finish() &&
      r.Field("launch_public_ip", e.launch_public_ip) && r.Field("client_token", e.client_token) &&
      r.Field("tags", e.tags) && r.Finish() && in.AtEnd();
  if (!ok) return std::nullopt;
  return e;
}

}  // namespace localec2::storage
