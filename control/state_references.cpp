#include "control/state_references.hpp"

#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "model/core/error_codes.hpp"
#include "model/core/resource_types.hpp"
#include "model/core/states.hpp"
#include "model/network/gateways.hpp"

namespace localec2::control {
namespace {

class RegionIds {
 public:
  void Add(std::string_view type, const std::string& id) { ids_[std::string(type)].insert(id); }
  void Remove(const std::string& type, const std::string& id) {
    if (auto it = ids_.find(type); it != ids_.end()) it->second.erase(id);
  }
  bool Has(std::string_view type, const std::string& id) const {
    auto it = ids_.find(type);
    return it != ids_.end() && it->second.contains(id);
  }

 private:
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> ids_;
};

class Checker {
 public:
  Checker(const RegionIds& ids, const CatalogOf& catalog, std::string region, std::string path)
      : ids_(ids), catalog_(catalog), region_(std::move(region)), path_(std::move(path)) {}

  // `id` (when not empty) must be a `type` of the region; `member` is its path below the record.
  void Need(std::string_view type, const std::string& id, const std::string& member) {
    if (problem_ || id.empty() || ids_.Has(type, id)) return;
    problem_ = path_ + "." + member + ": " + id + " does not exist in the document";
  }
  // An image or snapshot id (not empty) of the document or of the catalog.
  void NeedOrCatalog(std::string_view type, const std::string& id, const std::string& member) {
    if (problem_ || id.empty() || ids_.Has(type, id)) return;
    if (!catalog_ids_) catalog_ids_ = catalog_(region_);
    const auto& known = type == "image" ? catalog_ids_->images : catalog_ids_->snapshots;
    if (known.contains(id)) return;
    problem_ = path_ + "." + member + ": " + id + " does not exist in the document or the catalog";
  }
  // `id` (when not empty) need not exist (AWS keeps it after the resource is gone) but has its form.
  void Shape(std::string_view prefix, const std::string& id, const std::string& member) {
    if (problem_ || id.empty() || model::IsWellFormedId(prefix, id)) return;
    problem_ = path_ + "." + member + ": \"" + id + "\" is not an id of the form " + std::string(prefix) +
               "-xxxxxxxx (8 or 17 lower-case hex digits)";
  }
  void NeedAll(std::string_view type, const std::vector<std::string>& ids, const std::string& member) {
    for (size_t i = 0; i < ids.size(); ++i) Need(type, ids[i], member + "[" + std::to_string(i) + "]");
  }
  std::optional<std::string> problem() const { return problem_; }

 private:
  const RegionIds& ids_;
  const CatalogOf& catalog_;
  std::string region_;
  std::string path_;
  std::optional<CatalogIds> catalog_ids_;
  std::optional<std::string> problem_;
};

void Check(const model::Instance& r, Checker& c) {
  c.NeedOrCatalog("image", r.image_id, "ImageId");
  if (r.state == model::states::kTerminated) return;
  c.Need("subnet", r.subnet_id, "SubnetId");
  c.Need("vpc", r.vpc_id, "VpcId");
  c.NeedAll("security-group", r.group_ids, "GroupIds");
  for (size_t i = 0; i < r.volumes.size(); ++i) {
    c.Need("volume", r.volumes[i].volume_id, "Volumes[" + std::to_string(i) + "].VolumeId");
  }
}
void Check(const model::Volume& r, Checker& c) {
  c.Shape("snap", r.snapshot_id, "SnapshotId");
  c.Need("instance", r.instance_id, "InstanceId");
}
void Check(const model::Snapshot& r, Checker& c) {
  c.Shape("vol", r.volume_id, "VolumeId");
  c.Shape("snap", r.source_snapshot_id, "SourceSnapshotId");
}
void Check(const model::Image& r, Checker& c) {
  c.Shape("ami", r.source_image_id, "SourceImageId");
  c.Shape("i", r.source_instance_id, "SourceInstanceId");
  for (size_t i = 0; i < r.block_devices.size(); ++i) {
    const std::string member = "BlockDevices[" + std::to_string(i) + "].SnapshotId";
    if (r.state == model::states::kAvailable) {
      c.NeedOrCatalog("snapshot", r.block_devices[i].snapshot_id, member);
    } else {
      c.Shape("snap", r.block_devices[i].snapshot_id, member);
    }
  }
}
void Check(const model::Subnet& r, Checker& c) { c.Need("vpc", r.vpc_id, "VpcId"); }
void Check(const model::SecurityGroup& r, Checker& c) { c.Need("vpc", r.vpc_id, "VpcId"); }
void Check(const model::InternetGateway& r, Checker& c) { c.Need("vpc", r.vpc_id, "VpcId"); }
void Check(const model::EgressOnlyInternetGateway& r, Checker& c) { c.Need("vpc", r.vpc_id, "VpcId"); }
void Check(const model::Vpc& r, Checker& c) {
  if (r.dhcp_options_id != "default") c.Need("dhcp-options", r.dhcp_options_id, "DhcpOptionsId");
}
void Check(const model::RouteTable& r, Checker& c) {
  c.Need("vpc", r.vpc_id, "VpcId");
  for (size_t i = 0; i < r.associations.size(); ++i) {
    c.Need("subnet", r.associations[i].subnet_id, "Associations[" + std::to_string(i) + "].SubnetId");
  }
}
void Check(const model::NetworkAcl& r, Checker& c) {
  c.Need("vpc", r.vpc_id, "VpcId");
  for (size_t i = 0; i < r.associations.size(); ++i) {
    c.Need("subnet", r.associations[i].subnet_id, "Associations[" + std::to_string(i) + "].SubnetId");
  }
}
void Check(const model::NetworkInterface& r, Checker& c) {
  c.Need("subnet", r.subnet_id, "SubnetId");
  c.Need("vpc", r.vpc_id, "VpcId");
  c.NeedAll("security-group", r.group_ids, "GroupIds");
  if (r.attached) c.Need("instance", r.attachment.instance_id, "Attachment.InstanceId");
}
void Check(const model::Address& r, Checker& c) {
  c.Need("network-interface", r.network_interface_id, "NetworkInterfaceId");
  c.Need("instance", r.instance_id, "InstanceId");
}
void Check(const model::NatGateway& r, Checker& c) {
  if (r.state == model::nat_states::kDeleting || r.state == model::nat_states::kDeleted) return;
  c.Need("subnet", r.subnet_id, "SubnetId");
  c.Need("vpc", r.vpc_id, "VpcId");
}
template <class T>
void Check(const T&, Checker&) {}  // no live reference

}  // namespace

model::Status CheckStateReferences(const ParsedState& parsed, const CatalogOf& catalog) {
  std::map<std::string, RegionIds> regions;
  for (const model::Record& record : parsed.records) {
    auto [slot, added] = regions.try_emplace(record.scope.region);
    if (!added) continue;
    for (const model::Record& derived : DerivedDefaults(record.scope)) {
      slot->second.Add(model::ResourceType(derived.resource), model::ResourceId(derived.resource));
    }
  }
  for (const model::Record& record : parsed.records) {
    if (const auto* removed = std::get_if<model::RemovedDefault>(&record.resource)) {
      regions[record.scope.region].Remove(removed->type, removed->id);
    }
  }
  for (const model::Record& record : parsed.records) {
    regions[record.scope.region].Add(model::ResourceType(record.resource),
                                     model::ResourceId(record.resource));
  }
  for (size_t i = 0; i < parsed.records.size(); ++i) {
    const model::Record& record = parsed.records[i];
    Checker checker(regions[record.scope.region], catalog, record.scope.region, parsed.paths[i]);
    std::visit([&](const auto& resource) { Check(resource, checker); }, record.resource);
    if (auto problem = checker.problem()) {
      return model::MakeError(model::codes::kInvalidParameterValue, *problem);
    }
  }
  return model::Ok{};
}

}  // namespace localec2::control
