// Export and import of one account's state as a JSON document (state_document.hpp; README "Export and
// import state"):
//   GET  /_localec2/state[?account=ID][&region=NAME]  the document (every region with resources, or one)
//   POST /_localec2/state[?account=ID]  body: a document; replaces the account's whole state with it,
//        answering {"imported":ID,"resources":N,"regions":{NAME:N…}}
// Without ?account=, GET exports --account's state and POST imports into the document's Account. An
// import is all or nothing: the document is parsed and every reference checked first
// (state_references.hpp), then the state is replaced as one committed change (Ec2::ReplaceState), so a
// refused or failed import changes nothing. Refusals are JSON {"error": message}: 400 for a bad query or
// document (the message names the first problem's path), 403 in strict mode for another account, 405 for
// another method, 500 for a storage failure (detail on stderr). --auth strict: the request must be
// signed (render_error's answer otherwise) and acts on the signer's account only.
#pragma once

#include <string_view>

#include "control/control_types.hpp"
#include "model/core/ec2.hpp"

namespace localec2::control {

inline constexpr std::string_view kStatePath = "/_localec2/state";

// Any method on kStatePath; routed when options.record_codec is set. Never throws.
ControlResponse StateRequest(const ControlOptions& options, model::Ec2& ec2,
                             const ControlRequest& request) noexcept;

}  // namespace localec2::control
