// The instance metadata service, as a front door beside the EC2 API: what code on an instance sees at
// http://169.254.169.254, served for each instance below /_localec2/imds/INSTANCE_ID, so that
// AWS_EC2_METADATA_SERVICE_ENDPOINT=http://HOST:PORT/_localec2/imds/INSTANCE_ID/ points a program (boto3,
// the AWS CLI) at one instance. The trailing '/' matters: older botocore (the AWS CLI v2's) appends
// "latest/…" to the base URL without a separator. Also GET /_localec2/instances/INSTANCE_ID: a JSON view of
// the instance with that base URL. Plain request/response types; main.cpp routes and adapts them.
//
// The rules, as AWS's service applies them (answers are text/plain; errors are AWS's small HTML pages):
//   - PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds 1–21600 → a session token for this
//     instance (session_token.hpp); no TTL or a bad one → 400; X-Forwarded-For → 403 (a token never
//     leaves the instance through a proxy); any other method there, or PUT elsewhere → 405.
//   - GET: a X-aws-ec2-metadata-token header must hold a valid token of this instance (else 401);
//     without one, HttpTokens=required → 401.
//   - HttpEndpoint=disabled → 403 for everything; an instance that is not running, or not found → 404.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "model/core/caller.hpp"
#include "model/core/ec2.hpp"
#include "model/core/result.hpp"

namespace localec2::imds {

inline constexpr std::string_view kImdsPrefix = "/_localec2/imds/";
inline constexpr std::string_view kInstancesPrefix = "/_localec2/instances/";

struct ImdsRequest {
  std::string_view method;
  std::string_view path;                                         // the URL's path
  std::string_view query;                                        // without '?'
  std::span<const std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string_view local_address = {};                           // the address the client connected to
};

struct ImdsResponse {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
  std::string log_note;
};

// The signer of a request to /_localec2/instances/ (as the EC2 API would identify it), nullopt when the
// request is unsigned, or why it is refused.
using Identifier = std::function<model::Result<std::optional<model::Caller>>(const ImdsRequest& request)>;

struct ImdsOptions {
  std::string server_secret;  // keys the session tokens, role credentials and identity signatures
  Identifier identify;        // required for InstanceView
  std::string default_account = "000000000000";  // of unsigned requests without ?account=
  int loopback_port = 0;                         // the --imds-port listener's port, 0 without one
};

class MetadataService {
 public:
  // `ec2` must outlive this object.
  MetadataService(ImdsOptions options, model::Ec2& ec2);

  // Any method on kImdsPrefix + INSTANCE_ID + the metadata path: the rules above. Never throws.
  ImdsResponse Handle(const ImdsRequest& request) const noexcept;

  // The --imds-port listener's port, named by InstanceView; set before serving.
  void SetLoopbackPort(int port) { options_.loopback_port = port; }

  // Any request to the --imds-port listener: the metadata path (/latest/…) of the instance whose
  // LoopbackAddressOf (loopback_address.hpp) is the address the client connected to; the rules above.
  // 404 when no visible instance has that address. Never throws.
  ImdsResponse HandleLoopback(const ImdsRequest& request) const noexcept;

  // GET kInstancesPrefix + INSTANCE_ID[?account=&region=]: {"InstanceId", "AccountId", "Region", "State",
  // "ImdsEndpoint", "HttpTokens", "HttpEndpoint", "InstanceMetadataTags"} (and "ImdsLoopbackEndpoint"
  // with a --imds-port listener) of the caller's instance (the
  // signer's account and region, else ?account= (default: --account) and ?region= (us-east-1)); 404
  // {"Error":{"Code","Message"}} for an unknown id, 400 for a bad query. Never throws.
  ImdsResponse InstanceView(const ImdsRequest& request) const noexcept;

 private:
  ImdsResponse Serve(const ImdsRequest& request) const;
  ImdsResponse Describe(const ImdsRequest& request) const;

  ImdsOptions options_;
  model::Ec2& ec2_;
};

}  // namespace localec2::imds
