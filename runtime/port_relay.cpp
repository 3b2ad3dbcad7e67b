#include "runtime/port_relay.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace localec2::runtime {
namespace {

sockaddr_in Address(const std::string& address, std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, address.c_str(), &addr.sin_addr);
  return addr;
}

// A TCP socket in the network namespace `netns_fd` (-1: the calling thread's own).
int SocketIn(int netns_fd, int flags) {
  if (netns_fd < 0) return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
  int own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (own < 0) return -1;
  int fd = -1;
  if (setns(netns_fd, CLONE_NEWNET) == 0) {
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
    if (setns(own, CLONE_NEWNET) != 0) std::abort();  // a thread stuck in an instance's namespace: never
  }
  close(own);
  return fd;
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);  // a closed peer is an error here, never a SIGPIPE
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Copies both ways until both sides closed (a half-close is passed on).
void Pump(int a, int b) {
  bool a_open = true, b_open = true;
  char buffer[65536];
  while (a_open || b_open) {
    pollfd fds[2] = {{a_open ? a : -1, POLLIN, 0}, {b_open ? b : -1, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int side = 0; side < 2; ++side) {
      if (!(fds[side].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const int from = side == 0 ? a : b, to = side == 0 ? b : a;
      ssize_t n = read(from, buffer, sizeof buffer);
      if (n > 0 && WriteAll(to, buffer, static_cast<size_t>(n))) continue;
      if (n < 0 && errno == EINTR) continue;
      shutdown(to, SHUT_WR);
      (side == 0 ? a_open : b_open) = false;
      if (n < 0) {  // a reset: give up on both
        a_open = b_open = false;
      }
    }
  }
}

}  // namespace

PortRelay::PortRelay() {
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread([this] { AcceptLoop(); });
}

PortRelay::~PortRelay() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [key, listener] : listeners_) {
      close(listener.fd);
      if (listener.target_netns_fd >= 0) close(listener.target_netns_fd);
    }
    listeners_.clear();
    for (auto& [key, fds] : connections_)
      for (int fd : fds) shutdown(fd, SHUT_RDWR);
  }
  Wake();
  thread_.join();
  // The connection threads hold `this` until they deregister: wait for them (they were all cut above).
  for (int waited = 0; waited < 200; ++waited) {
    {
      std::lock_guard lock(mutex_);
      bool any = false;
      for (const auto& [key, fds] : connections_) any = any || !fds.empty();
      if (!any) break;
    }
    usleep(5000);
  }
  close(wake_[0]);
  close(wake_[1]);
}

void PortRelay::Wake() {
  char byte = 1;
  (void)!write(wake_[1], &byte, 1);
}

std::string PortRelay::Publish(const std::string& key, const Endpoint& listen, const Endpoint& target) {
  std::lock_guard lock(mutex_);
  if (listeners_.count(key)) return "";
  int fd = SocketIn(listen.netns_fd, SOCK_NONBLOCK);
  if (fd < 0) return std::strerror(errno);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr = Address(listen.address, listen.port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    std::string error = std::strerror(errno);
    close(fd);
    return error;
  }
  const int netns = target.netns_fd < 0 ? -1 : fcntl(target.netns_fd, F_DUPFD_CLOEXEC, 0);
  listeners_[key] = {fd, netns, target.address, target.port};
  Wake();
  return "";
}

void PortRelay::Unpublish(const std::string& key, bool drop_connections) {
  std::lock_guard lock(mutex_);
  if (auto it = listeners_.find(key); it != listeners_.end()) {
    close(it->second.fd);
    if (it->second.target_netns_fd >= 0) close(it->second.target_netns_fd);
    listeners_.erase(it);
  }
  if (drop_connections) {
    for (int fd : connections_[key]) shutdown(fd, SHUT_RDWR);
  }
  Wake();
}

bool PortRelay::IsPublished(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return listeners_.count(key) != 0;
}

void PortRelay::AcceptLoop() {
  while (true) {
    std::vector<pollfd> fds{{wake_[0], POLLIN, 0}};
    std::vector<std::string> keys{""};
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      for (const auto& [key, listener] : listeners_) {
        fds.push_back({listener.fd, POLLIN, 0});
        keys.push_back(key);
      }
    }
    if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) {
      char drain[64];
      while (read(wake_[0], drain, sizeof drain) > 0) {
      }
    }
    for (size_t n = 1; n < fds.size(); ++n) {
      if (!(fds[n].revents & POLLIN)) continue;
      std::lock_guard lock(mutex_);
      auto it = listeners_.find(keys[n]);
      if (it == listeners_.end() || it->second.fd != fds[n].fd) continue;  // unpublished meanwhile
      int client = accept4(it->second.fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      int inner = SocketIn(it->second.target_netns_fd, 0);
      sockaddr_in target = Address(it->second.target_address, it->second.target_port);
      if (inner < 0 || connect(inner, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
        if (inner >= 0) close(inner);
        close(client);  // nothing listens there: the client sees the connection close
        continue;
      }
      const std::string key = keys[n];
      connections_[key].insert(client);
      std::thread([this, key, client, inner] {
        Pump(client, inner);
        std::lock_guard done(mutex_);
        connections_[key].erase(client);
        close(client);
        close(inner);
      }).detach();
    }
  }
}

}  // namespace localec2::runtime
