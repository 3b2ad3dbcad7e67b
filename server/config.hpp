// Command-line and environment configuration. A flag wins over its LOCALEC2_* variable, which wins
// over the default.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace localec2::server {

struct Config {
  std::string host = "127.0.0.1";      // --host, LOCALEC2_HOST
  std::uint16_t port = 4566;           // --port, LOCALEC2_PORT (0: any free port)
  std::string data_dir = ".localec2";  // --data-dir, LOCALEC2_DATA_DIR
  int threads = 8;  // --threads, LOCALEC2_THREADS (writers wait in one for their group commit)
  std::uint64_t max_body_bytes = 1 << 20;     // --max-body-bytes, LOCALEC2_MAX_BODY_BYTES
  std::uint64_t max_header_bytes = 16 << 10;  // --max-header-bytes, LOCALEC2_MAX_HEADER_BYTES
  int read_timeout_seconds = 30;              // --read-timeout, LOCALEC2_READ_TIMEOUT
  int max_connections = 1024;                 // --max-connections, LOCALEC2_MAX_CONNECTIONS
  bool request_log = true;                    // --quiet / LOCALEC2_REQUEST_LOG=0 turns it off
  int transition_delay_seconds = 0;           // --transition-delay, LOCALEC2_TRANSITION_DELAY
  bool in_memory = false;                     // --in-memory / LOCALEC2_IN_MEMORY=1: keep nothing on disk
  std::string default_account_id = "000000000000";  // --account, LOCALEC2_ACCOUNT
  std::string catalog_path;                         // --catalog, LOCALEC2_CATALOG: extra public images
  bool auth_strict = false;                         // --auth strict|off, LOCALEC2_AUTH
  std::string credentials_path;                     // --credentials FILE, LOCALEC2_CREDENTIALS_FILE
  std::string credentials;                          // LOCALEC2_CREDENTIALS: AKID:SECRET:ACCOUNT,…
  // --imds-port, LOCALEC2_IMDS_PORT: also serve each instance's metadata at its own loopback address
  // (127.x.y.z) on this port, for SDKs that keep only the host and port of the endpoint (-1: off).
  int imds_port = -1;
  // --instances records|sandbox, LOCALEC2_INSTANCES: sandbox really runs each instance (runtime/, root only).
  bool sandbox = false;
  std::uint16_t ssh_port_first = 2200;  // --instance-ssh-ports FIRST-LAST, LOCALEC2_INSTANCE_SSH_PORTS
  std::uint16_t ssh_port_last = 2299;
  std::uint32_t instance_uid_base = 200000;  // --instance-uid-base, LOCALEC2_INSTANCE_UID_BASE
  std::string restore_checkpoint;  // --restore-checkpoint NAME, LOCALEC2_RESTORE_CHECKPOINT: start from it
  bool help = false;               // --help
};

struct ConfigResult {
  Config config;
  std::string error;  // non-empty: the message to print before exiting with status 2
};

// Reads `args` (argv without the program name) over the environment.
ConfigResult ParseConfig(const std::vector<std::string>& args);

std::string UsageText();

}  // namespace localec2::server
