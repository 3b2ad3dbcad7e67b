#include "imds/metadata_tree.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "model/core/time_format.hpp"
#include "model/instances/role_credentials.hpp"

namespace localec2::imds {
namespace {

using Fields = std::vector<std::pair<std::string, nlohmann::json>>;

// AWS's metadata documents are pretty-printed with " : " between a key and its value, in this order.
std::string Document(const Fields& fields) {
  std::string out = "{\n";
  for (size_t i = 0; i < fields.size(); ++i) {
    out += "  " + nlohmann::json(fields[i].first).dump() + " : " + fields[i].second.dump();
    out += i + 1 < fields.size() ? ",\n" : "\n";
  }
  return out + "}";
}

// 2026-01-02T03:04:05Z: the metadata documents' times have no fraction of a second.
std::string MetadataTime(std::int64_t ms) {
  std::string iso = model::IsoTime(ms);
  return iso.substr(0, 19) + "Z";
}

// The bytes of standard base64 `text` (EC2 checked it when the user data was set).
std::string Base64Decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  int size =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (size < 0) return "";
  size_t padding = 0;
  for (size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) ++padding;
  out.resize(static_cast<size_t>(size) - padding);
  return out;
}

std::string Lines(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : "\n") + value;
  return out;
}

std::string Names(const model::GroupNames& groups, bool ids) {
  std::vector<std::string> values;
  for (const auto& [id, name] : groups) values.push_back(ids ? id : name);
  return Lines(values);
}

// The name after the last '/' of an instance profile's ARN: localec2 has no IAM, so the profile's name
// stands for its role's.
std::string RoleOf(const std::string& profile_arn) { return profile_arn.substr(profile_arn.rfind('/') + 1); }

void AddInterfaces(MetadataTree& tree, const model::InstanceMetadata& m) {
  for (const model::InstanceInterfaceView& shown : m.view.interfaces) {
    const model::NetworkInterface& eni = shown.eni;
    const std::string at = "meta-data/network/interfaces/macs/" + eni.mac_address + "/";
    std::vector<std::string> local_ipv4s{eni.private_ip};
    local_ipv4s.insert(local_ipv4s.end(), eni.secondary_private_ips.begin(), eni.secondary_private_ips.end());
    tree[at + "device-number"] = std::to_string(eni.attachment.device_index);
    tree[at + "interface-id"] = eni.network_interface_id;
    tree[at + "local-hostname"] = shown.private_dns_name;
    tree[at + "local-ipv4s"] = Lines(local_ipv4s);
    tree[at + "mac"] = eni.mac_address;
    tree[at + "owner-id"] = eni.owner_id;
    tree[at + "security-group-ids"] = Names(shown.groups, true);
    tree[at + "security-groups"] = Names(shown.groups, false);
    tree[at + "subnet-id"] = eni.subnet_id;
    tree[at + "vpc-id"] = eni.vpc_id;
    if (auto cidr = m.subnet_cidrs.find(eni.subnet_id); cidr != m.subnet_cidrs.end())
      tree[at + "subnet-ipv4-cidr-block"] = cidr->second;
    if (auto cidr = m.vpc_cidrs.find(eni.vpc_id); cidr != m.vpc_cidrs.end()) {
      tree[at + "vpc-ipv4-cidr-block"] = cidr->second;
      tree[at + "vpc-ipv4-cidr-blocks"] = cidr->second;
    }
    if (eni.has_public) {
      tree[at + "public-hostname"] = shown.public_dns_name;
      tree[at + "public-ipv4s"] = eni.public_address.public_ip;
    }
  }
}

void AddBlockDevices(MetadataTree& tree, const model::Instance& instance) {
  const std::string at = "meta-data/block-device-mapping/";
  tree[at + "ami"] = instance.root_device_name;
  tree[at + "root"] = instance.root_device_name;
  int ebs = 0;
  for (const model::InstanceVolume& volume : instance.volumes) {
    if (volume.device_name == instance.root_device_name) continue;
    std::string device = volume.device_name;
    if (device.starts_with("/dev/")) device = device.substr(5);
    tree[at + "ebs" + std::to_string(++ebs)] = device;
  }
}

void AddRole(MetadataTree& tree, const model::InstanceMetadata& m, std::string_view server_secret,
             std::int64_t now_ms) {
  const model::Instance& instance = m.view.instance;
  if (instance.iam_profile_arn.empty()) return;
  const std::string role = RoleOf(instance.iam_profile_arn);
  model::RoleCredentials credentials =
      model::RoleCredentialsFor(server_secret, m.scope.account_id, instance.instance_id, role, now_ms);
  tree["meta-data/iam/info"] = Document({{"Code", "Success"},
                                         {"LastUpdated", MetadataTime(credentials.last_updated_ms)},
                                         {"InstanceProfileArn", instance.iam_profile_arn},
                                         {"InstanceProfileId", instance.iam_profile_id}});
  tree["meta-data/iam/security-credentials/" + role] =
      Document({{"Code", "Success"},
                {"LastUpdated", MetadataTime(credentials.last_updated_ms)},
                {"Type", "AWS-HMAC"},
                {"AccessKeyId", credentials.access_key_id},
                {"SecretAccessKey", credentials.secret_access_key},
                {"Token", credentials.session_token},
                {"Expiration", MetadataTime(credentials.expiration_ms)}});
}

// The identity document and its signatures. AWS signs the document with its own keys, which localec2
// does not have: the signatures here are an HMAC under the server secret, not verifiable with AWS's
// public certificates.
void AddIdentity(MetadataTree& tree, const model::InstanceMetadata& m, std::string_view server_secret) {
  const model::Instance& instance = m.view.instance;
  const std::string document = Document({{"accountId", m.scope.account_id},
                                         {"architecture", instance.architecture},
                                         {"availabilityZone", instance.availability_zone},
                                         {"billingProducts", nullptr},
                                         {"devpayProductCodes", nullptr},
                                         {"marketplaceProductCodes", nullptr},
                                         {"imageId", instance.image_id},
                                         {"instanceId", instance.instance_id},
                                         {"instanceType", instance.instance_type},
                                         {"kernelId", nullptr},
                                         {"pendingTime", MetadataTime(instance.launch_time_ms)},
                                         {"privateIp", instance.private_ip},
                                         {"ramdiskId", nullptr},
                                         {"region", m.scope.region},
                                         {"version", "2017-09-30"}});
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), server_secret.data(), static_cast<int>(server_secret.size()),
       reinterpret_cast<const unsigned char*>(document.data()), document.size(), mac, &size);
  std::string signature(4 * ((size + 2) / 3) + 1, '\0');
  signature.resize(static_cast<size_t>(
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(signature.data()), mac, static_cast<int>(size))));
  tree["dynamic/instance-identity/document"] = document;
  tree["dynamic/instance-identity/signature"] = signature;
  tree["dynamic/instance-identity/pkcs7"] = signature;
}

}  // namespace

MetadataTree BuildMetadataTree(const model::InstanceMetadata& m, std::string_view server_secret,
                               std::int64_t now_ms) {
  const model::Instance& instance = m.view.instance;
  MetadataTree tree;
  const std::string at = "meta-data/";
  tree[at + "ami-id"] = instance.image_id;
  tree[at + "ami-launch-index"] = std::to_string(instance.ami_launch_index);
  tree[at + "ami-manifest-path"] = "(unknown)";
  AddBlockDevices(tree, instance);
  tree[at + "hostname"] = m.view.private_dns_name;
  tree[at + "instance-action"] = "none";
  tree[at + "instance-id"] = instance.instance_id;
  tree[at + "instance-life-cycle"] = "on-demand";
  tree[at + "instance-type"] = instance.instance_type;
  tree[at + "local-hostname"] = m.view.private_dns_name;
  tree[at + "local-ipv4"] = instance.private_ip;
  if (!m.view.interfaces.empty()) tree[at + "mac"] = m.view.interfaces.front().eni.mac_address;
  AddInterfaces(tree, m);
  tree[at + "placement/availability-zone"] = instance.availability_zone;
  if (!m.availability_zone_id.empty()) tree[at + "placement/availability-zone-id"] = m.availability_zone_id;
  tree[at + "placement/region"] = m.scope.region;
  if (!m.view.public_ip.empty()) {
    tree[at + "public-hostname"] = m.view.public_dns_name;
    tree[at + "public-ipv4"] = m.view.public_ip;
  }
  if (!m.public_key.empty()) {
    tree[at + "public-keys"] = "0=" + instance.key_name;  // the folder lists its key as index=name
    tree[at + "public-keys/0/openssh-key"] = m.public_key;
  }
  tree[at + "reservation-id"] = instance.reservation_id;
  tree[at + "security-groups"] = Names(m.view.groups, false);
  tree[at + "services/domain"] = "amazonaws.com";
  tree[at + "services/partition"] = "aws";
  AddRole(tree, m, server_secret, now_ms);
  if (instance.instance_metadata_tags == "enabled") {
    for (const auto& [key, value] : instance.tags) {
      if (key.find('/') == std::string::npos && key != "." && key != "..")
        tree[at + "tags/instance/" + key] = value;
    }
  }
  AddIdentity(tree, m, server_secret);
  if (!instance.user_data.empty()) tree["user-data"] = Base64Decode(instance.user_data);
  return tree;
}

std::optional<std::string> Lookup(const MetadataTree& tree, std::string_view path) {
  while (path.ends_with('/')) path.remove_suffix(1);
  if (!path.empty()) {
    if (auto leaf = tree.find(path); leaf != tree.end()) return leaf->second;
  }
  const std::string prefix = path.empty() ? "" : std::string(path) + "/";
  std::vector<std::string> children;
  for (auto it = tree.lower_bound(prefix); it != tree.end() && it->first.starts_with(prefix); ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    const size_t slash = rest.find('/');
    // /latest/ itself lists its three entries without a trailing '/', as AWS does.
    std::string child(slash == std::string_view::npos || path.empty() ? rest.substr(0, slash)
                                                                      : rest.substr(0, slash + 1));
    // A leaf that is also a folder (public-keys: its text is the folder's own listing) is listed once.
    if (!children.empty() && (children.back() == child || children.back() + "/" == child)) {
      children.back() = std::move(child);
    } else {
      children.push_back(std::move(child));
    }
  }
  if (children.empty()) return std::nullopt;
  return Lines(children);
}

}  // namespace localec2::imds
