#include "api/protocol/service_model.hpp"

#include <algorithm>

namespace localec2::api {

const OperationDef* ServiceModel::FindOperation(std::string_view name) const {
  auto it = std::lower_bound(operations_.begin(), operations_.end(), name,
                             [](const OperationDef& op, std::string_view n) { return op.name < n; });
  return it != operations_.end() && it->name == name ? &*it : nullptr;
}

const ShapeDef* ServiceModel::FindShape(std::string_view name) const {
  auto it = std::lower_bound(shapes_.begin(), shapes_.end(), name,
                             [](const ShapeDef& shape, std::string_view n) { return shape.name < n; });
  return it != shapes_.end() && it->name == name ? &*it : nullptr;
}

std::vector<std::uint16_t> ServiceModel::OrderMembersByName(std::span<const ShapeDef> shapes,
                                                            std::span<const MemberDef> members) {
  std::vector<std::uint16_t> order(members.size(), 0);
  for (const ShapeDef& shape : shapes) {
    if (shape.kind != ShapeKind::kStructure) continue;
    auto positions = std::span<std::uint16_t>(order).subspan(shape.first, shape.count);
    for (std::uint32_t k = 0; k < shape.count; ++k) positions[k] = static_cast<std::uint16_t>(k);
    std::sort(positions.begin(), positions.end(), [&](std::uint16_t a, std::uint16_t b) {
      return members[shape.first + a].name < members[shape.first + b].name;
    });
  }
  return order;
}

}  // namespace localec2::api
