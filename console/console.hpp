// The web console's front door: its embedded static files under /_localec2/console/, the page that sends
// a browser asking for `/` there, and the JSON API the console's pages call (console_api.cpp). The pages
// are clients of the same handlers the EC2 Query API reaches (through api::Invoke), so they can never show
// what the CLI would not.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "control/control_types.hpp"
#include "model/core/ec2.hpp"

namespace localec2::console {

inline constexpr std::string_view kConsolePath = "/_localec2/console";

struct ConsoleOptions {
  std::string default_account = "000000000000";  // the account the console acts as (--account)
  // Set (--auth strict): the account of the access key id and secret a console API request carries, or
  // the error (AuthFailure) refusing them. Unset: every request acts as default_account.
  std::function<model::Result<std::string>(const std::string& key_id, const std::string& secret)>
      account_of_keys;
  std::size_t max_api_body_bytes = 1 << 20;  // a console API request larger than this is refused (413)
};

class Console {
 public:
  // `ec2` must outlive this object.
  Console(ConsoleOptions options, model::Ec2& ec2);

  // GET /_localec2/console/<file>: an embedded file with its content type ("" and "/" are index.html).
  // 404 NotFound for a name not embedded; 400 InvalidRequest for a path with "..", "//", "\" or "%".
  // GET /_localec2/console (no slash): the page sending the browser to /_localec2/console/.
  control::ControlResponse StaticFile(const control::ControlRequest& request) const noexcept;

  // POST /_localec2/console/api with {"Action": name, "Region": region, "Params": {query name: value}}
  // (and, under --auth strict, "AccessKeyId" and "SecretAccessKey": the keys the user entered):
  // the action's answer as {"Output": members, "RequestId": id}, or {"Error": {"Code", "Message"},
  // "RequestId": id} with the code's HTTP status. Params are named as in the EC2 Query API
  // ("InstanceId.1", "Filter.1.Name"); values are strings, numbers or booleans. Errors before the handler:
  // 405 for another method; 413 RequestEntityTooLarge; 400 InvalidRequest for a body that is not such a
  // JSON object; under --auth strict, AuthFailure (401) for absent or unknown keys; InvalidParameterValue for
  // a region outside the catalog; then the Query API's own (InvalidAction, MissingParameter,
  // UnknownParameter, …). See console_api.cpp.
  control::ControlResponse Api(const control::ControlRequest& request) const noexcept;

  // True when a request to `/` comes from a browser asking for a page (GET, no query, Accept names
  // text/html), which the EC2 Query API would only refuse: main.cpp answers it with StaticFile's redirect.
  static bool WantsConsole(std::string_view method, std::string_view path, std::string_view query,
                           std::string_view accept);
  // The page that sends the browser to /_localec2/console/ (a refresh: the HTTP layer sets no Location).
  static control::ControlResponse RedirectPage();

  // The endpoints above with their methods and paths (the API first: it lies below the files' prefix).
  std::vector<control::Endpoint> Endpoints() const;

 private:
  ConsoleOptions options_;
  model::Ec2& ec2_;
};

}  // namespace localec2::console
