#include "api/actions/families.hpp"
#include "model/core/error_codes.hpp"
#include "model/core/states.hpp"
#include "model/ebs/ebs.hpp"

namespace localec2::api {
namespace {

// A Snapshot (DescribeSnapshots, CreateSnapshot) or, with fewer members, a SnapshotInfo (CreateSnapshots).
Json SnapshotJson(const model::Snapshot& s, bool full) {
  Json out = Json::object();
  out["SnapshotId"] = s.snapshot_id;
  out["VolumeId"] = s.volume_id;
  out["State"] = s.state;
  out["StartTime"] = s.start_time_ms;
  out["Progress"] = s.state == model::states::kCompleted ? "100%" : "0%";
  out["OwnerId"] = s.owner_id;
  out["Description"] = s.description;
  out["VolumeSize"] = s.volume_size_gib;
  out["Encrypted"] = s.encrypted;
  if (full) {
    out["StorageTier"] = "standard";
    if (!s.kms_key_id.empty()) out["KmsKeyId"] = s.kms_key_id;
  }
  PutTags(out, s.tags);
  return out;
}

model::Result<Json> CreateSnapshot(ActionContext& context, const Json& input) {
  if (input.contains("OutpostArn")) {
    return model::MakeError(model::codes::kUnsupportedOperation, "Snapshots on Outposts are not supported.");
  }
  auto snapshot = model::CreateSnapshot(context.ec2, context.caller, StringMember(input, "VolumeId"),
                                        StringMember(input, "Description"), TagSpecificationList(input));
  if (!snapshot) return std::move(snapshot).error();
  return SnapshotJson(*snapshot, true);
}

model::Result<Json> CreateSnapshots(ActionContext& context, const Json& input) {
  model::CreateSnapshotsRequest request;
  const Json& spec = input.at("InstanceSpecification");
  request.instance_id = StringMember(spec, "InstanceId");
  request.exclude_boot_volume = BoolMember(spec, "ExcludeBootVolume");
  request.exclude_data_volume_ids = StringList(spec, "ExcludeDataVolumeIds");
  request.description = StringMember(input, "Description");
  request.copy_tags_from_volume = StringMember(input, "CopyTagsFromSource") == "volume";
  request.tag_specifications = TagSpecificationList(input);
  auto snapshots = model::CreateSnapshots(context.ec2, context.caller, request);
  if (!snapshots) return std::move(snapshots).error();
  Json items = Json::array();
  for (const model::Snapshot& snapshot : *snapshots) items.push_back(SnapshotJson(snapshot, false));
  return Json{{"Snapshots", std::move(items)}};
}

model::Result<Json> CopySnapshot(ActionContext& context, const Json& input) {
  model::CopySnapshotRequest request;
  request.source_region = StringMember(input, "SourceRegion");
  request.source_snapshot_id = StringMember(input, "SourceSnapshotId");
  request.description = StringMember(input, "Description");
  request.encrypted = BoolMember(input, "Encrypted");
  request.kms_key_id = StringMember(input, "KmsKeyId");
  request.tag_specifications = TagSpecificationList(input);
  auto copy = model::CopySnapshot(context.ec2, context.caller, request);
  if (!copy) return std::move(copy).error();
  Json out = {{"SnapshotId", copy->snapshot_id}};
  PutTags(out, copy->tags);
  return out;
}

model::Result<Json> DeleteSnapshot(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteSnapshot(context.ec2, context.caller, StringMember(input, "SnapshotId"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> DescribeSnapshots(ActionContext& context, const Json& input) {
  model::DescribeSnapshotsRequest request{StringList(input, "SnapshotIds"), StringList(input, "OwnerIds"),
                                          StringList(input, "RestorableByUserIds"), FilterList(input),
                                          PageOf(input)};
  auto page = model::DescribeSnapshots(context.ec2, context.caller, request);
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Snapshot& snapshot : page->items) items.push_back(SnapshotJson(snapshot, true));
  return PagedOutput("Snapshots", std::move(items), page->next_token);
}

model::Result<Json> DescribeSnapshotAttribute(ActionContext& context, const Json& input) {
  auto snapshot =
      model::DescribeSnapshotAttribute(context.ec2, context.caller, StringMember(input, "SnapshotId"));
  if (!snapshot) return std::move(snapshot).error();
  Json out = {{"SnapshotId", snapshot->snapshot_id}};
  if (StringMember(input, "Attribute") == "productCodes") {
    out["ProductCodes"] = Json::array();
  } else {
    out["CreateVolumePermissions"] =
        PermissionsJson(snapshot->create_volume_permissions, snapshot->is_public);
  }
  return out;
}

model::Result<Json> ModifySnapshotAttribute(ActionContext& context, const Json& input) {
  const std::string attribute = StringMember(input, "Attribute");
  if (!attribute.empty() && attribute != "createVolumePermission") {
    return model::MakeError(model::codes::kInvalidParameterValue,
                            "Value (" + attribute + ") for parameter attribute is invalid.");
  }
  model::PermissionEdit edit;
  if (auto it = input.find("CreateVolumePermission"); it != input.end()) edit = PermissionEditOf(*it);
  const std::string operation = StringMember(input, "OperationType");
  if (!operation.empty()) {
    bool all = false;
    for (const std::string& group : StringList(input, "GroupNames")) all = all || group == "all";
    (operation == "add" ? edit.add_users : edit.remove_users) = StringList(input, "UserIds");
    (operation == "add" ? edit.add_all : edit.remove_all) = all;
  }
  auto modified =
      model::ModifySnapshotPermission(context.ec2, context.caller, StringMember(input, "SnapshotId"), edit);
  if (!modified) return std::move(modified).error();
  return Json::object();
}

model::Result<Json> ResetSnapshotAttribute(ActionContext& context, const Json& input) {
  auto reset = model::ModifySnapshotPermission(context.ec2, context.caller, StringMember(input, "SnapshotId"),
                                               std::nullopt);
  if (!reset) return std::move(reset).error();
  return Json::object();
}

}  // namespace

std::span<const ActionEntry> SnapshotActions() {
  static constexpr ActionEntry kActions[] = {LOCALEC2_ACTION(CopySnapshot),
                                             LOCALEC2_ACTION(CreateSnapshot),
                                             LOCALEC2_ACTION(CreateSnapshots),
                                             LOCALEC2_ACTION(DeleteSnapshot),
                                             LOCALEC2_ACTION(DescribeSnapshotAttribute),
                                             LOCALEC2_ACTION(DescribeSnapshots),
                                             LOCALEC2_ACTION(ModifySnapshotAttribute),
                                             LOCALEC2_ACTION(ResetSnapshotAttribute)};
  return kActions;
}

}  // namespace localec2::api
