#include "imds/metadata_service.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>

#include "imds/loopback_address.hpp"
#include "imds/metadata_tree.hpp"
#include "imds/session_token.hpp"
#include "model/catalogs/region_catalog.hpp"
#include "model/core/states.hpp"
#include "model/instances/instance_metadata.hpp"
#include "wire/form_decoder.hpp"

namespace localec2::imds {
namespace {

constexpr std::string_view kTokenPath = "/latest/api/token";

// AWS's metadata service answers errors with a small XHTML page naming the status.
ImdsResponse Page(int status, std::string_view reason, std::string note) {
  const std::string title = std::to_string(status) + " - " + std::string(reason);
  return {status, "text/html",
          "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
          "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
          "\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
          "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
          " <head>\n  <title>" +
              title + "</title>\n </head>\n <body>\n  <h1>" + title + "</h1>\n </body>\n</html>\n",
          "imds " + std::move(note)};
}

ImdsResponse NotFound(std::string note) { return Page(404, "Not Found", std::move(note)); }

std::optional<std::string_view> HeaderOf(const ImdsRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

// The TTL of a token request: 1–21600 whole seconds, digits only.
std::optional<int> TtlOf(std::string_view text) {
  int ttl = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ttl);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (ttl < 1 || ttl > kMaxTokenTtlSeconds) return std::nullopt;
  return ttl;
}

ImdsResponse JsonError(int status, const std::string& code, const std::string& message) {
  return {status, "application/json",
          nlohmann::json{{"Error", {{"Code", code}, {"Message", message}}}}.dump(), "instance " + code};
}

}  // namespace

MetadataService::MetadataService(ImdsOptions options, model::Ec2& ec2)
    : options_(std::move(options)), ec2_(ec2) {}

ImdsResponse MetadataService::Handle(const ImdsRequest& request) const noexcept {
  try {
    return Serve(request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in the metadata service: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in the metadata service\n");
  }
  try {
    return Page(500, "Internal Server Error", "error");
  } catch (...) {
    ImdsResponse bare;  // allocation failed while refusing: answer without a body
    bare.status = 500;
    return bare;
  }
}

ImdsResponse MetadataService::HandleLoopback(const ImdsRequest& request) const noexcept {
  try {
    const std::string address(request.local_address);
    auto instance_id =
        model::FindInstanceId(ec2_, [&](const std::string& id) { return LoopbackAddressOf(id) == address; });
    if (!instance_id) return NotFound("no-instance-at-address");
    const std::string path = std::string(kImdsPrefix) + *instance_id + std::string(request.path);
    ImdsRequest routed = request;
    routed.path = path;
    return Handle(routed);
  } catch (...) {
    ImdsResponse bare;  // allocation failed
    bare.status = 500;
    return bare;
  }
}

ImdsResponse MetadataService::Serve(const ImdsRequest& request) const {
  std::string_view rest = request.path.substr(kImdsPrefix.size());
  const size_t slash = rest.find('/');
  const std::string instance_id(rest.substr(0, slash));
  const std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  auto metadata = model::DescribeInstanceMetadata(ec2_, instance_id);
  if (!metadata) return NotFound(metadata.error().code);
  const model::Instance& instance = metadata->view.instance;
  if (instance.http_endpoint == "disabled") return Page(403, "Forbidden", "endpoint-disabled");
  if (instance.state != model::states::kRunning) return NotFound("not-running");
  const std::int64_t now = ec2_.clock().NowMs();

  if (path == kTokenPath) {
    if (request.method != "PUT") return Page(405, "Method Not Allowed", "token-method");
    if (HeaderOf(request, "x-forwarded-for")) return Page(403, "Forbidden", "token-forwarded");
    auto ttl_header = HeaderOf(request, "x-aws-ec2-metadata-token-ttl-seconds");
    auto ttl = ttl_header ? TtlOf(*ttl_header) : std::nullopt;
    if (!ttl) return Page(400, "Bad Request", "token-ttl");
    return {200, "text/plain", IssueSessionToken(options_.server_secret, instance_id, now, *ttl),
            "imds token"};
  }
  if (request.method != "GET") return Page(405, "Method Not Allowed", "method");
  if (auto token = HeaderOf(request, "x-aws-ec2-metadata-token")) {
    if (CheckSessionToken(options_.server_secret, *token, instance_id, now) != TokenCheck::kValid)
      return Page(401, "Unauthorized", "token-invalid");
  } else if (instance.http_tokens == "required") {
    return Page(401, "Unauthorized", "token-required");
  }
  // Only the version "latest" is served: the dated versions AWS also lists are not emulated.
  if (path == "/") return {200, "text/plain", "latest", "imds get"};
  if (path != "/latest" && !path.starts_with("/latest/")) return NotFound("path");
  const MetadataTree tree = BuildMetadataTree(*metadata, options_.server_secret, now);
  auto answer = Lookup(tree, path.substr(std::min(path.size(), std::string_view("/latest/").size())));
  if (!answer) return NotFound("path");
  return {200, "text/plain", std::move(*answer), "imds get"};
}

ImdsResponse MetadataService::InstanceView(const ImdsRequest& request) const noexcept {
  try {
    return Describe(request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "localec2: internal error in /_localec2/instances: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "localec2: unknown internal error in /_localec2/instances\n");
  }
  ImdsResponse bare;
  bare.status = 500;
  return bare;
}

ImdsResponse MetadataService::Describe(const ImdsRequest& request) const {
  const std::string instance_id(request.path.substr(kInstancesPrefix.size()));
  auto signer = options_.identify(request);
  if (!signer)
    return JsonError(model::HttpStatusFor(signer.error().code), signer.error().code, signer.error().message);
  model::Caller caller{options_.default_account, "us-east-1"};
  if (*signer) {
    caller = **signer;
  } else {
    auto params = wire::DecodeForm(request.query);
    if (!params) return JsonError(400, params.error().code, params.error().message);
    for (const wire::FormParams::Param& param : params->all()) {
      if (param.name == "account" && model::IsAccountId(param.value)) {
        caller.account_id = param.value;
      } else if (param.name == "region" && model::FindRegion(param.value) != nullptr) {
        caller.region = param.value;
      } else {
        return JsonError(400, "InvalidParameterValue",
                         "Only ?account=ACCOUNT_ID (12 digits) and ?region=REGION (a region of the catalog) "
                         "are accepted.");
      }
    }
  }
  auto view = model::DescribeInstance(ec2_, caller, instance_id);
  if (!view) return JsonError(404, view.error().code, view.error().message);
  const model::Instance& instance = view->instance;
  const std::string host(HeaderOf(request, "host").value_or("localhost:4566"));
  nlohmann::json body{
      {"InstanceId", instance.instance_id},
      {"AccountId", caller.account_id},
      {"Region", caller.region},
      {"State", instance.state},
      {"ImdsEndpoint", "http://" + host + std::string(kImdsPrefix) + instance.instance_id + "/"},
      {"HttpTokens", instance.http_tokens},
      {"HttpEndpoint", instance.http_endpoint},
      {"InstanceMetadataTags", instance.instance_metadata_tags}};
  if (const model::InstanceRuntimeView* runtime = ec2_.runtime_view(); runtime) {
    if (auto endpoint = runtime->SshEndpoint(instance.instance_id)) body["SshEndpoint"] = *endpoint;
  }
  if (options_.loopback_port != 0) {
    body["ImdsLoopbackEndpoint"] =
        "http://" + LoopbackAddressOf(instance.instance_id) + ":" + std::to_string(options_.loopback_port);
  }
  return {200, "application/json", body.dump(), "instance"};
}

}  // namespace localec2::imds
