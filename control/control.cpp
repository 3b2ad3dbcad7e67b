#include "control/control.hpp"

#include <utility>

namespace localec2::control {

Control::Control(ControlOptions options) : options_(std::move(options)) {}

ControlResponse Control::Health(const ControlRequest&) const noexcept {
  try {
    return {200, "application/json",
            R"({"status":"running","version":")" + options_.version + R"(","services":{"ec2":"running"}})",
            "health"};
  } catch (...) {
    return {500, "application/json", "", "health"};  // allocation failed: answer without a body
  }
}

std::vector<Endpoint> Control::Endpoints() const {
  auto health = [this](const ControlRequest& request) { return Health(request); };
  return {{"GET", "/_localec2/health", health}, {"GET", "/_localstack/health", health}};
}

}  // namespace localec2::control
