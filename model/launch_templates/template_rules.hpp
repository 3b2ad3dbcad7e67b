// Rules shared by the launch template calls: finding a template by id or name, resolving a version
// ($Latest, $Default or a number), checking a name and template data.
#pragma once

#include <string>

#include "model/core/tx.hpp"
#include "model/launch_templates/launch_templates.hpp"

namespace localec2::model {

// The template `ref` names. Errors: MissingParameter (neither), InvalidParameterCombination (both),
// InvalidLaunchTemplateId.Malformed/NotFound, InvalidLaunchTemplateName.NotFoundException.
Result<const LaunchTemplate*> FindTemplate(const View& view, const LaunchTemplateRef& ref);
// The template named `name`, or null.
const LaunchTemplate* FindTemplateByName(const Partition& p, const std::string& name);
// The version `text` names in `lt`: $Latest, $Default or a number. Errors:
// InvalidLaunchTemplateId.VersionNotFound.
Result<const LaunchTemplateVersion*> ResolveVersion(const LaunchTemplate& lt, const std::string& text);
// The version numbered `number`, or null.
const LaunchTemplateVersion* VersionNumbered(const LaunchTemplate& lt, long long number);
// Errors: InvalidLaunchTemplateName.MalformedException.
Status ValidateTemplateName(const std::string& name);
// Errors: InvalidParameterValue past 255 characters.
Status ValidateDescription(const std::string& description);
// Errors: UnsupportedOperation (an ImageId resolve:ssm: alias, a network interface other than the
// primary one or kept after termination), InvalidParameterValue (user data not base64,
// unknown shutdown behaviour, tags for a resource type RunInstances does not tag, tag rules).
Status ValidateTemplateData(const LaunchTemplateData& data);
LaunchTemplateVersionView VersionViewOf(const LaunchTemplate& lt, const LaunchTemplateVersion& version);

}  // namespace localec2::model
