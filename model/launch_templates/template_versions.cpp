// Launch template versions: create (from a source version), delete, describe; and template data taken
// from an existing instance.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "model/core/time_format.hpp"
#include "model/launch_templates/template_rules.hpp"
#include "model/network/interface_records.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<LaunchTemplateVersionView> kVersionFilters[] = {
    {"create-time", [](const LaunchTemplateVersionView& v, std::string_view,
                       auto& out) { out.push_back(IsoTime(v.version.create_time_ms)); }},
    {"ebs-optimized",
     [](const LaunchTemplateVersionView& v, std::string_view, auto& out) {
       if (v.version.data.ebs_optimized) out.push_back(BoolText(*v.version.data.ebs_optimized));
     }},
    {"iam-instance-profile",
     [](const LaunchTemplateVersionView& v, std::string_view, auto& out) {
       if (!v.version.data.iam_profile_arn.empty()) out.push_back(v.version.data.iam_profile_arn);
       if (!v.version.data.iam_profile_name.empty()) out.push_back(v.version.data.iam_profile_name);
     }},
    {"image-id", [](const LaunchTemplateVersionView& v, std::string_view,
                    auto& out) { out.push_back(v.version.data.image_id); }},
    {"instance-type", [](const LaunchTemplateVersionView& v, std::string_view,
                         auto& out) { out.push_back(v.version.data.instance_type); }},
    {"is-default-version", [](const LaunchTemplateVersionView& v, std::string_view,
                              auto& out) { out.push_back(BoolText(v.is_default)); }},
};

// `source` with every member `given` has replacing the source's.
LaunchTemplateData MergeData(LaunchTemplateData source, const LaunchTemplateData& given) {
  auto text = [](std::string& into, const std::string& from) {
    if (!from.empty()) into = from;
  };
  auto list = [](auto& into, const auto& from) {
    if (!from.empty()) into = from;
  };
  auto opt = [](auto& into, const auto& from) {
    if (from) into = from;
  };
  text(source.image_id, given.image_id);
  text(source.instance_type, given.instance_type);
  text(source.key_name, given.key_name);
  list(source.security_group_ids, given.security_group_ids);
  list(source.security_groups, given.security_groups);
  list(source.block_device_mappings, given.block_device_mappings);
  text(source.user_data, given.user_data);
  if (!given.iam_profile_arn.empty() || !given.iam_profile_name.empty()) {
    source.iam_profile_arn = given.iam_profile_arn;
    source.iam_profile_name = given.iam_profile_name;
  }
  if (!given.http_tokens.empty() || !given.http_endpoint.empty() || given.http_put_response_hop_limit) {
    source.http_tokens = given.http_tokens;
    source.http_endpoint = given.http_endpoint;
    source.http_put_response_hop_limit = given.http_put_response_hop_limit;
  }
  list(source.tag_specifications, given.tag_specifications);
  opt(source.monitoring, given.monitoring);
  opt(source.disable_api_termination, given.disable_api_termination);
  opt(source.disable_api_stop, given.disable_api_stop);
  opt(source.ebs_optimized, given.ebs_optimized);
  text(source.shutdown_behavior, given.shutdown_behavior);
  text(source.availability_zone, given.availability_zone);
  list(source.network_interfaces, given.network_interfaces);
  return source;
}

// The version an earlier CreateLaunchTemplateVersion with `client_token` created, or null.
const LaunchTemplateVersion* EarlierVersion(const LaunchTemplate& lt, const std::string& client_token) {
  if (client_token.empty()) return nullptr;
  for (const LaunchTemplateVersion& v : lt.versions) {
    if (v.client_token == client_token) return &v;
  }
  return nullptr;
}

// A page key for version `number` of `template_id`: in the order the versions are listed (templates by id,
// then newest first).
std::string VersionKey(const std::string& template_id, long long number) {
  char key[24];
  std::snprintf(key, sizeof key, "%020lld", 999999999999999999LL - number);
  return template_id + "/" + key;
}

// The version number `text` names, for MinVersion/MaxVersion (`fallback` when empty).
Result<long long> BoundOf(const LaunchTemplate& lt, const std::string& text, long long fallback) {
  if (text.empty()) return fallback;
  if (text == "$Latest") return lt.latest_version;
  if (text == "$Default") return lt.default_version;
  long long number = 0;
  if (std::sscanf(text.c_str(), "%lld", &number) != 1 || std::to_string(number) != text) {
    return MakeError(codes::kInvalidParameterValue, "Invalid version bound: " + text);
  }
  return number;
}

// The versions of `lt` the request names, or those between its MinVersion and MaxVersion, by number.
// Errors: InvalidLaunchTemplateId.VersionNotFound, InvalidParameterValue (a bound).
Result<std::vector<const LaunchTemplateVersion*>> VersionsOf(
    const LaunchTemplate& lt, const DescribeLaunchTemplateVersionsRequest& request) {
  std::vector<long long> named;
  for (const std::string& text : request.versions) {
    auto version = ResolveVersion(lt, text);
    if (!version) return std::move(version).error();
    named.push_back((*version)->version_number);
  }
  auto min = BoundOf(lt, request.min_version, 0);
  if (!min) return std::move(min).error();
  auto max = BoundOf(lt, request.max_version, lt.latest_version);
  if (!max) return std::move(max).error();
  std::vector<const LaunchTemplateVersion*> versions;
  for (auto it = lt.versions.rbegin(); it != lt.versions.rend(); ++it) {  // newest first, as AWS lists them
    const LaunchTemplateVersion& version = *it;
    const long long n = version.version_number;
    if (named.empty() ? n >= *min && n <= *max : std::count(named.begin(), named.end(), n) > 0) {
      versions.push_back(&version);
    }
  }
  return versions;
}

// The LaunchTemplateErrorCode DeleteLaunchTemplateVersions reports per version for the template's lookup
// error `code`; nullopt for an error it answers whole.
std::optional<std::string> TemplateErrorCode(std::string_view code) {
  if (code == codes::kLaunchTemplateIdMalformed) return "launchTemplateIdMalformed";
  if (code == codes::kLaunchTemplateIdNotFound) return "launchTemplateIdDoesNotExist";
  if (code == codes::kLaunchTemplateNameNotFound) return "launchTemplateNameDoesNotExist";
  return std::nullopt;
}

}  // namespace

Result<LaunchTemplateVersionView> CreateLaunchTemplateVersion(
    Ec2& ec2, const Caller& caller, const CreateLaunchTemplateVersionRequest& request) {
  if (auto description = ValidateDescription(request.version_description); !description)
    return std::move(description).error();
  if (auto data = ValidateTemplateData(request.data); !data) return std::move(data).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<LaunchTemplateVersionView> {
    auto found = FindTemplate(tx, request.ref);
    if (!found) return std::move(found).error();
    LaunchTemplate lt = **found;
    if (const LaunchTemplateVersion* again = EarlierVersion(lt, request.client_token)) {
      return VersionViewOf(lt, *again);
    }
    LaunchTemplateData data = request.data;
    if (!request.source_version.empty()) {
      auto source = ResolveVersion(lt, request.source_version);
      if (!source) return std::move(source).error();
      data = MergeData((*source)->data, request.data);
    }
    LaunchTemplateVersion version{lt.latest_version + 1, request.version_description, tx.now(),
                                  request.client_token, std::move(data)};
    lt.latest_version = version.version_number;
    lt.versions.push_back(version);
    tx.Put(lt);
    return VersionViewOf(lt, version);
  });
}

Result<DeleteVersionsResult> DeleteLaunchTemplateVersions(Ec2& ec2, const Caller& caller,
                                                          const LaunchTemplateRef& ref,
                                                          const std::vector<std::string>& versions) {
  if (versions.empty()) {
    return MakeError(codes::kMissingParameter,
                     "The request must contain the parameter LaunchTemplateVersion");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Result<DeleteVersionsResult> {
    auto found = FindTemplate(tx, ref);
    if (!found) {
      auto code = TemplateErrorCode(found.error().code);
      if (!code) return std::move(found).error();
      DeleteVersionsResult result{ref.id, ref.name, {}, {}};
      for (const std::string& text : versions) result.failed.push_back({text, *code, found.error().message});
      return result;
    }
    LaunchTemplate lt = **found;
    DeleteVersionsResult result{lt.launch_template_id, lt.name, {}, {}};
    for (const std::string& text : versions) {
      long long number = 0;
      const bool numeric = std::sscanf(text.c_str(), "%lld", &number) == 1 && std::to_string(number) == text;
      const LaunchTemplateVersion* version = numeric ? VersionNumbered(lt, number) : nullptr;
      if (version == nullptr) {
        result.failed.push_back(
            {text, "launchTemplateVersionDoesNotExist", "Could not find launch template version " + text});
        continue;
      }
      if (number == lt.default_version) {
        result.failed.push_back(
            {text, "unexpectedError", "Cannot delete the default version of a launch template."});
        continue;
      }
      std::erase_if(lt.versions, [&](const LaunchTemplateVersion& v) { return v.version_number == number; });
      result.deleted.push_back(number);
    }
    if (result.deleted.empty()) return result;
    lt.latest_version = lt.versions.back().version_number;  // the default version always remains
    tx.Put(std::move(lt));
    return result;
  });
}

Result<Page<LaunchTemplateVersionView>> DescribeLaunchTemplateVersions(
    Ec2& ec2, const Caller& caller, const DescribeLaunchTemplateVersionsRequest& request) {
  if (auto valid = ValidatePage(request.page, {1, 200}); !valid) return std::move(valid).error();
  auto filters = CompiledFilters<LaunchTemplateVersionView>::Compile(request.filters, kVersionFilters);
  if (!filters) return std::move(filters).error();
  const bool every_template = request.ref.id.empty() && request.ref.name.empty();
  if (every_template) {
    bool aliases_only = !request.versions.empty() &&
                        std::all_of(request.versions.begin(), request.versions.end(),
                                    [](const std::string& v) { return v == "$Latest" || v == "$Default"; });
    if (!aliases_only) {
      return MakeError(codes::kMissingParameter,
                       "The request must contain the parameter launchTemplateName or launchTemplateId, or "
                       "only the versions $Latest and $Default");
    }
  }
  return ec2.Read(caller, [&](const View& view) -> Result<Page<LaunchTemplateVersionView>> {
    std::vector<const LaunchTemplate*> templates;
    if (every_template) {
      for (const auto& [id, lt] : view.partition().launch_templates) templates.push_back(&lt);
    } else {
      auto found = FindTemplate(view, request.ref);
      if (!found) return std::move(found).error();
      templates.push_back(*found);
    }
    std::vector<LaunchTemplateVersionView> matching;
    for (const LaunchTemplate* lt : templates) {
      auto versions = VersionsOf(*lt, request);
      if (!versions) return std::move(versions).error();
      for (const LaunchTemplateVersion* version : *versions) {
        LaunchTemplateVersionView item = VersionViewOf(*lt, *version);
        if (filters->Matches(item)) matching.push_back(std::move(item));
      }
    }
    Page<LaunchTemplateVersionView> page;
    page.items = TakePage(
        matching, request.page,
        [](const LaunchTemplateVersionView& v) {
          return VersionKey(v.launch_template_id, v.version.version_number);
        },
        page.next_token);
    return page;
  });
}

Result<LaunchTemplateData> GetLaunchTemplateData(Ec2& ec2, const Caller& caller,
                                                 const std::string& instance_id) {
  return ec2.Read(caller, [&](const View& view) -> Result<LaunchTemplateData> {
    auto found = FindInstances(view, {instance_id});
    if (!found) return std::move(found).error();
    const Instance& i = *found->front();
    LaunchTemplateData data;
    data.image_id = i.image_id;
    data.instance_type = i.instance_type;
    data.key_name = i.key_name;
    for (const NetworkInterface* eni : InterfacesOf(view.partition(), i.instance_id)) {
      LaunchTemplateInterface interface;  // AWS shows the groups on the interface
      interface.device_index = eni->attachment.device_index;
      interface.subnet_id = eni->subnet_id;
      interface.group_ids = eni->group_ids;
      interface.delete_on_termination = eni->attachment.delete_on_termination;
      interface.description = eni->description;
      data.network_interfaces.push_back(std::move(interface));
    }
    data.user_data = i.user_data;
    data.iam_profile_arn = i.iam_profile_arn;
    data.http_tokens = i.http_tokens;
    data.http_endpoint = i.http_endpoint;
    data.http_put_response_hop_limit = i.http_put_response_hop_limit;
    data.monitoring = i.monitoring;
    data.disable_api_termination = i.disable_api_termination;
    data.disable_api_stop = i.disable_api_stop;
    data.ebs_optimized = i.ebs_optimized;
    data.shutdown_behavior = i.shutdown_behavior;
    data.availability_zone = i.availability_zone;
    for (const InstanceVolume& v : i.volumes) {  // as AWS answers: the device and its DeleteOnTermination
      BlockDeviceMappingRequest mapping;
      mapping.device_name = v.device_name;
      mapping.has_ebs = true;
      mapping.delete_on_termination = v.delete_on_termination;
      data.block_device_mappings.push_back(std::move(mapping));
    }
    return data;
  });
}

}  // namespace localec2::model
