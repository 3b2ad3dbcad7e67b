// The plain request/response the api layer exchanges with whatever serves HTTP. No Beast types here.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace localec2::api {

struct ApiRequest {
  std::string_view method;         // GET or POST
  std::string_view path;           // the URL's path
  std::string_view query;          // the URL's query string, without '?'
  std::string_view content_type;   // the Content-Type header
  std::string_view authorization;  // the Authorization header
  std::string_view body;
  std::span<const std::pair<std::string, std::string>> headers;  // all of them, names lower-cased
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "text/xml;charset=UTF-8";
  std::string body;
  std::string action;      // for the request log: the Action, when one was named
  std::string error_code;  // for the request log: empty on success
  std::string request_id;  // also sent as the x-amzn-RequestId header (the JS SDK's $metadata.requestId)
};

}  // namespace localec2::api
