// The composition root: configuration, the api dispatcher behind the HTTP server, signals.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "api/dispatcher.hpp"
#include "server/config.hpp"
#include "server/http_server.hpp"

namespace {

using namespace localec2;

server::HttpResponse ToHttp(api::ApiResponse response) {
  std::string note = response.action.empty() ? "-" : response.action;
  if (!response.error_code.empty()) note += " " + response.error_code;
  return {response.status, std::move(response.content_type), std::move(response.body), std::move(note)};
}

}  // namespace

int main(int argc, char** argv) {
  server::ConfigResult parsed = server::ParseConfig(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "localec2: %s\n", parsed.error.c_str());
    return 2;
  }
  const server::Config& config = parsed.config;
  if (config.help) {
    std::fputs(server::UsageText().c_str(), stdout);
    return 0;
  }

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    std::fprintf(stderr, "localec2: cannot create data directory '%s': %s\n", config.data_dir.c_str(),
                 ec.message().c_str());
    return 1;
  }

  api::Dispatcher dispatcher({config.default_account_id});
  server::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.threads = config.threads;
  options.body_limit = config.max_body_bytes;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.request_log = config.request_log;
  options.version = LOCALEC2_VERSION;

  server::HttpServer http(
      options,
      [&dispatcher](const server::HttpRequest& request) {
        api::ApiRequest api_request{request.method, request.Query(), request.Header("content-type"),
                                    request.Header("authorization"), request.body};
        return ToHttp(dispatcher.Handle(api_request));
      },
      [](int status, std::string_view reason) {
        return ToHttp(api::Dispatcher::TransportError(status, reason));
      });
  if (std::string error = http.Listen(); !error.empty()) {
    std::fprintf(stderr, "localec2: %s\n", error.c_str());
    return 1;
  }
  std::printf("localec2 %s listening on http://%s:%u (data: %s)\n", LOCALEC2_VERSION, config.host.c_str(),
              http.port(), config.data_dir.c_str());
  std::fflush(stdout);
  http.Run();
  std::printf("localec2 stopped\n");
  return 0;
}
