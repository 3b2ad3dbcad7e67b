#include "model/ebs/ebs_lifecycle.hpp"

#include "model/core/states.hpp"

namespace localec2::model {
namespace {

bool Elapsed(std::int64_t since_ms, std::int64_t now_ms, std::int64_t delay_ms) {
  return now_ms >= since_ms + delay_ms;
}

}  // namespace

std::string_view CurrentImageState(const Image& image, std::int64_t now_ms, const LifecycleTiming& timing) {
  if (image.state == states::kPending && Elapsed(image.state_since_ms, now_ms, timing.transition_ms))
    return states::kAvailable;
  return image.state;
}

bool IsForgotten(const Image& image, std::int64_t now_ms, const LifecycleTiming& timing) {
  return image.state == states::kDeregistered &&
         Elapsed(image.state_since_ms, now_ms, timing.terminated_visible_ms);
}

bool IsDeprecated(const Image& image, std::int64_t now_ms) {
  return image.deprecation_time_ms != 0 && image.deprecation_time_ms <= now_ms;
}

Snapshot Settled(const Snapshot& snapshot, std::int64_t now_ms, const LifecycleTiming& timing) {
  Snapshot out = snapshot;
  if (out.state == states::kPending && Elapsed(out.start_time_ms, now_ms, timing.transition_ms))
    out.state = states::kCompleted;
  return out;
}

Volume Settled(const Volume& volume, std::int64_t now_ms, const LifecycleTiming& timing) {
  Volume out = volume;
  if (out.state == states::kCreating && Elapsed(out.create_time_ms, now_ms, timing.transition_ms))
    out.state = states::kAvailable;
  if (!out.attach_state.empty() && Elapsed(out.attach_since_ms, now_ms, timing.transition_ms)) {
    if (out.attach_state == states::kAttaching) out.attach_state = states::kAttached;
    if (out.attach_state == states::kDetaching) {
      out.attach_state.clear();
      out.instance_id.clear();
      out.device_name.clear();
      out.state = states::kAvailable;
    }
  }
  for (VolumeModification& modification : out.modifications) {
    if (modification.state == states::kModifying &&
        Elapsed(modification.start_time_ms, now_ms, timing.transition_ms))
      modification.state = states::kOptimizing;
    if (modification.state == states::kOptimizing &&
        Elapsed(modification.start_time_ms, now_ms, 2 * timing.transition_ms))
      modification.state = states::kCompleted;
  }
  return out;
}

int ModificationProgress(std::string_view state) {
  if (state == states::kCompleted) return 100;
  if (state == states::kOptimizing) return 50;
  return 0;
}

}  // namespace localec2::model
