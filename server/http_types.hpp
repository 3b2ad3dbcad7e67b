// The plain HTTP exchange the server hands to its handler. No Beast types cross this line.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace localec2::server {

struct HttpRequest {
  std::string method;
  std::string target;                                        // path and query string, as sent
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string local_address = {};  // the address the client connected to (one of several on loopback)

  // The value of header `lower_case_name`, or empty.
  std::string_view Header(std::string_view lower_case_name) const;
  std::string_view Path() const;   // target before '?'
  std::string_view Query() const;  // target after '?', or empty
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string log_note;    // appended to the request log line (e.g. the Action and error code)
  std::string request_id;  // sent as x-amzn-RequestId when set, as AWS's Query services do
};

// Answers one request. Must not throw.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// Builds the body of a response the server itself must send before a handler could run (body too
// large, malformed HTTP): given the HTTP status and a short reason.
using ProtocolErrorHandler = std::function<HttpResponse(int status, std::string_view reason)>;

}  // namespace localec2::server
