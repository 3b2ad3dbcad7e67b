// The state names AWS shows, one constant each (AWS names are data): compare and assign these, never a
// bare string. The instance state machine is drawn in instances/instance_lifecycle.hpp.
#pragma once

#include <string_view>

namespace localec2::model::states {

// Instances (InstanceState.Name).
inline constexpr std::string_view kPending = "pending";
inline constexpr std::string_view kRunning = "running";
inline constexpr std::string_view kStopping = "stopping";
inline constexpr std::string_view kStopped = "stopped";
inline constexpr std::string_view kShuttingDown = "shutting-down";
inline constexpr std::string_view kTerminated = "terminated";

// Images (pending as above).
inline constexpr std::string_view kAvailable = "available";
inline constexpr std::string_view kDisabled = "disabled";
inline constexpr std::string_view kDeregistered = "deregistered";  // a tombstone, hidden from listings
// An image's deregistration protection (Image::protection; disabled as above).
inline constexpr std::string_view kProtectedWithCooldown = "enabled-with-cooldown";
inline constexpr std::string_view kProtectedWithoutCooldown = "enabled-without-cooldown";

// Snapshots (pending as above).
inline constexpr std::string_view kCompleted = "completed";

// Volumes (available as above) and their attachments.
inline constexpr std::string_view kCreating = "creating";
inline constexpr std::string_view kInUse = "in-use";
inline constexpr std::string_view kAttaching = "attaching";
inline constexpr std::string_view kAttached = "attached";
inline constexpr std::string_view kDetaching = "detaching";

// Volume modifications.
inline constexpr std::string_view kModifying = "modifying";
inline constexpr std::string_view kOptimizing = "optimizing";

// IAM instance profile associations.
inline constexpr std::string_view kAssociating = "associating";
inline constexpr std::string_view kAssociated = "associated";
inline constexpr std::string_view kDisassociating = "disassociating";

}  // namespace localec2::model::states
