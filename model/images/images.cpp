// DescribeImages: the catalog, the caller's own images and the images other accounts share with it.
#include "model/images/images.hpp"

#include <algorithm>

#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/ebs/ebs_rules.hpp"
#include "model/images/image_access.hpp"

namespace localec2::model {
namespace {

// What a filter sees: the image and its current state, without copying it.
struct ImageSubject {
  const Image& image;
  std::string_view state;
};

template <std::string Image::*Member>
void Text(const ImageSubject& s, std::string_view, std::vector<std::string>& out) {
  if (!(s.image.*Member).empty()) out.push_back(s.image.*Member);
}

template <class Collect>
void EachDevice(const ImageSubject& s, std::vector<std::string>& out, Collect collect) {
  for (const BlockDevice& device : s.image.block_devices) {
    if (device.ebs) out.push_back(collect(device));
  }
}

constexpr FilterField<ImageSubject> kImageFilters[] = {
    {"image-id", &Text<&Image::image_id>},
    {"name", &Text<&Image::name>},
    {"description", &Text<&Image::description>},
    {"owner-id", &Text<&Image::owner_id>},
    {"owner-alias", &Text<&Image::owner_alias>},
    {"architecture", &Text<&Image::architecture>},
    {"platform", &Text<&Image::platform>},
    {"platform-details", &Text<&Image::platform_details>},
    {"usage-operation", &Text<&Image::usage_operation>},
    {"root-device-type", &Text<&Image::root_device_type>},
    {"root-device-name", &Text<&Image::root_device_name>},
    {"manifest-location", &Text<&Image::image_location>},
    {"creation-date", &Text<&Image::creation_date>},
    {"virtualization-type", &Text<&Image::virtualization_type>},
    {"boot-mode", &Text<&Image::boot_mode>},
    {"imds-support", &Text<&Image::imds_support>},
    {"sriov-net-support", &Text<&Image::sriov_net_support>},
    {"source-instance-id", &Text<&Image::source_instance_id>},
    {"source-image-id", &Text<&Image::source_image_id>},
    {"source-image-region", &Text<&Image::source_region>},
    {"state", [](const ImageSubject& s, std::string_view, auto& out) { out.emplace_back(s.state); }},
    {"is-public",
     [](const ImageSubject& s, std::string_view, auto& out) { out.push_back(BoolText(s.image.is_public)); }},
    {"ena-support", [](const ImageSubject& s, std::string_view,
                       auto& out) { out.push_back(BoolText(s.image.ena_support)); }},
    {"image-type", [](const ImageSubject&, std::string_view, auto& out) { out.push_back("machine"); }},
    {"hypervisor", [](const ImageSubject&, std::string_view, auto& out) { out.push_back("xen"); }},
    {"product-code",
     [](const ImageSubject& s, std::string_view, auto& out) {
       for (const ProductCode& code : s.image.product_codes) out.push_back(code.id);
     }},
    {"product-code.type",
     [](const ImageSubject& s, std::string_view, auto& out) {
       for (const ProductCode& code : s.image.product_codes) out.push_back(code.type);
     }},
    {"deprecation-time",
     [](const ImageSubject& s, std::string_view, auto& out) {
       if (s.image.deprecation_time_ms != 0) out.push_back(IsoTime(s.image.deprecation_time_ms));
     }},
    {"block-device-mapping.device-name",
     [](const ImageSubject& s, std::string_view, auto& out) {
       for (const BlockDevice& device : s.image.block_devices) out.push_back(device.device_name);
     }},
    {"block-device-mapping.snapshot-id",
     [](const ImageSubject& s, std::string_view, auto& out) {
       EachDevice(s, out, [](const BlockDevice& d) { return d.snapshot_id; });
     }},
    {"block-device-mapping.volume-size",
     [](const ImageSubject& s, std::string_view, auto& out) {
       EachDevice(s, out, [](const BlockDevice& d) { return std::to_string(d.volume_size_gib); });
     }},
    {"block-device-mapping.volume-type",
     [](const ImageSubject& s, std::string_view, auto& out) {
       EachDevice(s, out, [](const BlockDevice& d) { return d.volume_type; });
     }},
    {"block-device-mapping.encrypted",
     [](const ImageSubject& s, std::string_view, auto& out) {
       EachDevice(s, out, [](const BlockDevice& d) { return BoolText(d.encrypted); });
     }},
    {"block-device-mapping.delete-on-termination",
     [](const ImageSubject& s, std::string_view, auto& out) {
       EachDevice(s, out, [](const BlockDevice& d) { return BoolText(d.delete_on_termination); });
     }},
    {"tag:", [](const ImageSubject& s, std::string_view key, auto& out) { TagValueOf(s.image, key, out); },
     true},
    {"tag-key", [](const ImageSubject& s, std::string_view key, auto& out) { TagKeysOf(s.image, key, out); }},
    {"tag-value",
     [](const ImageSubject& s, std::string_view key, auto& out) { TagValuesOf(s.image, key, out); }},
};

bool OwnedBy(const Image& image, const std::vector<std::string>& owners, const Caller& caller) {
  if (owners.empty()) return true;
  return std::any_of(owners.begin(), owners.end(), [&](const std::string& owner) {
    if (owner == "self") return image.owner_id == caller.account_id;
    if (owner == "amazon" || owner == "aws-marketplace") return image.owner_alias == owner;
    return image.owner_id == owner;
  });
}

// ExecutableUsers: "all" means public; "self" (or the caller's id) the images shared with the caller;
// another account id the images shared with that account.
bool ExecutableBy(const Image& image, const std::vector<std::string>& users, const Caller& caller) {
  if (users.empty()) return true;
  return std::any_of(users.begin(), users.end(), [&](const std::string& user) {
    if (user == "all") return image.is_public;
    const std::string& account = user == "self" ? caller.account_id : user;
    return std::find(image.launch_permissions.begin(), image.launch_permissions.end(), account) !=
           image.launch_permissions.end();
  });
}

Status ValidateScopes(const DescribeImagesRequest& request) {
  for (const std::string& owner : request.owners) {
    if (owner != "self" && owner != "amazon" && owner != "aws-marketplace" && owner != "aws-backup-vault" &&
        !IsAccountId(owner))
      return MakeError(codes::kUserIdMalformed, "Invalid user id: \"" + owner + "\"");
  }
  for (const std::string& user : request.executable_users) {
    if (user != "self" && user != "all" && !IsAccountId(user))
      return MakeError(codes::kUserIdMalformed, "Invalid user id: \"" + user + "\"");
  }
  return Ok{};
}

// The images `ids` names that the caller can see, each once. A recently deregistered image of the
// caller's answers nothing, not an error (as AWS). Errors: InvalidAMIID.Malformed, InvalidAMIID.NotFound
// (naming every missing id).
Result<std::vector<const Image*>> NamedImages(const View& view, const std::vector<std::string>& ids) {
  std::vector<const Image*> found;
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    if (!IsWellFormedId("ami", id)) return MalformedId(codes::kAmiIdMalformed, id, "ami");
    if (const Image* image = VisibleImage(view, view.scope().region, id)) {
      found.push_back(image);
      continue;
    }
    const Image* own = Lookup<Image>(view.partition(), id);
    if (own == nullptr || IsForgotten(*own, view.now(), view.timing())) missing.push_back(id);
  }
  if (missing.size() == 1) return ResourceTraits<Image>::NotFound(missing[0]);
  if (!missing.empty()) {
    std::string list;
    for (const std::string& id : missing) list += (list.empty() ? "" : ", ") + id;
    return MakeError(codes::kAmiIdNotFound, "The image ids '[" + list + "]' do not exist");
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

// Every image the caller can see in its region: the catalog's, its own, and those shared with it.
Result<std::vector<const Image*>> AllVisibleImages(const View& view) {
  std::vector<const Image*> found;
  for (const Image& image : view.catalog().ForRegion(view.scope().region)) found.push_back(&image);
  for (const Partition* p : view.RegionPartitions(view.scope().region)) {
    for (const auto& [id, image] : p->images) {
      if (ImageVisibleTo(image, p->scope.account_id, view.caller().account_id)) found.push_back(&image);
    }
  }
  return found;
}

}  // namespace

void Ec2::SetCatalog(std::vector<CatalogEntry> entries) {
  std::lock_guard lock(mutex_);
  catalog_ = ImageCatalog(std::move(entries));
}

Result<Page<Image>> DescribeImages(Ec2& ec2, const Caller& caller, const DescribeImagesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && !request.image_ids.empty()) return IdsWithMaxResults("imageIds");
  if (auto scopes = ValidateScopes(request); !scopes) return scopes.error();
  auto filters = CompiledFilters<ImageSubject>::Compile(request.filters, kImageFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<Image>> {
    const bool named = !request.image_ids.empty();
    auto candidates = named ? NamedImages(view, request.image_ids) : AllVisibleImages(view);
    if (!candidates) return std::move(candidates).error();
    std::vector<Image> matching;
    for (const Image* image : *candidates) {
      const bool owner = image->owner_id == caller.account_id;
      std::string_view state = CurrentImageState(*image, view.now(), view.timing());
      // Deprecated images show to their owner, when named or when asked for; disabled ones only to their
      // owner, when named or asked for.
      if (IsDeprecated(*image, view.now()) && !owner && !named && !request.include_deprecated) continue;
      if (state == states::kDisabled && !named && !request.include_disabled) continue;
      if (!OwnedBy(*image, request.owners, caller) || !ExecutableBy(*image, request.executable_users, caller))
        continue;
      if (!filters->Matches(ImageSubject{*image, state})) continue;
      matching.push_back(*image);
      matching.back().state = std::string(state);
      // Tags are the owner's: another account sees none.
      if (!owner) matching.back().tags.clear();
    }
    return PageById(std::move(matching), request.page, &Image::image_id);
  });
}

}  // namespace localec2::model
