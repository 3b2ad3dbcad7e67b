// What DescribeVolumes, DescribeVolumeStatus and DescribeVolumesModifications show: the caller's volumes,
// settled, filtered and paginated in id order.
#include <algorithm>

#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"

namespace localec2::model {
namespace {

template <std::string Volume::*Member>
void Text(const Volume& v, std::string_view, std::vector<std::string>& out) {
  if (!(v.*Member).empty()) out.push_back(v.*Member);
}

// Filters see settled volumes.
constexpr FilterField<Volume> kVolumeFilters[] = {
    {"volume-id", &Text<&Volume::volume_id>},
    {"availability-zone", &Text<&Volume::availability_zone>},
    {"snapshot-id", &Text<&Volume::snapshot_id>},
    {"volume-type", &Text<&Volume::volume_type>},
    {"status", &Text<&Volume::state>},
    {"size", [](const Volume& v, std::string_view, auto& out) { out.push_back(std::to_string(v.size_gib)); }},
    {"encrypted", [](const Volume& v, std::string_view, auto& out) { out.push_back(BoolText(v.encrypted)); }},
    {"create-time",
     [](const Volume& v, std::string_view, auto& out) { out.push_back(IsoTime(v.create_time_ms)); }},
    {"multi-attach-enabled", [](const Volume&, std::string_view, auto& out) { out.push_back("false"); }},
    {"attachment.instance-id", &Text<&Volume::instance_id>},
    {"attachment.device", &Text<&Volume::device_name>},
    {"attachment.status", &Text<&Volume::attach_state>},
    {"attachment.attach-time",
     [](const Volume& v, std::string_view, auto& out) {
       if (!v.instance_id.empty()) out.push_back(IsoTime(v.attach_since_ms));
     }},
    {"attachment.delete-on-termination",
     [](const Volume& v, std::string_view, auto& out) {
       if (!v.instance_id.empty()) out.push_back(BoolText(v.delete_on_termination));
     }},
    LOCALEC2_TAG_FILTERS(Volume),
};

struct ModificationSubject {
  const Volume& volume;
  const VolumeModification& modification;
};

constexpr FilterField<ModificationSubject> kModificationFilters[] = {
    {"volume-id",
     [](const ModificationSubject& s, std::string_view, auto& out) { out.push_back(s.volume.volume_id); }},
    {"modification-state",
     [](const ModificationSubject& s, std::string_view, auto& out) { out.push_back(s.modification.state); }},
    {"target-size", [](const ModificationSubject& s, std::string_view,
                       auto& out) { out.push_back(std::to_string(s.modification.target_size_gib)); }},
    {"target-volume-type", [](const ModificationSubject& s, std::string_view,
                              auto& out) { out.push_back(s.modification.target_type); }},
    {"original-size", [](const ModificationSubject& s, std::string_view,
                         auto& out) { out.push_back(std::to_string(s.modification.original_size_gib)); }},
    {"original-volume-type", [](const ModificationSubject& s, std::string_view,
                                auto& out) { out.push_back(s.modification.original_type); }},
    {"start-time", [](const ModificationSubject& s, std::string_view,
                      auto& out) { out.push_back(IsoTime(s.modification.start_time_ms)); }},
};

// The caller's volumes `ids` names, in that order. Errors: InvalidVolumeID.Malformed, InvalidVolume.NotFound
// (the first id missing).
Result<std::vector<const Volume*>> FindVolumes(const View& view, const std::vector<std::string>& ids) {
  std::vector<const Volume*> found;
  for (const std::string& id : ids) {
    auto volume = view.Find<Volume>(id);
    if (!volume) return std::move(volume).error();
    found.push_back(*volume);
  }
  return found;
}

VolumeStatus StatusOf(const Volume& volume) {
  return {volume.volume_id, volume.availability_zone, "ok", "passed", "not-applicable"};
}

// Whether `status` passes every volume-status.* filter: volume-status.status tests its status,
// volume-status.details-status its io-enabled check; any other such filter sees an empty value.
bool StatusPasses(const VolumeStatus& status, const std::vector<Filter>& filters) {
  return std::all_of(filters.begin(), filters.end(), [&](const Filter& f) {
    const std::string& actual = f.name == "volume-status.status"           ? status.status
                                : f.name == "volume-status.details-status" ? status.io_enabled
                                                                           : std::string();
    return std::any_of(f.values.begin(), f.values.end(),
                       [&](const std::string& value) { return WildcardMatch(value, actual); });
  });
}

// The page of settled volumes `request` names (every one when none) that pass its filters and `keep`.
// Errors: pagination errors, ids with MaxResults, unknown filter, InvalidVolumeID.Malformed,
// InvalidVolume.NotFound.
template <class Keep>
Result<Page<Volume>> VolumePage(Ec2& ec2, const Caller& caller, const DescribeVolumesRequest& request,
                                Keep keep) {
  if (auto page = ValidatePage(request.page, {5, 500}); !page) return std::move(page).error();
  if (request.page.max_results && !request.volume_ids.empty()) return IdsWithMaxResults("volumeIds");
  auto filters = CompiledFilters<Volume>::Compile(request.filters, kVolumeFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<Volume>> {
    auto named = FindVolumes(view, request.volume_ids);
    if (!named) return std::move(named).error();
    std::vector<const Volume*> candidates = std::move(*named);
    if (request.volume_ids.empty()) {
      for (const auto& [id, volume] : view.partition().volumes) candidates.push_back(&volume);
    }
    std::vector<Volume> matching;
    for (const Volume* volume : candidates) {
      Volume settled = Settled(*volume, view.now(), view.timing());
      if (filters->Matches(settled) && keep(settled)) matching.push_back(std::move(settled));
    }
    return PageById(std::move(matching), request.page, &Volume::volume_id);
  });
}

}  // namespace

Result<Page<Volume>> DescribeVolumes(Ec2& ec2, const Caller& caller, const DescribeVolumesRequest& request) {
  return VolumePage(ec2, caller, request, [](const Volume&) { return true; });
}

Result<Page<VolumeStatus>> DescribeVolumeStatus(Ec2& ec2, const Caller& caller,
                                                const DescribeVolumesRequest& request) {
  // The volume-status.* filters are checked here; the rest are DescribeVolumes's.
  DescribeVolumesRequest volumes = request;
  std::vector<Filter> status_filters;
  std::erase_if(volumes.filters, [&](const Filter& f) {
    bool status = f.name.starts_with("volume-status.");
    if (status) status_filters.push_back(f);
    return status;
  });
  auto page = VolumePage(ec2, caller, volumes, [&](const Volume& volume) {
    return StatusPasses(StatusOf(volume), status_filters);
  });
  if (!page) return std::move(page).error();
  Page<VolumeStatus> statuses;
  for (const Volume& volume : page->items) statuses.items.push_back(StatusOf(volume));
  statuses.next_token = std::move(page->next_token);
  return statuses;
}

Result<Page<VolumeModificationView>> DescribeVolumesModifications(Ec2& ec2, const Caller& caller,
                                                                  const DescribeVolumesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 500}); !page) return std::move(page).error();
  auto filters = CompiledFilters<ModificationSubject>::Compile(request.filters, kModificationFilters);
  if (!filters) return std::move(filters).error();
  const std::vector<std::string>& ids = request.volume_ids;
  return ec2.Read(caller, [&](const View& view) -> Result<Page<VolumeModificationView>> {
    if (auto named = FindVolumes(view, ids); !named) return std::move(named).error();
    std::vector<VolumeModificationView> matching;
    for (const auto& [id, stored] : view.partition().volumes) {
      if (stored.modifications.empty()) continue;
      if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
      Volume volume = Settled(stored, view.now(), view.timing());
      const VolumeModification& modification = volume.modifications.back();
      if (!filters->Matches(ModificationSubject{volume, modification})) continue;
      matching.push_back({id, modification, ModificationProgress(modification.state)});
    }
    return PageById(std::move(matching), request.page, &VolumeModificationView::volume_id);
  });
}

}  // namespace localec2::model
