// An asynchronous HTTP/1.1 server (Boost.Beast over Asio): a listener, one session per connection,
// keep-alive, a read timeout per request, header and body size limits, a connection limit, a fixed pool
// of threads, and a one-line log per request. Every request goes to one handler (main.cpp's Router).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/http_types.hpp"

namespace localec2::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4566;  // 0: any free port (see HttpServer::port)
  int threads = 2;
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  std::chrono::seconds read_timeout{30};
  int max_connections = 1024;  // beyond it, new connections are closed at once
  bool request_log = true;
};

class HttpServer {
 public:
  // `handler` answers every request that could be framed, `protocol_error` those that could not.
  HttpServer(ServerOptions options, HttpHandler handler, ProtocolErrorHandler protocol_error);
  ~HttpServer();

  // Binds and listens. Returns an error message, or empty on success.
  std::string Listen();
  // The port actually bound (after Listen).
  std::uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM; returns when every thread has finished.
  void Run();
  // Stops accepting and ends all sessions. Thread-safe.
  void Stop();

  struct Impl;  // opaque; public only so the .cpp's session type can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace localec2::server
