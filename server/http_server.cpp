#include "server/http_server.hpp"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace localec2::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  HttpHandler handler;
  ProtocolErrorHandler protocol_error;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::mutex log_mutex;
  std::atomic<int> open_sessions{0};

  Impl(ServerOptions o, HttpHandler h, ProtocolErrorHandler p)
      : options(std::move(o)), handler(std::move(h)), protocol_error(std::move(p)), ioc(options.threads) {}

  void Accept();
  void Log(const HttpRequest& request, const HttpResponse& response,
           std::chrono::steady_clock::time_point start);
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl& server) : stream_(std::move(socket)), server_(server) {
    ++server_.open_sessions;
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    auto local = stream_.socket().local_endpoint(ec);
    if (!ec) local_ = local.address().to_string();
  }

  ~Session() { --server_.open_sessions; }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    start_ = std::chrono::steady_clock::now();
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted) {
      return Close();
    }
    if (ec) {
      // Only HTTP framing errors deserve an answer; a socket error means the peer is gone.
      if (ec.category() != http::make_error_code(http::error::body_limit).category()) return Close();
      // The request could not be framed: answer once, then close, since the stream position is lost.
      const bool too_large = ec == http::error::body_limit;
      HttpResponse response = server_.protocol_error(
          too_large ? 413 : 400, too_large ? "The request body is larger than the server accepts."
                                           : "The request is not valid HTTP/1.1: " + ec.message() + ".");
      HttpRequest logged;
      logged.method = "-";
      logged.target = "-";
      logged.remote_address = remote_;
      return Write(std::move(response), logged, false);
    }
    http::request<http::string_body> message = parser_->release();
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.remote_address = remote_;
    request.local_address = local_;
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());
    HttpResponse response = server_.handler(request);
    Write(std::move(response), request, message.keep_alive());
  }

  void Write(HttpResponse response, const HttpRequest& request, bool keep_alive) {
    server_.Log(request, response, start_);
    auto message =
        std::make_shared<http::response<http::string_body>>(static_cast<http::status>(response.status), 11);
    message->set(http::field::server, "localec2");
    message->set(http::field::content_type, response.content_type);
    if (!response.request_id.empty()) message->set("x-amzn-RequestId", response.request_id);
    message->keep_alive(keep_alive);
    message->body() = std::move(response.body);
    message->prepare_payload();
    stream_.expires_after(server_.options.read_timeout);
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpServer::Impl& server_;
  std::string remote_;
  std::string local_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec && open_sessions.load() >= options.max_connections) {
      beast::error_code ignored;
      socket.close(ignored);  // over the limit: refuse at once rather than queue
    } else if (!ec) {
      std::make_shared<Session>(std::move(socket), *this)->Start();
    }
    Accept();
  });
}

void HttpServer::Impl::Log(const HttpRequest& request, const HttpResponse& response,
                           std::chrono::steady_clock::time_point start) {
  if (!options.request_log) return;
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  double elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  char line[512];
  int n = std::snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ %s %s %.200s %d %.3fms %s\n",
                        utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                        static_cast<int>(millis), request.remote_address.c_str(), request.method.c_str(),
                        std::string(request.Path()).c_str(), response.status, elapsed_ms,
                        response.log_note.c_str());
  if (n <= 0) return;
  if (n >= static_cast<int>(sizeof line)) {
    n = sizeof line - 1;
    line[n - 1] = '\n';
  }
  std::lock_guard lock(log_mutex);
  std::fwrite(line, 1, static_cast<size_t>(n), stdout);
  std::fflush(stdout);
}

HttpServer::HttpServer(ServerOptions options, HttpHandler handler, ProtocolErrorHandler protocol_error)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(protocol_error))) {}

HttpServer::~HttpServer() = default;

std::string HttpServer::Listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return "invalid --host '" + impl_->options.host + "': " + ec.message();
  tcp::endpoint endpoint{address, impl_->options.port};
  auto& acceptor = impl_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); ec) return "cannot open socket: " + ec.message();
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec); ec)
    return "setsockopt: " + ec.message();
  if (acceptor.bind(endpoint, ec); ec) {
    return "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) + ": " +
           ec.message();
  }
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec) return "listen: " + ec.message();
  return {};
}

std::uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  net::signal_set signals(impl_->ioc, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code, int) { Stop(); });
  impl_->Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::Stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->ioc.stop();
  });
}

}  // namespace localec2::server
