#include "model/ebs/ebs_lifecycle.hpp"

namespace localec2::model {
namespace {

bool Elapsed(std::int64_t since_ms, std::int64_t now_ms, std::int64_t delay_ms) {
  return now_ms >= since_ms + delay_ms;
}

}  // namespace

std::string_view CurrentImageState(const Image& image, std::int64_t now_ms, const LifecycleTiming& timing) {
  if (image.state == "pending" && Elapsed(image.state_since_ms, now_ms, timing.transition_ms))
    return "available";
  return image.state;
}

bool IsForgotten(const Image& image, std::int64_t now_ms, const LifecycleTiming& timing) {
  return image.state == "deregistered" && Elapsed(image.state_since_ms, now_ms, timing.terminated_visible_ms);
}

bool IsDeprecated(const Image& image, std::int64_t now_ms) {
  return image.deprecation_time_ms != 0 && image.deprecation_time_ms <= now_ms;
}

Snapshot Settled(const Snapshot& snapshot, std::int64_t now_ms, const LifecycleTiming& timing) {
  Snapshot out = snapshot;
  if (out.state == "pending" && Elapsed(out.start_time_ms, now_ms, timing.transition_ms))
    out.state = "completed";
  return out;
}

Volume Settled(const Volume& volume, std::int64_t now_ms, const LifecycleTiming& timing) {
  Volume out = volume;
  if (out.state == "creating" && Elapsed(out.create_time_ms, now_ms, timing.transition_ms))
    out.state = "available";
  if (!out.attach_state.empty() && Elapsed(out.attach_since_ms, now_ms, timing.transition_ms)) {
    if (out.attach_state == "attaching") out.attach_state = "attached";
    if (out.attach_state == "detaching") {
      out.attach_state.clear();
      out.instance_id.clear();
      out.device_name.clear();
      out.state = "available";
    }
  }
  for (VolumeModification& modification : out.modifications) {
    if (modification.state == "modifying" &&
        Elapsed(modification.start_time_ms, now_ms, timing.transition_ms))
      modification.state = "optimizing";
    if (modification.state == "optimizing" &&
        Elapsed(modification.start_time_ms, now_ms, 2 * timing.transition_ms))
      modification.state = "completed";
  }
  return out;
}

int ModificationProgress(std::string_view state) {
  if (state == "completed") return 100;
  if (state == "optimizing") return 50;
  return 0;
}

}  // namespace localec2::model
