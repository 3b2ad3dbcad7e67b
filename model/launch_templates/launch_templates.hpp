// The launch templates family: templates and their numbered versions, and the launch parameters a
// RunInstances takes from one. A LaunchTemplate resource keeps its versions inside it, so a version is
// stored, tagged and deleted with its template. Each call runs in the Ec2 engine (core/tx.hpp) for the
// caller's account and region; a mutating call changes nothing when it answers an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {

class View;

// A template named by id or by name (exactly one of them).
struct LaunchTemplateRef {
  std::string id;
  std::string name;
};

struct CreateLaunchTemplateRequest {
  std::string name;
  std::string version_description;
  LaunchTemplateData data;
  std::vector<TagSpecification> tag_specifications;  // resource type launch-template only
  std::string client_token;
};
struct CreateLaunchTemplateVersionRequest {
  LaunchTemplateRef ref;
  std::string source_version;  // empty: none; else a number, $Latest or $Default
  std::string version_description;
  LaunchTemplateData data;  // with a source version: the members given replace the source's
  std::string client_token;
};
// One version as Describe/Create answer it.
struct LaunchTemplateVersionView {
  std::string launch_template_id;
  std::string launch_template_name;
  std::string created_by;
  bool is_default = false;
  LaunchTemplateVersion version;
};
struct DescribeLaunchTemplatesRequest {
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<Filter> filters;  // launch-template-name, create-time, tag:<key>, tag-key, tag-value
  PageRequest page;
};
struct DescribeLaunchTemplateVersionsRequest {
  LaunchTemplateRef ref;              // none: every template (versions $Latest / $Default only)
  std::vector<std::string> versions;  // numbers, $Latest, $Default; none: every version in range
  std::string min_version;
  std::string max_version;
  std::vector<Filter> filters;  // create-time, ebs-optimized, image-id, instance-type, is-default-version
  PageRequest page;
};
// One version DeleteLaunchTemplateVersions could not delete, with AWS's LaunchTemplateErrorCode.
struct VersionDeleteFailure {
  std::string version;  // as given
  std::string code;     // a LaunchTemplateErrorCode: launchTemplateVersionDoesNotExist, unexpectedError, …
  std::string message;
};
struct DeleteVersionsResult {
  std::string launch_template_id;
  std::string launch_template_name;
  std::vector<long long> deleted;
  std::vector<VersionDeleteFailure> failed;
};

// Creates a template with version 1 (its default) holding `data`. Errors: InvalidLaunchTemplateName.
// MalformedException (not 3 to 128 of [A-Za-z0-9().-/_]), InvalidLaunchTemplateName.AlreadyExistsException,
// InvalidParameterValue (description past 255 characters; data: user data, shutdown behaviour, tags),
// UnsupportedOperation (a resolve:ssm: ImageId), tag errors. The same ClientToken answers the
// template it created again and records nothing.
Result<LaunchTemplate> CreateLaunchTemplate(Ec2& ec2, const Caller& caller,
                                            const CreateLaunchTemplateRequest& request);
// Deletes the template and every version. Errors: InvalidLaunchTemplateId.Malformed/NotFound,
// InvalidLaunchTemplateName.NotFoundException, MissingParameter.
Result<LaunchTemplate> DeleteLaunchTemplate(Ec2& ec2, const Caller& caller, const LaunchTemplateRef& ref);
// The templates named (all when none), filtered, paginated in id order (MaxResults 1 to 200). Errors:
// InvalidLaunchTemplateId.*, InvalidLaunchTemplateName.NotFoundException, filter and page errors.
Result<Page<LaunchTemplate>> DescribeLaunchTemplates(Ec2& ec2, const Caller& caller,
                                                     const DescribeLaunchTemplatesRequest& request);
// Makes `default_version` (a number or $Latest) the default. Errors: as DeleteLaunchTemplate,
// InvalidLaunchTemplateId.VersionNotFound.
Result<LaunchTemplate> ModifyLaunchTemplate(Ec2& ec2, const Caller& caller, const LaunchTemplateRef& ref,
                                            const std::string& default_version);
// Adds version latest+1. Errors: as DeleteLaunchTemplate, InvalidLaunchTemplateId.VersionNotFound (source),
// InvalidParameterValue (description, data), UnsupportedOperation. The same ClientToken answers the version
// it created again.
Result<LaunchTemplateVersionView> CreateLaunchTemplateVersion(
    Ec2& ec2, const Caller& caller, const CreateLaunchTemplateVersionRequest& request);
// Deletes each version named; the default version and missing ones are reported, not deleted, and so is
// every version when the template is malformed or missing (launchTemplateIdMalformed,
// launchTemplateIdDoesNotExist, launchTemplateNameDoesNotExist). Errors: MissingParameter,
// InvalidParameterCombination.
Result<DeleteVersionsResult> DeleteLaunchTemplateVersions(Ec2& ec2, const Caller& caller,
                                                          const LaunchTemplateRef& ref,
                                                          const std::vector<std::string>& versions);
// The versions named, or those between MinVersion and MaxVersion, filtered, paginated (by template id, then
// newest first). Without a template: the $Latest and/or $Default versions of every template (MissingParameter
// for other versions or none). Errors: as DeleteLaunchTemplate, InvalidLaunchTemplateId.VersionNotFound,
// filter and page errors.
Result<Page<LaunchTemplateVersionView>> DescribeLaunchTemplateVersions(
    Ec2& ec2, const Caller& caller, const DescribeLaunchTemplateVersionsRequest& request);
// The launch parameters of an existing instance, as template data in AWS's shape: its subnet and groups as
// the primary network interface, its block devices by name with DeleteOnTermination. Errors:
// InvalidInstanceID.*.
Result<LaunchTemplateData> GetLaunchTemplateData(Ec2& ec2, const Caller& caller,
                                                 const std::string& instance_id);

// RunInstances with a template (launch_with_template.cpp): `request` with the members its call did not give
// (request.launch_template->call_members) taken from the template version named (default $Default), and
// launch_template's id and version set to the resolved ones; `request` itself when it names no template.
// Errors: as DeleteLaunchTemplate, InvalidLaunchTemplateId.VersionNotFound.
Result<RunInstancesRequest> EffectiveLaunchRequest(const View& view, const RunInstancesRequest& request);

}  // namespace localec2::model
