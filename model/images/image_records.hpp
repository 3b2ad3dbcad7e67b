// How every new image of an account starts (CreateImage, RegisterImage, CopyImage). Private to
// model/images/*.cpp.
#pragma once

#include <cstdint>
#include <string>

#include "model/core/partition.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

// AMI names are unique per account and region (a deregistered image's name is free again).
// Errors: InvalidAMIName.Duplicate.
Status CheckNameFree(const Partition& p, const std::string& name);

// A pending EBS Linux image `image_id` named `name`, owned by `scope`'s account, created at `now`.
Image NewImage(const Scope& scope, const std::string& image_id, const std::string& name, std::int64_t now);

}  // namespace localec2::model
