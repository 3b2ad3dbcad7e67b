#include "model/images/image_records.hpp"

#include "model/core/error_codes.hpp"
#include "model/core/states.hpp"
#include "model/core/time_format.hpp"

namespace localec2::model {

Status CheckNameFree(const Partition& p, const std::string& name) {
  for (const auto& [id, image] : p.images) {
    if (image.name == name && image.state != states::kDeregistered) {
      return MakeError(codes::kAmiNameDuplicate, "AMI name " + name + " is already in use by AMI " + id);
    }
  }
  return Ok{};
}

Image NewImage(const Scope& scope, const std::string& image_id, const std::string& name, std::int64_t now) {
  Image image;
  image.image_id = image_id;
  image.name = name;
  image.owner_id = scope.account_id;
  image.platform_details = "Linux/UNIX";
  image.usage_operation = "RunInstances";
  image.root_device_type = "ebs";
  image.image_location = scope.account_id + "/" + name;
  image.creation_date = IsoTime(now);
  image.state = states::kPending;
  image.state_since_ms = now;
  return image;
}

}  // namespace localec2::model
