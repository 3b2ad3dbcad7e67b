#include "server/config.hpp"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>

namespace localec2::server {
namespace {

bool ParseUnsigned(const std::string& text, std::uint64_t max, std::uint64_t& out) {
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value > max) return false;
  out = value;
  return true;
}

bool IsAccountId(const std::string& text) {
  return text.size() == 12 && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string UsageText() {
  return R"(Usage: localec2 [options]

A local EC2 emulator: point the AWS CLI or any SDK at http://HOST:PORT.

Options (each also read from the environment variable shown):
  --host ADDRESS         listen address (LOCALEC2_HOST, default 127.0.0.1)
  --port N               listen port, 0 for any free port (LOCALEC2_PORT, default 4566)
  --imds-port N          also serve each instance's metadata service at its own loopback address
                         127.x.y.z on port N, 0 for any free port (LOCALEC2_IMDS_PORT, default off)
  --data-dir DIR         where state is kept (LOCALEC2_DATA_DIR, default ./.localec2)
  --threads N            worker threads (LOCALEC2_THREADS, default 8)
  --max-body-bytes N     largest request body accepted (LOCALEC2_MAX_BODY_BYTES, default 1048576)
  --max-header-bytes N   largest request header block accepted (LOCALEC2_MAX_HEADER_BYTES, default 16384)
  --read-timeout SECS    time allowed to send one request, and idle keep-alive time
                         (LOCALEC2_READ_TIMEOUT, default 30)
  --max-connections N    open connections served at once; more are closed at once
                         (LOCALEC2_MAX_CONNECTIONS, default 1024)
  --transition-delay S   seconds an instance spends pending, stopping or shutting-down; 0 (the default)
                         settles each at the next read, so waiters finish at once (LOCALEC2_TRANSITION_DELAY)
  --account ID           12-digit account for callers whose access key id is not an account id
                         (LOCALEC2_ACCOUNT, default 000000000000)
  --catalog FILE         public images to offer besides (or instead of) the built-in catalog, as JSON
                         (LOCALEC2_CATALOG; see the README)
  --auth off|strict      strict: verify every request's SigV4 signature against the configured keys
                         (LOCALEC2_AUTH, default off)
  --credentials FILE     the keys for --auth strict, a JSON array of {AccessKeyId, SecretAccessKey,
                         AccountId} (LOCALEC2_CREDENTIALS_FILE; or LOCALEC2_CREDENTIALS=AKID:SECRET:ACCOUNT,…)
  --restore-checkpoint NAME
                         replace the state with checkpoint NAME (see the README's "Checkpoints") before
                         serving; a missing or damaged checkpoint stops the start (LOCALEC2_RESTORE_CHECKPOINT)
  --instances MODE       records (the default): instances are records that move through states; sandbox:
                         each really runs, namespaced, with its user data and SSH (root only; see the
                         README's "Sandboxed instances") (LOCALEC2_INSTANCES)
  --instance-ssh-ports FIRST-LAST
                         sandbox: the 127.0.0.1 ports SSH is published on (LOCALEC2_INSTANCE_SSH_PORTS,
                         default 2200-2299)
  --instance-uid-base N  sandbox: the host uid of the first instance's root; each gets 65536 ids from there
                         (LOCALEC2_INSTANCE_UID_BASE, default 200000)
  --in-memory            keep no state on disk; everything is gone at exit (LOCALEC2_IN_MEMORY=1)
  --quiet                no request log (LOCALEC2_REQUEST_LOG=0)
  --help                 this text
)";
}

ConfigResult ParseConfig(const std::vector<std::string>& args) {
  ConfigResult result;
  Config& c = result.config;
  std::uint64_t n = 0;
  using Setter = std::function<bool(const std::string&)>;
  const std::map<std::string, std::pair<const char*, Setter>> options = {
      {"--host",
       {"LOCALEC2_HOST",
        [&](const std::string& v) {
          c.host = v;
          return !v.empty();
        }}},
      {"--port",
       {"LOCALEC2_PORT",
        [&](const std::string& v) {
          return ParseUnsigned(v, 65535, n) && (c.port = static_cast<std::uint16_t>(n), true);
        }}},
      {"--imds-port",
       {"LOCALEC2_IMDS_PORT",
        [&](const std::string& v) {
          return ParseUnsigned(v, 65535, n) && (c.imds_port = static_cast<int>(n), true);
        }}},
      {"--data-dir",
       {"LOCALEC2_DATA_DIR",
        [&](const std::string& v) {
          c.data_dir = v;
          return !v.empty();
        }}},
      {"--threads",
       {"LOCALEC2_THREADS",
        [&](const std::string& v) {
          return ParseUnsigned(v, 256, n) && n > 0 && (c.threads = static_cast<int>(n), true);
        }}},
      {"--max-body-bytes",
       {"LOCALEC2_MAX_BODY_BYTES",
        [&](const std::string& v) {
          return ParseUnsigned(v, 1ULL << 32, n) && n > 0 && (c.max_body_bytes = n, true);
        }}},
      {"--max-header-bytes",
       {"LOCALEC2_MAX_HEADER_BYTES",
        [&](const std::string& v) {
          return ParseUnsigned(v, 1ULL << 24, n) && n >= 1024 && (c.max_header_bytes = n, true);
        }}},
      {"--read-timeout",
       {"LOCALEC2_READ_TIMEOUT",
        [&](const std::string& v) {
          return ParseUnsigned(v, 86400, n) && n > 0 && (c.read_timeout_seconds = static_cast<int>(n), true);
        }}},
      {"--max-connections",
       {"LOCALEC2_MAX_CONNECTIONS",
        [&](const std::string& v) {
          return ParseUnsigned(v, 1000000, n) && n > 0 && (c.max_connections = static_cast<int>(n), true);
        }}},
      {"--transition-delay",
       {"LOCALEC2_TRANSITION_DELAY",
        [&](const std::string& v) {
          return ParseUnsigned(v, 3600, n) && (c.transition_delay_seconds = static_cast<int>(n), true);
        }}},
      {"--catalog",
       {"LOCALEC2_CATALOG",
        [&](const std::string& v) {
          c.catalog_path = v;
          return !v.empty();
        }}},
      {"--auth",
       {"LOCALEC2_AUTH",
        [&](const std::string& v) {
          c.auth_strict = v == "strict";
          return v == "strict" || v == "off";
        }}},
      {"--credentials",
       {"LOCALEC2_CREDENTIALS_FILE",
        [&](const std::string& v) {
          c.credentials_path = v;
          return !v.empty();
        }}},
      {"--restore-checkpoint",
       {"LOCALEC2_RESTORE_CHECKPOINT",
        [&](const std::string& v) {
          c.restore_checkpoint = v;
          return !v.empty();
        }}},
      {"--instances",
       {"LOCALEC2_INSTANCES",
        [&](const std::string& v) {
          c.sandbox = v == "sandbox";
          return v == "sandbox" || v == "records";
        }}},
      {"--instance-ssh-ports",
       {"LOCALEC2_INSTANCE_SSH_PORTS",
        [&](const std::string& v) {
          const size_t dash = v.find('-');
          std::uint64_t first = 0, last = 0;
          if (dash == std::string::npos || !ParseUnsigned(v.substr(0, dash), 65535, first) ||
              !ParseUnsigned(v.substr(dash + 1), 65535, last) || first == 0 || first > last)
            return false;
          c.ssh_port_first = static_cast<std::uint16_t>(first);
          c.ssh_port_last = static_cast<std::uint16_t>(last);
          return true;
        }}},
      {"--instance-uid-base",
       {"LOCALEC2_INSTANCE_UID_BASE",
        [&](const std::string& v) {
          return ParseUnsigned(v, 4000000000ULL, n) && n >= 65536 &&
                 (c.instance_uid_base = static_cast<std::uint32_t>(n), true);
        }}},
      {"--account",
       {"LOCALEC2_ACCOUNT",
        [&](const std::string& v) {
          c.default_account_id = v;
          return IsAccountId(v);
        }}},
  };
  for (const auto& [flag, option] : options) {
    if (const char* value = std::getenv(option.first); value != nullptr && *value != '\0') {
      if (!option.second(value)) {
        result.error = std::string("invalid value for ") + option.first + ": '" + value + "'";
        return result;
      }
    }
  }
  if (const char* credentials = std::getenv("LOCALEC2_CREDENTIALS"); credentials != nullptr) {
    c.credentials = credentials;
  }
  if (const char* log = std::getenv("LOCALEC2_REQUEST_LOG"); log != nullptr && std::string(log) == "0") {
    c.request_log = false;
  }
  if (const char* memory = std::getenv("LOCALEC2_IN_MEMORY");
      memory != nullptr && std::string(memory) == "1") {
    c.in_memory = true;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      c.help = true;
      continue;
    }
    if (arg == "--quiet") {
      c.request_log = false;
      continue;
    }
    if (arg == "--in-memory") {
      c.in_memory = true;
      continue;
    }
    std::string flag = arg, value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    auto it = options.find(flag);
    if (it == options.end()) {
      result.error = "unknown option '" + arg + "' (see --help)";
      return result;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        result.error = "option " + flag + " needs a value";
        return result;
      }
      value = args[++i];
    }
    if (!it->second.second(value)) {
      result.error = "invalid value for " + flag + ": '" + value + "'";
      return result;
    }
  }
  if (c.auth_strict && c.credentials.empty() && c.credentials_path.empty()) {
    result.error = "--auth strict needs keys: --credentials FILE or LOCALEC2_CREDENTIALS";
  }
  return result;
}

}  // namespace localec2::server
