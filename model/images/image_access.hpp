// Who may use which image or snapshot, across accounts: lookups shared by the images, ebs and instances
// families (RunInstances, CopyImage, CreateVolume, …).
#pragma once

#include <string>
#include <string_view>

#include "model/core/resources.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

class View;

// Whether `account` may see `image` of `owner_account` (launch it, copy it, describe it): never a
// deregistered one; its owner always; others when it is enabled and public or shared with them.
bool ImageVisibleTo(const Image& image, const std::string& owner_account, const std::string& account);

// An image the caller may use in `region`: its own, one shared with it, a public one, or the catalog's.
// Null when there is none (tombstones are not returned).
const Image* VisibleImage(const View& view, std::string_view region, const std::string& image_id);
// A snapshot the caller may use in `region`: its own, one shared with it, or a public one; else null.
const Snapshot* VisibleSnapshot(const View& view, std::string_view region, const std::string& id);
// `image_id`, or for "resolve:ssm:<path>" the id of the catalog's current image in the caller's region
// for that public Systems Manager parameter (model/catalogs/ssm_parameters.cpp). Errors:
// InvalidParameterValue for a parameter localec2 does not know or the region's catalog cannot answer.
Result<std::string> ResolveImageId(const View& view, const std::string& image_id);
// The image the caller may launch in its region, named by id or by "resolve:ssm:<path>" (ResolveImageId).
// Errors: ResolveImageId's, InvalidAMIID.Malformed, InvalidAMIID.NotFound, InvalidAMIID.Unavailable
// (pending, disabled).
Result<const Image*> LaunchableImage(const View& view, const std::string& image_id);
// The caller's own image, for an owner-only call. Errors: InvalidAMIID.Malformed, InvalidAMIID.NotFound
// (not visible), InvalidAMIID.Unavailable (just deregistered), AuthFailure (visible, not owned).
Result<Image> OwnImage(const View& view, const std::string& image_id);

}  // namespace localec2::model
