// An instance as RunInstances and DescribeInstances answer it, written once for both sinks: XmlSink (the
// Query protocol's answer, straight from the view) and JsonSink (Invoke's tree, for the console). Members
// are written in the order of botocore's shapes, so the XML equals what the serializer makes of the tree
// (tests/unit/api/instance_output_test.cpp holds them equal).
#pragma once

#include <string>

#include "model/core/states.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/instances/instances.hpp"
#include "model/network/addressing.hpp"

namespace localec2::api::instance_output {

template <class Out>
void State(Out& out, std::string_view member, std::string_view state) {
  out.Structure(member, [&](auto& s) {
    s.Integer("Code", model::StateCode(state));
    s.String("Name", state);
  });
}

template <class Out>
void Groups(Out& out, std::string_view member, const model::GroupNames& names) {
  out.List(member, [&](auto& list) {
    for (const auto& [id, name] : names) {
      const std::string& group_id = id;  // named: clang 14 refuses a lambda capturing a structured binding
      const std::string& group_name = name;
      list.Structure([&](auto& g) {
        g.String("GroupId", group_id);
        g.String("GroupName", group_name);
      });
    }
  });
}

template <class Out>
void Tags(Out& out, const model::Tags& tags) {
  if (tags.empty()) return;
  out.List("Tags", [&](auto& list) {
    for (const auto& [key, value] : tags) {
      const std::string& k = key;
      const std::string& v = value;
      list.Structure([&](auto& tag) {
        tag.String("Key", k);
        tag.String("Value", v);
      });
    }
  });
}

template <class Out>
void PublicAssociation(Out& out, const model::InstanceInterfaceView& view) {
  out.Structure("Association", [&](auto& a) {
    a.String("IpOwnerId", view.eni.public_address.ip_owner_id);
    a.String("PublicDnsName", view.public_dns_name);
    a.String("PublicIp", view.eni.public_address.public_ip);
  });
}

// botocore's InstanceNetworkInterface.
template <class Out>
void Interface(Out& out, const model::InstanceInterfaceView& view, const std::string& region) {
  const model::NetworkInterface& eni = view.eni;
  if (eni.has_public) PublicAssociation(out, view);
  out.Structure("Attachment", [&](auto& a) {
    a.Timestamp("AttachTime", eni.attachment.attach_time_ms);
    a.String("AttachmentId", eni.attachment.attachment_id);
    a.Boolean("DeleteOnTermination", eni.attachment.delete_on_termination);
    a.Integer("DeviceIndex", eni.attachment.device_index);
    a.String("Status", eni.attachment.status);
    a.Integer("NetworkCardIndex", eni.attachment.network_card_index);
  });
  out.String("Description", eni.description);
  Groups(out, "Groups", view.groups);
  out.List("Ipv6Addresses", [](auto&) {});
  out.String("MacAddress", eni.mac_address);
  out.String("NetworkInterfaceId", eni.network_interface_id);
  out.String("OwnerId", eni.owner_id);
  out.String("PrivateDnsName", view.private_dns_name);
  out.String("PrivateIpAddress", eni.private_ip);
  out.List("PrivateIpAddresses", [&](auto& list) {
    list.Structure([&](auto& primary) {
      if (eni.has_public) PublicAssociation(primary, view);
      primary.Boolean("Primary", true);
      primary.String("PrivateDnsName", view.private_dns_name);
      primary.String("PrivateIpAddress", eni.private_ip);
    });
    for (const std::string& ip : eni.secondary_private_ips) {
      list.Structure([&](auto& secondary) {
        secondary.Boolean("Primary", false);
        secondary.String("PrivateDnsName", model::PrivateDnsNameOf(ip, region));
        secondary.String("PrivateIpAddress", ip);
      });
    }
  });
  out.Boolean("SourceDestCheck", eni.source_dest_check);
  out.String("Status", eni.status);
  out.String("SubnetId", eni.subnet_id);
  out.String("VpcId", eni.vpc_id);
  out.String("InterfaceType", eni.interface_type);
}

template <class Out>
void BlockDevices(Out& out, const model::Instance& i) {
  out.List("BlockDeviceMappings", [&](auto& list) {
    for (const model::InstanceVolume& v : i.volumes) {
      list.Structure([&](auto& mapping) {
        mapping.String("DeviceName", v.device_name);
        mapping.Structure("Ebs", [&](auto& ebs) {
          ebs.Timestamp("AttachTime", v.attach_time_ms);
          ebs.Boolean("DeleteOnTermination", v.delete_on_termination);
          ebs.String("Status", model::states::kAttached);
          ebs.String("VolumeId", v.volume_id);
        });
      });
    }
  });
}

// botocore's Instance.
template <class Out>
void Instance(Out& out, const model::InstanceView& view, const std::string& region) {
  const model::Instance& i = view.instance;
  out.String("Architecture", i.architecture);
  BlockDevices(out, i);
  out.String("ClientToken", i.client_token);
  out.Boolean("EbsOptimized", i.ebs_optimized);
  out.Boolean("EnaSupport", true);
  out.String("Hypervisor", "xen");
  if (!i.iam_profile_arn.empty()) {
    out.Structure("IamInstanceProfile", [&](auto& profile) {
      profile.String("Arn", i.iam_profile_arn);
      profile.String("Id", i.iam_profile_id);
    });
  }
  out.List("NetworkInterfaces", [&](auto& list) {
    for (const model::InstanceInterfaceView& eni : view.interfaces)
      list.Structure([&](auto& item) { Interface(item, eni, region); });
  });
  out.String("RootDeviceName", i.root_device_name);
  out.String("RootDeviceType", i.root_device_type);
  Groups(out, "SecurityGroups", view.groups);
  out.Boolean("SourceDestCheck", i.source_dest_check);
  if (!i.state_reason_code.empty()) {
    out.Structure("StateReason", [&](auto& reason) {
      reason.String("Code", i.state_reason_code);
      reason.String("Message", i.state_reason_message);
    });
  }
  Tags(out, i.tags);
  out.String("VirtualizationType", "hvm");
  const model::CpuLayout cpu = model::CpuLayoutOf(i);
  out.Structure("CpuOptions", [&](auto& c) {
    c.Integer("CoreCount", cpu.cores);
    c.Integer("ThreadsPerCore", cpu.threads_per_core);
  });
  out.Structure("CapacityReservationSpecification", [&](auto& c) {
    c.String("CapacityReservationPreference", i.capacity_reservation_preference);
  });
  out.Structure("HibernationOptions", [&](auto& h) { h.Boolean("Configured", i.hibernation_configured); });
  out.Structure("MetadataOptions", [&](auto& m) {
    m.String("State", "applied");
    m.String("HttpTokens", i.http_tokens);
    m.Integer("HttpPutResponseHopLimit", i.http_put_response_hop_limit);
    m.String("HttpEndpoint", i.http_endpoint);
    m.String("HttpProtocolIpv6", i.http_protocol_ipv6);
    m.String("InstanceMetadataTags", i.instance_metadata_tags);
  });
  out.Structure("EnclaveOptions", [&](auto& e) { e.Boolean("Enabled", i.enclave_enabled); });
  out.String("BootMode", i.boot_mode);
  out.String("PlatformDetails", i.platform_details);
  out.String("UsageOperation", i.platform == "windows" ? "RunInstances:0002" : "RunInstances");
  out.Structure("PrivateDnsNameOptions", [&](auto& dns) {
    dns.String("HostnameType", i.hostname_type);
    dns.Boolean("EnableResourceNameDnsARecord", i.dns_a_record);
    dns.Boolean("EnableResourceNameDnsAAAARecord", i.dns_aaaa_record);
  });
  out.Structure("MaintenanceOptions", [&](auto& m) { m.String("AutoRecovery", i.auto_recovery); });
  out.String("CurrentInstanceBootMode", i.boot_mode == "legacy-bios" ? "legacy-bios" : "uefi");
  out.String("InstanceId", i.instance_id);
  out.String("ImageId", i.image_id);
  State(out, "State", i.state);
  out.String("PrivateDnsName", view.private_dns_name);
  out.String("PublicDnsName", view.public_dns_name);
  out.String("StateTransitionReason", i.state_transition_reason);
  if (!i.key_name.empty()) out.String("KeyName", i.key_name);
  out.Integer("AmiLaunchIndex", i.ami_launch_index);
  out.List("ProductCodes", [](auto&) {});
  out.String("InstanceType", i.instance_type);
  out.Timestamp("LaunchTime", i.launch_time_ms);
  out.Structure("Placement", [&](auto& p) {
    p.String("GroupName", i.placement_group);
    if (i.partition_number != 0) p.Integer("PartitionNumber", i.partition_number);
    p.String("Tenancy", i.tenancy);
    p.String("AvailabilityZone", i.availability_zone);
  });
  if (!i.platform.empty()) out.String("Platform", i.platform);
  out.Structure("Monitoring", [&](auto& m) { m.String("State", i.monitoring ? "enabled" : "disabled"); });
  out.String("SubnetId", i.subnet_id);
  out.String("VpcId", i.vpc_id);
  out.String("PrivateIpAddress", i.private_ip);
  if (!view.public_ip.empty()) out.String("PublicIpAddress", view.public_ip);
}

}  // namespace localec2::api::instance_output
