// The protocol-neutral way into the handlers. Every front door (the EC2 Query API in dispatcher.cpp, later
// a console or a JSON API) decodes its own wire format, finds its caller, then calls Invoke, so all reach
// the same handlers under the same rules and answer with the same errors.
#pragma once

#include <string_view>

#include "api/actions/action.hpp"
#include "model/core/result.hpp"

namespace localec2::api {

// Runs `action` for context's caller with `input`: member names → values, validated against the service
// model as ParseInput produces them. Errors, checked in this order: InvalidAction for a name outside the
// EC2 model; NotImplemented for an action localec2 does not emulate; DryRunOperation when input's DryRun
// is true; then the handler's own. An InternalError, or an exception out of the handler, is logged to
// stderr with `request_id` and its detail, and answered with AWS's wording alone. Thread-safe.
model::Result<Json> Invoke(ActionContext& context, std::string_view action, const Json& input,
                           std::string_view request_id);

}  // namespace localec2::api
