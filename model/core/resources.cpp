#include "model/core/resources.hpp"

#include "model/core/resource_types.hpp"

namespace localec2::model {

std::string_view ResourceType(const Resource& resource) {
  return std::visit([]<class T>(const T&) { return ResourceTraits<T>::kType; }, resource);
}

const std::string& ResourceId(const Resource& resource) {
  return std::visit([]<class T>(const T& r) -> const std::string& { return r.*ResourceTraits<T>::kId; },
                    resource);
}

}  // namespace localec2::model
