// Publishes an instance's port on the host's 127.0.0.1: a listener in the server's network namespace whose
// connections are relayed to 127.0.0.1:<target> inside the instance's own network namespace (entered with
// setns for the one socket()). One accept thread; one small thread per relayed connection.
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

  // Listens on 127.0.0.1:`host_port` for `key`, relaying to `target_port` in the network namespace `netns_fd`
  // (duplicated, so the caller keeps its own). Returns "" or why not (the port is taken…).
  std::string Publish(const std::string& key, std::uint16_t host_port, int netns_fd,
                      std::uint16_t target_port);
  // Stops listening; `drop_connections` also cuts the relayed connections (the instance stopped).
  void Unpublish(const std::string& key, bool drop_connections);
  bool IsPublished(const std::string& key) const;

 private:
  struct Listener {
    int fd = -1;
    int netns_fd = -1;
    std::uint16_t target_port = 0;
  };
  void AcceptLoop();
  void Wake();

  mutable std::mutex mutex_;
  std::map<std::string, Listener> listeners_;
  std::map<std::string, std::set<int>> connections_;  // the host-side sockets of each key's connections
  int wake_[2] = {-1, -1};
  int host_netns_ = -1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace localec2::runtime
