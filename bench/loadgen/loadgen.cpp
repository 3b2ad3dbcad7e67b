// localec2_loadgen: a closed-loop HTTP/1.1 load generator that stays out of the way of the server it
// measures.
//
// N keep-alive connections spread over T threads (one epoll loop each); every connection sends one request,
// waits for the whole answer, records its latency and sends the next. The requests are pre-built raw HTTP
// (a file of one or more complete requests, each with its Content-Length), so a run can repeat one request or
// walk a list of different ones (e.g. RunInstances bodies with distinct tags). Stops after --duration seconds
// or --requests requests (whichever is given) and prints one JSON object on stdout: requests, seconds,
// requests_per_second, latency_ms {p50,p90,p99,max,mean}, non_2xx, errors, status counts, bytes received.
//
// Usage: localec2_loadgen --port P [--host 127.0.0.1] [--connections 8] [--threads 1]
//                         (--duration S | --requests N) (--requests-file FILE | --describe-regions)
//                         [--once]  each request of the file is sent exactly once (then the run ends)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  int connections = 8;
  int threads = 1;
  double duration = 0;
  long long requests = 0;
  std::string requests_file;
  bool describe_regions = false;
  bool once = false;
};

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "localec2_loadgen: %s\n", message.c_str());
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Fail(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--host")
      o.host = value();
    else if (arg == "--port")
      o.port = std::stoi(value());
    else if (arg == "--connections")
      o.connections = std::stoi(value());
    else if (arg == "--threads")
      o.threads = std::stoi(value());
    else if (arg == "--duration")
      o.duration = std::stod(value());
    else if (arg == "--requests")
      o.requests = std::stoll(value());
    else if (arg == "--requests-file")
      o.requests_file = value();
    else if (arg == "--describe-regions")
      o.describe_regions = true;
    else if (arg == "--once")
      o.once = true;
    else
      Fail("unknown option " + std::string(arg));
  }
  if (o.port <= 0) Fail("--port is required");
  if (o.connections < 1 || o.threads < 1) Fail("--connections and --threads must be at least 1");
  if (o.requests_file.empty() == !o.describe_regions)
    Fail("give one of --requests-file or --describe-regions");
  if (!o.once && (o.duration > 0) == (o.requests > 0)) Fail("give one of --duration or --requests");
  return o;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits a file of concatenated raw requests: each is headers up to a blank line, then Content-Length bytes.
std::vector<std::string> SplitRequests(const std::string& data) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < data.size()) {
    while (pos < data.size() && (data[pos] == '\r' || data[pos] == '\n')) ++pos;
    if (pos >= data.size()) break;
    size_t end = data.find("\r\n\r\n", pos);
    if (end == std::string::npos) Fail("request without a blank line after its headers");
    std::string head = Lower(std::string_view(data).substr(pos, end - pos));
    size_t length = 0;
    if (size_t at = head.find("\r\ncontent-length:"); at != std::string::npos)
      length = std::strtoull(head.c_str() + at + 17, nullptr, 10);
    size_t stop = end + 4 + length;
    if (stop > data.size()) Fail("request body shorter than its Content-Length");
    out.push_back(data.substr(pos, stop - pos));
    pos = stop;
  }
  if (out.empty()) Fail("no request in the file");
  return out;
}

std::string DescribeRegionsRequest(const Options& o) {
  std::string body = "Action=DescribeRegions&Version=2016-11-15";
  return "POST / HTTP/1.1\r\nHost: " + o.host + ":" + std::to_string(o.port) +
         "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
         "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
         "SignedHeaders=host, Signature=0\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Incremental parser of one HTTP/1.1 answer (Content-Length or chunked).
class ResponseParser {
 public:
  void Reset() {
    buffer_.clear();
    state_ = kHead;
    status_ = 0;
    remaining_ = 0;
    chunked_ = false;
    close_ = false;
  }
  // Feeds bytes; returns true when the answer is complete. Bytes beyond it are an error (no pipelining).
  bool Feed(const char* data, size_t size) {
    buffer_.append(data, size);
    for (;;) {
      if (state_ == kHead) {
        size_t end = buffer_.find("\r\n\r\n");
        if (end == std::string::npos) return false;
        std::string head = Lower(std::string_view(buffer_).substr(0, end));
        status_ = std::atoi(head.c_str() + 9);
        chunked_ = head.find("\r\ntransfer-encoding: chunked") != std::string::npos;
        close_ = head.find("\r\nconnection: close") != std::string::npos;
        if (size_t at = head.find("\r\ncontent-length:"); at != std::string::npos)
          remaining_ = std::strtoull(head.c_str() + at + 17, nullptr, 10);
        buffer_.erase(0, end + 4);
        state_ = chunked_ ? kChunkSize : kBody;
      } else if (state_ == kBody) {
        size_t take = std::min(remaining_, buffer_.size());
        buffer_.erase(0, take);
        remaining_ -= take;
        if (remaining_ == 0) return Done();
        return false;
      } else if (state_ == kChunkSize) {
        size_t end = buffer_.find("\r\n");
        if (end == std::string::npos) return false;
        remaining_ = std::strtoull(buffer_.c_str(), nullptr, 16);
        buffer_.erase(0, end + 2);
        state_ = remaining_ == 0 ? kTrailer : kChunkData;
      } else if (state_ == kChunkData) {
        if (buffer_.size() < remaining_ + 2) return false;
        buffer_.erase(0, remaining_ + 2);
        state_ = kChunkSize;
      } else {  // kTrailer: up to an empty line
        size_t end = buffer_.find("\r\n");
        if (end == std::string::npos) return false;
        bool last = end == 0;
        buffer_.erase(0, end + 2);
        if (last) return Done();
      }
    }
  }
  int status() const { return status_; }
  bool close() const { return close_; }
  bool leftover() const { return !buffer_.empty(); }

 private:
  bool Done() {
    state_ = kHead;
    return true;
  }
  enum State { kHead, kBody, kChunkSize, kChunkData, kTrailer };
  std::string buffer_;
  State state_ = kHead;
  int status_ = 0;
  size_t remaining_ = 0;
  bool chunked_ = false;
  bool close_ = false;
};

struct Shared {
  const Options* options;
  const std::vector<std::string>* requests;
  std::atomic<long long> next{0};  // index of the next request to send, over all connections
  long long limit = 0;             // requests to send in all (0: until the deadline)
  Clock::time_point deadline;
  sockaddr_in address{};
};

struct Result {
  std::vector<uint32_t> latencies_us;
  std::map<int, long long> statuses;
  long long errors = 0;
  long long bytes = 0;
};

struct Connection {
  int fd = -1;
  std::string_view pending;  // what is left to write of the current request
  Clock::time_point sent;
  ResponseParser parser;
  bool busy = false;
};

int Connect(const sockaddr_in& address) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) Fail(std::string("socket: ") + std::strerror(errno));
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0 && errno != EINPROGRESS)
    Fail(std::string("connect: ") + std::strerror(errno));
  return fd;
}

class Worker {
 public:
  Worker(Shared& shared, int connections) : shared_(shared), connections_(connections) {}

  void Run() {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    for (auto& c : connections_) Open(c);
    for (auto& c : connections_) Next(c);
    std::vector<epoll_event> events(64);
    char buffer[65536];
    for (;;) {
      bool any_busy = false;
      for (auto& c : connections_) any_busy = any_busy || c.busy;
      if (!any_busy) break;
      int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
      if (n < 0 && errno != EINTR) Fail(std::string("epoll_wait: ") + std::strerror(errno));
      for (int i = 0; i < n; ++i) {
        Connection& c = connections_[events[i].data.u32];
        if (!c.busy) continue;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          Broken(c);
          continue;
        }
        if ((events[i].events & EPOLLOUT) && !c.pending.empty()) Write(c);
        if (events[i].events & EPOLLIN) {
          for (;;) {
            ssize_t got = ::read(c.fd, buffer, sizeof buffer);
            if (got > 0) {
              result_.bytes += got;
              if (c.parser.Feed(buffer, static_cast<size_t>(got))) {
                Answered(c);
                break;
              }
              continue;
            }
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            Broken(c);  // EOF or error mid-answer
            break;
          }
        }
      }
    }
    for (auto& c : connections_)
      if (c.fd >= 0) ::close(c.fd);
    ::close(epoll_);
  }

  Result& result() { return result_; }

 private:
  void Open(Connection& c) {
    c.fd = Connect(shared_.address);
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT | EPOLLET;
    event.data.u32 = static_cast<uint32_t>(&c - connections_.data());
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &event);
    c.parser.Reset();
  }

  // Takes the next request, or marks the connection idle when the run is over.
  void Next(Connection& c) {
    if (shared_.limit == 0 && Clock::now() >= shared_.deadline) {
      c.busy = false;
      return;
    }
    long long index = shared_.next.fetch_add(1, std::memory_order_relaxed);
    if (shared_.limit > 0 && index >= shared_.limit) {
      c.busy = false;
      return;
    }
    const auto& requests = *shared_.requests;
    c.pending = requests[static_cast<size_t>(index) % requests.size()];
    c.busy = true;
    c.sent = Clock::now();
    Write(c);
  }

  void Write(Connection& c) {
    while (!c.pending.empty()) {
      ssize_t put = ::send(c.fd, c.pending.data(), c.pending.size(), MSG_NOSIGNAL);
      if (put > 0) {
        c.pending.remove_prefix(static_cast<size_t>(put));
        continue;
      }
      if (put < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      Broken(c);
      return;
    }
  }

  void Answered(Connection& c) {
    failures_in_a_row_ = 0;
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - c.sent).count();
    result_.latencies_us.push_back(static_cast<uint32_t>(micros));
    ++result_.statuses[c.parser.status()];
    bool reopen = c.parser.close() || c.parser.leftover();
    c.parser.Reset();
    if (reopen) {
      ::close(c.fd);
      Open(c);
    }
    Next(c);
  }

  // The connection failed: count an error, reconnect, and go on with a new request.
  void Broken(Connection& c) {
    ++result_.errors;
    if (++failures_in_a_row_ > 1000) Fail("1000 connection failures in a row: is the server up?");
    ::close(c.fd);
    Open(c);
    Next(c);
  }

  Shared& shared_;
  std::vector<Connection> connections_;
  Result result_;
  int epoll_ = -1;
  int failures_in_a_row_ = 0;
};

double Percentile(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t index = std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return sorted[index] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = ParseOptions(argc, argv);
  std::vector<std::string> requests;
  if (options.describe_regions) {
    requests.push_back(DescribeRegionsRequest(options));
  } else {
    std::ifstream in(options.requests_file, std::ios::binary);
    if (!in) Fail("cannot read " + options.requests_file);
    std::stringstream data;
    data << in.rdbuf();
    requests = SplitRequests(data.str());
  }

  Shared shared;
  shared.options = &options;
  shared.requests = &requests;
  shared.limit = options.once ? static_cast<long long>(requests.size()) : options.requests;
  shared.address.sin_family = AF_INET;
  shared.address.sin_port = htons(static_cast<uint16_t>(options.port));
  if (::inet_pton(AF_INET, options.host.c_str(), &shared.address.sin_addr) != 1) Fail("bad --host");

  int threads = std::min(options.threads, options.connections);
  std::vector<Worker> workers;
  workers.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t)
    workers.emplace_back(shared, options.connections / threads + (t < options.connections % threads ? 1 : 0));

  auto begin = Clock::now();
  shared.deadline = begin + std::chrono::microseconds(static_cast<long long>(options.duration * 1e6));
  std::vector<std::thread> running;
  for (auto& w : workers) running.emplace_back([&w] { w.Run(); });
  for (auto& t : running) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - begin).count();

  Result all;
  for (auto& w : workers) {
    auto& r = w.result();
    all.latencies_us.insert(all.latencies_us.end(), r.latencies_us.begin(), r.latencies_us.end());
    for (auto [status, count] : r.statuses) all.statuses[status] += count;
    all.errors += r.errors;
    all.bytes += r.bytes;
  }
  std::sort(all.latencies_us.begin(), all.latencies_us.end());
  long long answered = static_cast<long long>(all.latencies_us.size());
  long long non_2xx = 0;
  for (auto [status, count] : all.statuses)
    if (status < 200 || status > 299) non_2xx += count;
  double sum = 0;
  for (auto l : all.latencies_us) sum += l;

  std::printf("{\"requests\": %lld, \"seconds\": %.3f, \"requests_per_second\": %.1f, ", answered, seconds,
              answered / seconds);
  std::printf("\"connections\": %d, \"threads\": %d, ", options.connections, threads);
  std::printf(
      "\"latency_ms\": {\"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"max\": %.3f, \"mean\": %.3f}, ",
      Percentile(all.latencies_us, 0.50), Percentile(all.latencies_us, 0.90),
      Percentile(all.latencies_us, 0.99), all.latencies_us.empty() ? 0.0 : all.latencies_us.back() / 1000.0,
      answered ? sum / static_cast<double>(answered) / 1000.0 : 0.0);
  std::printf("\"non_2xx\": %lld, \"errors\": %lld, \"bytes_received\": %lld, \"statuses\": {", non_2xx,
              all.errors, all.bytes);
  bool first = true;
  for (auto [status, count] : all.statuses) {
    std::printf("%s\"%d\": %lld", first ? "" : ", ", status, count);
    first = false;
  }
  std::printf("}}\n");
  return 0;
}
