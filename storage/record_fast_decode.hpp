// The fast path of DecodeResource for the records written on every launch (instances, their volumes and
// interfaces): JsonReader reads the bodies record_codec's hand-written encoders write, field by field,
// with no nlohmann tree (a checkpoint restore and the start-up load decode tens of thousands of them).
// nullopt for a body in any other form (an older layout, a volume with a modification, a \u escape beyond
// ASCII…): the caller then decodes it with nlohmann, which reads any JSON.
#pragma once

#include <optional>
#include <string_view>

#include "model/core/resources.hpp"

namespace localec2::storage {

std::optional<model::Instance> DecodeInstanceFast(std::string_view body);
std::optional<model::Volume> DecodeVolumeFast(std::string_view body);
std::optional<model::NetworkInterface> DecodeNetworkInterfaceFast(std::string_view body);

}  // namespace localec2::storage
