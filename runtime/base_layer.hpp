// The base layer every sandboxed instance boots from, built once under the data directory: the directory
// skeleton, the ec2-user (1000, NOPASSWD sudo) and sshd privilege-separation users, an sshd_config that
// allows only ec2-user by key, a whitelist of the host's /etc (never shadow, ssh keys or machine-id), and an
// os-release that says what this is. Files are owned canonically (0, 1000): each instance sees them
// through an idmapped mount. A published layer is never changed (overlay forbids editing a lower layer):
// a new version gets a new directory.
#pragma once

#include <string>

namespace localec2::runtime {

// Builds DATA/base/<version>/{root,usrmask} unless it is there; returns the layer's directory, or an
// error message starting with "error: ".
std::string EnsureBaseLayer(const std::string& sandbox_dir);

}  // namespace localec2::runtime
