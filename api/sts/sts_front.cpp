#include "api/sts/sts_front.hpp"

#include <algorithm>
#include <span>

#include "api/protocol/xml_writer.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::api {
namespace {

#include "api/sts/query_services.inc"

namespace codes = model::codes;

struct ServiceInfo {
  std::string_view name;  // as AWS writes it in messages
  std::string_view version;
  std::string_view xml_namespace;
  std::span<const std::string_view> operations;  // sorted
};

const ServiceInfo& InfoOf(QueryService service) {
  static constexpr ServiceInfo kSts{"STS", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/",
                                    kStsOperations};
  static constexpr ServiceInfo kIam{"IAM", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/",
                                    kIamOperations};
  return service == QueryService::kIam ? kIam : kSts;
}

std::string Open(std::string_view element, const ServiceInfo& info) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + std::string(element) + " xmlns=\"" +
         std::string(info.xml_namespace) + "\">";
}

// Root credentials: the account's own ARN, and the account id as UserId (as AWS answers for a root key).
std::string CallerIdentityXml(const model::Caller& caller, const std::string& request_id) {
  const ServiceInfo& info = InfoOf(QueryService::kSts);
  std::string xml = Open("GetCallerIdentityResponse", info) + "<GetCallerIdentityResult>";
  AppendXmlElement(xml, "Arn", "arn:aws:iam::" + caller.account_id + ":root");
  AppendXmlElement(xml, "UserId", caller.account_id);
  AppendXmlElement(xml, "Account", caller.account_id);
  xml += "</GetCallerIdentityResult><ResponseMetadata>";
  AppendXmlElement(xml, "RequestId", request_id);
  xml += "</ResponseMetadata></GetCallerIdentityResponse>";
  return xml;
}

}  // namespace

QueryService ServiceOf(const std::optional<CredentialScope>& scope, const wire::FormParams& params,
                       std::string_view action) {
  if (scope) {
    if (scope->service == "sts") return QueryService::kSts;
    return scope->service == "iam" ? QueryService::kIam : QueryService::kEc2;
  }
  const wire::FormParams::Param* version = params.Find("Version");
  if (version != nullptr && version->value == InfoOf(QueryService::kSts).version) return QueryService::kSts;
  if (version != nullptr && version->value == InfoOf(QueryService::kIam).version) return QueryService::kIam;
  if (version == nullptr && action == "GetCallerIdentity") return QueryService::kSts;
  return QueryService::kEc2;
}

ApiResponse HandleStsOrIam(QueryService service, std::string_view action, const model::Caller& caller,
                           const std::string& request_id) {
  const ServiceInfo& info = InfoOf(service);
  if (service == QueryService::kSts && action == "GetCallerIdentity") {
    ApiResponse response;
    response.body = CallerIdentityXml(caller, request_id);
    response.action = std::string(action);
    response.request_id = request_id;
    return response;
  }
  if (!std::binary_search(info.operations.begin(), info.operations.end(), action)) {
    return StsOrIamError(
        service,
        model::MakeError(codes::kInvalidAction, "Could not find operation " + std::string(action) +
                                                    " for version " + std::string(info.version)),
        request_id, std::string(action));
  }
  return StsOrIamError(
      service,
      model::MakeError(codes::kNotImplemented, "The action " + std::string(action) + " of " +
                                                   std::string(info.name) + " is not emulated by localec2."),
      request_id, std::string(action));
}

ApiResponse StsOrIamError(QueryService service, const model::Error& error, const std::string& request_id,
                          std::string action) {
  ApiResponse response;
  response.status = model::HttpStatusFor(error.code);
  response.body = Open("ErrorResponse", InfoOf(service)) + "<Error>";
  AppendXmlElement(response.body, "Type", response.status >= 500 ? "Receiver" : "Sender");
  AppendXmlElement(response.body, "Code", error.code);
  AppendXmlElement(response.body, "Message", error.message);
  response.body += "</Error>";
  AppendXmlElement(response.body, "RequestId", request_id);
  response.body += "</ErrorResponse>";
  response.action = std::move(action);
  response.error_code = error.code;
  response.request_id = request_id;
  return response;
}

}  // namespace localec2::api
