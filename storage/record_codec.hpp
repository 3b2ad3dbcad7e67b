// How a resource is written in the `body` column: one JSON object per resource, members named after
// the model's fields. Fields missing from an older body take their defaults, so adding a field needs
// no migration.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::storage {

std::string EncodeResource(const model::Resource& resource);

// The encoding nlohmann derives from the field list, which DecodeResource reads (tests compare it with
// EncodeResource's hand-written fast path).
nlohmann::json GenericEncoding(const model::Resource& resource);

// The resource of `type` (model::ResourceType) encoded in `body`. Errors: InternalError for an unknown
// type or a body that is not a valid encoding.
model::Result<model::Resource> DecodeResource(std::string_view type, std::string_view body);
// The same from a parsed body (the state import's entries).
model::Result<model::Resource> DecodeResourceJson(std::string_view type, const nlohmann::json& body);

}  // namespace localec2::storage
