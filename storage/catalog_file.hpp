// A user's image catalog: a JSON file of public images to offer in every region (or the regions each
// names), written like the output of `aws ec2 describe-images`. See the README's "Image catalog".
#pragma once

#include <string>
#include <vector>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/result.hpp"

namespace localec2::storage {

// The catalog `path` describes: its images, after the built-in ones unless "IncludeBuiltin" is false.
// Errors: InvalidParameterValue naming the file and what is wrong with it.
model::Result<std::vector<model::CatalogEntry>> LoadCatalogFile(const std::string& path);

// The same, from the file's text (for tests).
model::Result<std::vector<model::CatalogEntry>> ParseCatalog(const std::string& text,
                                                             const std::string& origin);

}  // namespace localec2::storage
