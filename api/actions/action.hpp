// What a handler is: a few lines that turn parsed input (member names → values) into one model call
// and the model's answer into output members. No XML and no wire names in handlers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/caller.hpp"
#include "model/filter.hpp"
#include "model/result.hpp"

namespace localec2::api {

struct ActionContext {
  const model::Caller& caller;
};

using Json = nlohmann::json;
using Handler = model::Result<Json> (*)(ActionContext& context, const Json& input);

// Input helpers: absent members read as empty / the default.
std::vector<std::string> StringList(const Json& input, const char* member);
std::vector<model::Filter> FilterList(const Json& input);  // the `Filters` member
bool BoolMember(const Json& input, const char* member, bool fallback = false);

}  // namespace localec2::api
