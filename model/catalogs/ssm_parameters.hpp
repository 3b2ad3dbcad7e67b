// The public Systems Manager parameters AWS publishes for Quick Start images
// (/aws/service/ami-amazon-linux-latest/…, /aws/service/canonical/ubuntu/…, …) that the image catalog can
// answer, so an image id of "resolve:ssm:<path>" launches the catalog's current image for the path.
#pragma once

#include <optional>
#include <string_view>

namespace localec2::model {

// The catalog images a public parameter stands for: those of `architecture` whose name starts with
// `name_prefix`, the newest (by creation date) being the parameter's current value.
struct SsmImage {
  std::string_view name_prefix;
  std::string_view architecture;
};

// The images the public parameter `path` stands for, or nullopt when localec2 knows no such parameter
// (a version or label suffix, "path:3", is not one).
std::optional<SsmImage> SsmParameterImage(std::string_view path);

}  // namespace localec2::model
