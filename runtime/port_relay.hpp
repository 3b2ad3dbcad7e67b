// Relays TCP between the server's network namespace and an instance's: SSH published on the host's
// 127.0.0.1 (listener in the server's namespace, target 127.0.0.1:22 in the instance's), and the metadata
// service at 169.254.169.254:80 inside (listener in the instance's, target the host's --imds-port listener
// at the instance's own loopback address). A socket is made in another namespace by setns around socket().
// One accept thread; one small thread per relayed connection.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace localec2::runtime {

class PortRelay {
 public:
  PortRelay();
  ~PortRelay();
  PortRelay(const PortRelay&) = delete;
  PortRelay& operator=(const PortRelay&) = delete;

  struct Endpoint {
    int netns_fd = -1;  // a network namespace (duplicated; the caller keeps its own), or -1: the server's
    std::string address;
    std::uint16_t port = 0;
  };
  // Listens at `listen` for `key`, relaying each connection to `target`. Returns "" or why not (port taken…).
  std::string Publish(const std::string& key, const Endpoint& listen, const Endpoint& target);
  // Stops listening; `drop_connections` also cuts the relayed connections (the instance stopped).
  void Unpublish(const std::string& key, bool drop_connections);
  bool IsPublished(const std::string& key) const;

 private:
  struct Listener {
    int fd = -1;
    int target_netns_fd = -1;
    std::string target_address;
    std::uint16_t target_port = 0;
  };
  void AcceptLoop();
  void Wake();

  mutable std::mutex mutex_;
  std::map<std::string, Listener> listeners_;
  std::map<std::string, std::set<int>> connections_;  // the host-side sockets of each key's connections
  int wake_[2] = {-1, -1};
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace localec2::runtime
