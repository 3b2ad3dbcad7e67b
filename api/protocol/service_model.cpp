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

}  // namespace localec2::api
