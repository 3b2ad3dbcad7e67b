#include "model/launch_templates/template_rules.hpp"

#include <algorithm>
#include <charconv>

#include "model/instances/instance_rules.hpp"

namespace localec2::model {
namespace {

Error VersionNotFound(const LaunchTemplate& lt, const std::string& text) {
  return MakeError(codes::kLaunchTemplateVersionNotFound, "Could not find launch template version " + text +
                                                              " for launch template ID " +
                                                              lt.launch_template_id + ".");
}

}  // namespace

const LaunchTemplate* FindTemplateByName(const Partition& p, const std::string& name) {
  for (const auto& [id, lt] : p.launch_templates) {
    if (lt.name == name) return &lt;
  }
  return nullptr;
}

Result<const LaunchTemplate*> FindTemplate(const View& view, const LaunchTemplateRef& ref) {
  if (ref.id.empty() && ref.name.empty()) {
    return MakeError(codes::kMissingParameter,
                     "The request must contain the parameter launchTemplateName or launchTemplateId");
  }
  if (!ref.id.empty() && !ref.name.empty()) {
    return MakeError(codes::kInvalidParameterCombination,
                     "Only one of launchTemplateName or launchTemplateId may be specified");
  }
  if (!ref.id.empty()) return view.Find<LaunchTemplate>(ref.id);
  if (const LaunchTemplate* lt = FindTemplateByName(view.partition(), ref.name)) return lt;
  return MakeError(codes::kLaunchTemplateNameNotFound,
                   "The specified launch template, with template name " + ref.name + ", does not exist.");
}

const LaunchTemplateVersion* VersionNumbered(const LaunchTemplate& lt, long long number) {
  auto it = std::find_if(lt.versions.begin(), lt.versions.end(),
                         [&](const LaunchTemplateVersion& v) { return v.version_number == number; });
  return it == lt.versions.end() ? nullptr : &*it;
}

Result<const LaunchTemplateVersion*> ResolveVersion(const LaunchTemplate& lt, const std::string& text) {
  long long number = 0;
  if (text == "$Latest") {
    number = lt.latest_version;
  } else if (text == "$Default") {
    number = lt.default_version;
  } else {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end != text.data() + text.size()) return VersionNotFound(lt, text);
  }
  const LaunchTemplateVersion* version = VersionNumbered(lt, number);
  if (version == nullptr) return VersionNotFound(lt, text);
  return version;
}

Status ValidateTemplateName(const std::string& name) {
  bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '.' || c == '-' ||
           c == '/' || c == '_';
  });
  if (name.size() < 3 || name.size() > 128 || !valid_chars) {
    return MakeError(codes::kLaunchTemplateNameMalformed,
                     "A launch template name must be between 3 and 128 characters, and may contain letters, "
                     "numbers, and the following characters: - ( ) . / _.'");
  }
  return Ok{};
}

Status ValidateDescription(const std::string& description) {
  if (description.size() > 255) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value for parameter VersionDescription is invalid: it must be at most 255 characters.");
  }
  return Ok{};
}

Status ValidateTemplateData(const LaunchTemplateData& data) {
  if (data.image_id.starts_with("resolve:ssm:")) {  // there is no Systems Manager to resolve it
    return MakeError(
        codes::kUnsupportedOperation,
        "The parameter LaunchTemplateData.ImageId as a Systems Manager parameter (resolve:ssm:) is "
        "not supported by localec2 yet.");
  }
  if (!data.user_data.empty()) {
    if (auto encoded = CheckUserData(data.user_data); !encoded) return encoded;
  }
  for (const auto& [type, tags] : data.tag_specifications) {
    if (type != "instance" && type != "volume" && type != "network-interface") {
      return MakeError(codes::kInvalidParameterValue,
                       "'" + type + "' is not a valid taggable resource type for this operation.");
    }
    if (auto valid = ValidateTags(tags); !valid) return valid;
  }
  if (!data.shutdown_behavior.empty()) return CheckShutdownBehavior(data.shutdown_behavior);
  return Ok{};
}

LaunchTemplateVersionView VersionViewOf(const LaunchTemplate& lt, const LaunchTemplateVersion& version) {
  return {lt.launch_template_id, lt.name, lt.created_by, version.version_number == lt.default_version,
          version};
}

}  // namespace localec2::model
