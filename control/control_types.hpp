// The plain request and answer of localec2's own endpoints. Neither Beast's nor the server's types cross
// this line (main.cpp adapts them), so control/ depends on model/ alone.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "model/core/caller.hpp"
#include "model/core/checkpoint_store.hpp"
#include "model/core/result.hpp"

namespace localec2::control {

struct RecordCodec;  // state_document.hpp

struct ControlRequest {
  std::string_view method;
  std::string_view path;                                         // the URL's path
  std::string_view query;                                        // the URL's query string, without '?'
  std::span<const std::pair<std::string, std::string>> headers;  // all of them, names lower-cased
  std::string_view body;
};

struct ControlResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string log_note;  // for the request log: the endpoint, then the error code if any
};

// Who signed `request`, or why it is refused (the error's code and message). May be called from several
// threads at once.
using Authenticator = std::function<model::Result<model::Caller>(const ControlRequest& request)>;

// The answer for a refused request, worded as the server's other refusals are (status, content type and
// body; the log note is the caller's to set). May be called from several threads at once.
using ErrorRenderer = std::function<ControlResponse(const model::Error& error)>;

// One endpoint: requests with this method ("*": any) and exactly this path (or, when `below`, this path
// or one below it) go to `handler`, which never throws.
struct Endpoint {
  std::string_view method;
  std::string_view path;
  std::function<ControlResponse(const ControlRequest& request)> handler;
  bool below = false;
};

// What localec2's own endpoints are configured with (main.cpp sets it).
struct ControlOptions {
  std::string version;  // reported by the health endpoint
  // Set (--auth strict): reset must be signed and forgets only the signer's account. Unset: reset
  // trusts ?account=.
  Authenticator authenticate;
  // Words refusals (a failed signature check, an unexpected failure) as the EC2 front door does.
  // Required whenever a request can be refused: set it.
  ErrorRenderer render_error;
  // The account of unsigned Marketplace subscription requests without ?account= (--account).
  std::string default_account = "000000000000";
  // Where checkpoints are kept (checkpoints.hpp); null: the checkpoint endpoints are not routed.
  model::CheckpointStore* checkpoints = nullptr;
  // How records read and write as JSON (storage's codec); null: the state export and import are not routed.
  const RecordCodec* record_codec = nullptr;
};

}  // namespace localec2::control
