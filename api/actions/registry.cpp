#include "api/actions/registry.hpp"

#include <algorithm>
#include <vector>

#include "api/actions/families.hpp"

namespace localec2::api {
namespace {

// One line per family.
constexpr std::span<const ActionEntry> (*kFamilies[])() = {
    &AddressActions,        &DhcpOptionsActions,  &GatewayActions,
    &IamAssociationActions, &ImageActions,        &ImageAttributeActions,
    &InstanceActions,       &InstanceInfoActions, &InstanceOptionActions,
    &InterfaceActions,      &KeyPairActions,      &LaunchTemplateActions,
    &NetworkAclActions,     &NetworkActions,      &PlacementGroupActions,
    &RegionActions,         &RouteTableActions,   &SecurityGroupActions,
    &SnapshotActions,       &SubnetActions,       &TagActions,
    &VolumeActions,         &VpcActions,
};

const std::vector<ActionEntry>& Index() {
  static const std::vector<ActionEntry> index = [] {
    std::vector<ActionEntry> all;
    for (auto family : kFamilies) {
      for (const ActionEntry& entry : family()) all.push_back(entry);
    }
    std::sort(all.begin(), all.end(),
              [](const ActionEntry& a, const ActionEntry& b) { return a.name < b.name; });
    return all;
  }();
  return index;
}

}  // namespace

Handler FindHandler(std::string_view action) {
  const std::vector<ActionEntry>& index = Index();
  auto it = std::lower_bound(index.begin(), index.end(), action,
                             [](const ActionEntry& e, std::string_view n) { return e.name < n; });
  return it != index.end() && it->name == action ? it->handler : nullptr;
}

std::span<const ActionEntry> SupportedActions() { return Index(); }

}  // namespace localec2::api
