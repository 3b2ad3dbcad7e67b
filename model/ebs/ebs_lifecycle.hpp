// Images, snapshots and volumes settle with the clock, as instances do (instance_lifecycle.hpp): a
// transitional state becomes the next one once LifecycleTiming::transition_ms have passed, so nothing
// needs writing when a snapshot completes or an attachment finishes.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/core/resources.hpp"
#include "model/instances/instance_lifecycle.hpp"

namespace localec2::model {

// pending → available.
std::string_view CurrentImageState(const Image& image, std::int64_t now_ms, const LifecycleTiming& timing);
// A deregistered image stays known by id (DescribeImages answers nothing for it) for as long as a
// terminated instance stays visible; after that its id is not found.
bool IsForgotten(const Image& image, std::int64_t now_ms, const LifecycleTiming& timing);
bool IsDeprecated(const Image& image, std::int64_t now_ms);

// pending → completed.
Snapshot Settled(const Snapshot& snapshot, std::int64_t now_ms, const LifecycleTiming& timing);
// creating → available; attaching → attached; detaching → no attachment; modifying → optimizing →
// completed.
Volume Settled(const Volume& volume, std::int64_t now_ms, const LifecycleTiming& timing);
// A modification's progress in percent for its state.
int ModificationProgress(std::string_view state);

}  // namespace localec2::model
