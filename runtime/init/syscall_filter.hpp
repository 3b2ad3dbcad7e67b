// The instance's seccomp deny-list, installed by its PID 1 before anything else runs (every process of the
// instance inherits it): kernel interfaces a lab instance has no use for and that are the usual
// container-escape and kernel-bug surface. They fail with EPERM, as under Docker's default profile.
#pragma once

namespace localec2::runtime::init {

// Returns false (errno set) when the kernel refused the filter.
bool InstallSyscallFilter();

}  // namespace localec2::runtime::init
