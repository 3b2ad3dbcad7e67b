// The instance metadata tree of one instance, as AWS lays it out below /latest/: every leaf's path
// (relative to /latest/, e.g. "meta-data/instance-id") and its text. Folders are implied by the leaves;
// Lookup answers a folder with its children, one a line, sub-folders with a trailing '/'.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/instances/instance_metadata.hpp"

namespace localec2::imds {

using MetadataTree = std::map<std::string, std::string, std::less<>>;

// The tree of `metadata` at `now_ms`: role credentials derive from `server_secret`
// (model/instances/role_credentials.hpp). Leaves exist only where AWS has them: public-ipv4 with a public
// address, public-keys/ with a launch key pair, iam/ with an instance profile, tags/ with
// InstanceMetadataTags enabled, user-data with user data.
MetadataTree BuildMetadataTree(const model::InstanceMetadata& metadata, std::string_view server_secret,
                               std::int64_t now_ms);

// The answer for `path` (relative to /latest/; a trailing '/' is allowed on leaves and folders): a leaf's
// text, a folder's listing, or nullopt when the tree has no such path.
std::optional<std::string> Lookup(const MetadataTree& tree, std::string_view path);

}  // namespace localec2::imds
