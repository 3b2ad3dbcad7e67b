#include "runtime/launch_spec.hpp"

#include <charconv>
#include <sstream>

namespace localec2::runtime {
namespace {

template <class N>
bool ParseNumber(const std::string& text, N& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::string FormatLaunchSpec(const LaunchSpec& spec) {
  std::ostringstream out;
  out << "instance_id=" << spec.instance_id << "\n"
      << "hostname=" << spec.hostname << "\n"
      << "uid_base=" << spec.uid_base << "\n"
      << "base_dir=" << spec.base_dir << "\n";
  for (const std::string& lower : spec.lower_dirs) out << "lower_dir=" << lower << "\n";
  out << "volume_dir=" << spec.volume_dir << "\n"
      << "run_dir=" << spec.run_dir << "\n"
      << "cgroup=" << spec.cgroup << "\n"
      << "memory_bytes=" << spec.memory_bytes << "\n"
      << "pids_max=" << spec.pids_max << "\n"
      << "server_pid=" << spec.server_pid << "\n"
      << "probe=" << (spec.probe ? 1 : 0) << "\n";
  return out.str();
}

std::optional<LaunchSpec> ParseLaunchSpec(const std::string& text) {
  LaunchSpec spec;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    bool ok = true;
    if (key == "instance_id") {
      spec.instance_id = value;
    } else if (key == "hostname") {
      spec.hostname = value;
    } else if (key == "uid_base") {
      ok = ParseNumber(value, spec.uid_base);
    } else if (key == "base_dir") {
      spec.base_dir = value;
    } else if (key == "lower_dir") {
      spec.lower_dirs.push_back(value);
    } else if (key == "volume_dir") {
      spec.volume_dir = value;
    } else if (key == "run_dir") {
      spec.run_dir = value;
    } else if (key == "cgroup") {
      spec.cgroup = value;
    } else if (key == "memory_bytes") {
      ok = ParseNumber(value, spec.memory_bytes);
    } else if (key == "pids_max") {
      ok = ParseNumber(value, spec.pids_max);
    } else if (key == "server_pid") {
      ok = ParseNumber(value, spec.server_pid);
    } else if (key == "probe") {
      spec.probe = value == "1";
    } else {
      return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  return spec;
}

}  // namespace localec2::runtime
