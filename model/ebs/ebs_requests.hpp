// What the image, snapshot and volume calls of Ec2 take and give, apart from the resources themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

// One BlockDeviceMapping of RunInstances, CreateImage or RegisterImage.
struct BlockDeviceMappingRequest {
  std::string device_name;
  std::string virtual_name;  // ephemeralN
  bool no_device = false;
  bool has_ebs = false;
  std::optional<int> volume_size;
  std::optional<bool> delete_on_termination;
  std::string volume_type;
  std::string snapshot_id;
  std::optional<int> iops;
  std::optional<int> throughput;
  std::optional<bool> encrypted;
  std::string kms_key_id;
};

// ---- Images ----
struct DescribeImagesRequest {
  std::vector<std::string> image_ids;
  std::vector<std::string> owners;            // self | amazon | aws-marketplace | account id
  std::vector<std::string> executable_users;  // self | all | account id
  std::vector<Filter> filters;
  bool include_deprecated = false;
  bool include_disabled = false;
  PageRequest page;
};
struct CreateImageRequest {
  std::string instance_id;
  std::string name;
  std::string description;
  bool no_reboot = false;
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::vector<TagSpecification> tag_specifications;  // image and snapshot
};
struct RegisterImageRequest {
  std::string name;
  std::string description;
  std::string image_location;  // instance-store images: the S3 manifest
  std::string architecture;    // empty: x86_64
  std::string root_device_name;
  std::string virtualization_type;
  std::string boot_mode;
  std::string tpm_support;
  std::string imds_support;
  std::string sriov_net_support;
  std::optional<bool> ena_support;
  std::vector<BlockDeviceMappingRequest> block_device_mappings;
  std::vector<TagSpecification> tag_specifications;
};
struct CopyImageRequest {
  std::string source_region;
  std::string source_image_id;
  std::string name;
  std::string description;
  bool encrypted = false;
  std::string kms_key_id;
  bool copy_image_tags = false;
  std::string client_token;
  std::string destination_outpost_arn;
  std::vector<TagSpecification> tag_specifications;
};
struct DeregisterResult {
  std::vector<std::pair<std::string, std::string>> deleted_snapshots;  // id, return code
};
// Adds and removes account ids (and "all", the public group) of a launch or create-volume permission.
struct PermissionEdit {
  std::vector<std::string> add_users;
  std::vector<std::string> remove_users;
  bool add_all = false;
  bool remove_all = false;
};
struct ModifyImageAttributeRequest {
  std::string image_id;
  std::optional<std::string> description;
  std::optional<PermissionEdit> launch_permission;
  std::vector<std::string> product_codes;
  std::optional<std::string> imds_support;
};

}  // namespace localec2::model
