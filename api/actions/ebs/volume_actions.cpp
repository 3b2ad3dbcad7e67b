#include "api/actions/families.hpp"
#include "model/ebs/ebs.hpp"

namespace localec2::api {
namespace {

Json AttachmentJson(const model::VolumeAttachment& a) {
  return {{"VolumeId", a.volume_id},
          {"InstanceId", a.instance_id},
          {"Device", a.device},
          {"State", a.state},
          {"AttachTime", a.attach_time_ms},
          {"DeleteOnTermination", a.delete_on_termination}};
}

Json VolumeJson(const model::Volume& v) {
  Json out = Json::object();
  out["VolumeId"] = v.volume_id;
  out["Size"] = v.size_gib;
  out["SnapshotId"] = v.snapshot_id;
  out["AvailabilityZone"] = v.availability_zone;
  out["State"] = v.state;
  out["CreateTime"] = v.create_time_ms;
  out["VolumeType"] = v.volume_type;
  out["Encrypted"] = v.encrypted;
  out["MultiAttachEnabled"] = false;
  if (v.iops != 0) out["Iops"] = v.iops;
  if (v.throughput != 0) out["Throughput"] = v.throughput;
  if (!v.kms_key_id.empty()) out["KmsKeyId"] = v.kms_key_id;
  Json attachments = Json::array();
  if (!v.instance_id.empty()) {
    attachments.push_back(AttachmentJson({v.volume_id, v.instance_id, v.device_name, v.attach_state,
                                          v.attach_since_ms, v.delete_on_termination}));
  }
  out["Attachments"] = std::move(attachments);
  PutTags(out, v.tags);
  return out;
}

Json ModificationJson(const model::VolumeModificationView& view) {
  const model::VolumeModification& m = view.modification;
  Json out = {{"VolumeId", view.volume_id},          {"ModificationState", m.state},
              {"TargetSize", m.target_size_gib},     {"TargetVolumeType", m.target_type},
              {"OriginalSize", m.original_size_gib}, {"OriginalVolumeType", m.original_type},
              {"Progress", view.progress},           {"StartTime", m.start_time_ms}};
  if (m.target_iops != 0) out["TargetIops"] = m.target_iops;
  if (m.original_iops != 0) out["OriginalIops"] = m.original_iops;
  if (m.target_throughput != 0) out["TargetThroughput"] = m.target_throughput;
  if (m.original_throughput != 0) out["OriginalThroughput"] = m.original_throughput;
  return out;
}

model::DescribeVolumesRequest DescribeRequestOf(const Json& input) {
  return {StringList(input, "VolumeIds"), FilterList(input), PageOf(input)};
}

model::Result<Json> CreateVolume(ActionContext& context, const Json& input) {
  model::CreateVolumeRequest request;
  request.availability_zone = StringMember(input, "AvailabilityZone");
  request.size = OptionalInt(input, "Size");
  request.snapshot_id = StringMember(input, "SnapshotId");
  request.volume_type = StringMember(input, "VolumeType");
  request.iops = OptionalInt(input, "Iops");
  request.throughput = OptionalInt(input, "Throughput");
  request.encrypted = BoolMember(input, "Encrypted");
  request.kms_key_id = StringMember(input, "KmsKeyId");
  request.multi_attach = BoolMember(input, "MultiAttachEnabled");
  request.tag_specifications = TagSpecificationList(input);
  if (input.contains("OutpostArn")) request.outpost_arn = StringMember(input, "OutpostArn");
  auto volume = model::CreateVolume(context.ec2, context.caller, request);
  if (!volume) return std::move(volume).error();
  return VolumeJson(*volume);
}

model::Result<Json> AttachVolume(ActionContext& context, const Json& input) {
  auto attachment = model::AttachVolume(context.ec2, context.caller, StringMember(input, "VolumeId"),
                                        StringMember(input, "InstanceId"), StringMember(input, "Device"));
  if (!attachment) return std::move(attachment).error();
  return AttachmentJson(*attachment);
}

model::Result<Json> DetachVolume(ActionContext& context, const Json& input) {
  auto attachment = model::DetachVolume(context.ec2, context.caller, StringMember(input, "VolumeId"),
                                        StringMember(input, "InstanceId"), StringMember(input, "Device"));
  if (!attachment) return std::move(attachment).error();
  return AttachmentJson(*attachment);
}

model::Result<Json> DeleteVolume(ActionContext& context, const Json& input) {
  auto deleted = model::DeleteVolume(context.ec2, context.caller, StringMember(input, "VolumeId"));
  if (!deleted) return std::move(deleted).error();
  return Json::object();
}

model::Result<Json> DescribeVolumes(ActionContext& context, const Json& input) {
  auto page = model::DescribeVolumes(context.ec2, context.caller, DescribeRequestOf(input));
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Volume& volume : page->items) items.push_back(VolumeJson(volume));
  return PagedOutput("Volumes", std::move(items), page->next_token);
}

model::Result<Json> ModifyVolume(ActionContext& context, const Json& input) {
  model::ModifyVolumeRequest request;
  request.volume_id = StringMember(input, "VolumeId");
  request.size = OptionalInt(input, "Size");
  if (input.contains("VolumeType")) request.volume_type = StringMember(input, "VolumeType");
  request.iops = OptionalInt(input, "Iops");
  request.throughput = OptionalInt(input, "Throughput");
  auto modification = model::ModifyVolume(context.ec2, context.caller, request);
  if (!modification) return std::move(modification).error();
  return Json{{"VolumeModification", ModificationJson(*modification)}};
}

model::Result<Json> DescribeVolumesModifications(ActionContext& context, const Json& input) {
  auto page = model::DescribeVolumesModifications(context.ec2, context.caller, DescribeRequestOf(input));
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::VolumeModificationView& view : page->items) items.push_back(ModificationJson(view));
  return PagedOutput("VolumesModifications", std::move(items), page->next_token);
}

model::Result<Json> DescribeVolumeStatus(ActionContext& context, const Json& input) {
  auto page = model::DescribeVolumeStatus(context.ec2, context.caller, DescribeRequestOf(input));
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::VolumeStatus& status : page->items) {
    items.push_back(
        {{"VolumeId", status.volume_id},
         {"AvailabilityZone", status.availability_zone},
         {"VolumeStatus",
          {{"Status", status.status},
           {"Details", Json::array({{{"Name", "io-enabled"}, {"Status", status.io_enabled}},
                                    {{"Name", "io-performance"}, {"Status", status.io_performance}}})}}},
         {"Actions", Json::array()},
         {"Events", Json::array()}});
  }
  return PagedOutput("VolumeStatuses", std::move(items), page->next_token);
}

}  // namespace

std::span<const ActionEntry> VolumeActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(AttachVolume),    LOCALEC2_ACTION(CreateVolume),
      LOCALEC2_ACTION(DeleteVolume),    LOCALEC2_ACTION(DescribeVolumeStatus),
      LOCALEC2_ACTION(DescribeVolumes), LOCALEC2_ACTION(DescribeVolumesModifications),
      LOCALEC2_ACTION(DetachVolume),    LOCALEC2_ACTION(ModifyVolume)};
  return kActions;
}

}  // namespace localec2::api
