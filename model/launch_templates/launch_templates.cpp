// Launch templates: create, delete, describe and choose the default version.
#include <algorithm>

#include "model/core/time_format.hpp"
#include "model/launch_templates/template_rules.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<LaunchTemplate> kTemplateFilters[] = {
    {"launch-template-name",
     [](const LaunchTemplate& t, std::string_view, auto& out) { out.push_back(t.name); }},
    {"create-time",
     [](const LaunchTemplate& t, std::string_view, auto& out) { out.push_back(IsoTime(t.create_time_ms)); }},
    LOCALEC2_TAG_FILTERS(LaunchTemplate),
};

// The template an earlier CreateLaunchTemplate with `client_token` created, or null.
const LaunchTemplate* EarlierCreate(const Partition& p, const std::string& client_token) {
  if (client_token.empty()) return nullptr;
  for (const auto& [id, lt] : p.launch_templates) {
    if (lt.client_token == client_token) return &lt;
  }
  return nullptr;
}

}  // namespace

Result<LaunchTemplate> CreateLaunchTemplate(Ec2& ec2, const Caller& caller,
                                            const CreateLaunchTemplateRequest& request) {
  if (auto name = ValidateTemplateName(request.name); !name) return std::move(name).error();
  if (auto description = ValidateDescription(request.version_description); !description)
    return std::move(description).error();
  if (auto data = ValidateTemplateData(request.data); !data) return std::move(data).error();
  auto tags = TagsFor(request.tag_specifications, "launch-template", {"launch-template"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<LaunchTemplate> {
    if (const LaunchTemplate* again = EarlierCreate(tx.partition(), request.client_token)) return *again;
    if (FindTemplateByName(tx.partition(), request.name) != nullptr) {
      return MakeError(codes::kLaunchTemplateNameExists, "Launch template name already in use.");
    }
    LaunchTemplate lt;
    lt.launch_template_id = tx.NewId("lt");
    lt.name = request.name;
    lt.created_by = "arn:aws:iam::" + tx.caller().account_id + ":root";
    lt.create_time_ms = tx.now();
    lt.client_token = request.client_token;
    lt.versions.push_back({1, request.version_description, tx.now(), "", request.data});
    lt.tags = std::move(*tags);
    tx.Put(lt);
    return lt;
  });
}

Result<LaunchTemplate> DeleteLaunchTemplate(Ec2& ec2, const Caller& caller, const LaunchTemplateRef& ref) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<LaunchTemplate> {
    auto lt = FindTemplate(tx, ref);
    if (!lt) return std::move(lt).error();
    tx.Erase<LaunchTemplate>((*lt)->launch_template_id);
    return **lt;
  });
}

Result<Page<LaunchTemplate>> DescribeLaunchTemplates(Ec2& ec2, const Caller& caller,
                                                     const DescribeLaunchTemplatesRequest& request) {
  if (auto valid = ValidatePage(request.page, {1, 200}); !valid) return std::move(valid).error();
  auto filters = CompiledFilters<LaunchTemplate>::Compile(request.filters, kTemplateFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<LaunchTemplate>> {
    for (const std::string& id : request.ids) {
      auto found = view.Find<LaunchTemplate>(id);
      if (!found && found.error().code == codes::kLaunchTemplateIdNotFound) {
        return MakeError(codes::kLaunchTemplateIdNotFound,
                         "At least one of the launch templates specified in the request does not exist.");
      }
      if (!found) return std::move(found).error();
    }
    for (const std::string& name : request.names) {
      if (FindTemplateByName(view.partition(), name) == nullptr) {
        return MakeError(codes::kLaunchTemplateNameNotFound,
                         "At least one of the launch templates specified in the request does not exist.");
      }
    }
    auto named = [&](const LaunchTemplate& lt) {
      if (request.ids.empty() && request.names.empty()) return true;
      return std::count(request.ids.begin(), request.ids.end(), lt.launch_template_id) > 0 ||
             std::count(request.names.begin(), request.names.end(), lt.name) > 0;
    };
    std::vector<LaunchTemplate> matching;
    for (const auto& [id, lt] : view.partition().launch_templates) {
      if (named(lt) && filters->Matches(lt)) matching.push_back(lt);
    }
    Page<LaunchTemplate> page;
    page.items = TakePage(
        matching, request.page, [](const LaunchTemplate& lt) { return lt.launch_template_id; },
        page.next_token);
    return page;
  });
}

Result<LaunchTemplate> ModifyLaunchTemplate(Ec2& ec2, const Caller& caller, const LaunchTemplateRef& ref,
                                            const std::string& default_version) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<LaunchTemplate> {
    auto lt = FindTemplate(tx, ref);
    if (!lt) return std::move(lt).error();
    LaunchTemplate changed = **lt;
    if (default_version.empty()) return changed;
    auto version = ResolveVersion(changed, default_version);
    if (!version) return std::move(version).error();
    if ((*version)->version_number == changed.default_version) return changed;
    changed.default_version = (*version)->version_number;
    tx.Put(changed);
    return changed;
  });
}

}  // namespace localec2::model
