// Images: what DescribeImages shows. Today the catalog (image_catalog.hpp); registered images, copies
// and launch permissions come with the AMI API.
#include <algorithm>

#include "model/ec2_state.hpp"

namespace localec2::model {
namespace {

template <std::string CatalogImage::*Member>
void Text(const CatalogImage& image, std::string_view, std::vector<std::string>& out) {
  if (!(image.*Member).empty()) out.push_back(image.*Member);
}

constexpr FilterField<CatalogImage> kImageFilters[] = {
    {"image-id", &Text<&CatalogImage::image_id>},
    {"name", &Text<&CatalogImage::name>},
    {"description", &Text<&CatalogImage::description>},
    {"owner-id", &Text<&CatalogImage::owner_id>},
    {"owner-alias", &Text<&CatalogImage::owner_alias>},
    {"architecture", &Text<&CatalogImage::architecture>},
    {"platform", &Text<&CatalogImage::platform>},
    {"platform-details", &Text<&CatalogImage::platform_details>},
    {"root-device-type", &Text<&CatalogImage::root_device_type>},
    {"root-device-name", &Text<&CatalogImage::root_device_name>},
    {"manifest-location", &Text<&CatalogImage::image_location>},
    {"block-device-mapping.snapshot-id", &Text<&CatalogImage::root_snapshot_id>},
    {"state", [](const CatalogImage&, std::string_view, auto& out) { out.push_back("available"); }},
    {"is-public", [](const CatalogImage&, std::string_view, auto& out) { out.push_back("true"); }},
    {"image-type", [](const CatalogImage&, std::string_view, auto& out) { out.push_back("machine"); }},
    {"virtualization-type", [](const CatalogImage&, std::string_view, auto& out) { out.push_back("hvm"); }},
    {"hypervisor", [](const CatalogImage&, std::string_view, auto& out) { out.push_back("xen"); }},
    {"ena-support", [](const CatalogImage&, std::string_view, auto& out) { out.push_back("true"); }},
};

bool OwnedBy(const CatalogImage& image, const std::vector<std::string>& owners, const Caller& caller) {
  if (owners.empty()) return true;
  return std::any_of(owners.begin(), owners.end(), [&](const std::string& owner) {
    if (owner == "self") return image.owner_id == caller.account_id;
    if (owner == "amazon" || owner == "aws-marketplace") return image.owner_alias == owner;
    return image.owner_id == owner;
  });
}

}  // namespace

Result<Page<CatalogImage>> Ec2::DescribeImages(const Caller& caller, const DescribeImagesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && !request.image_ids.empty()) return IdsWithMaxResults("imageIds");
  auto filters = CompiledFilters<CatalogImage>::Compile(request.filters, kImageFilters);
  if (!filters) return std::move(filters).error();
  for (const std::string& id : request.image_ids) {
    if (!IsWellFormedId("ami", id)) return MalformedId(codes::kAmiIdMalformed, id, "ami");
    if (FindCatalogImage(caller.region, id) == nullptr) {
      return MakeError(codes::kAmiIdNotFound, "The image id '[" + id + "]' does not exist");
    }
  }
  std::vector<CatalogImage> matching;
  for (const CatalogImage& image : CatalogImages(caller.region)) {
    bool named = request.image_ids.empty() || std::find(request.image_ids.begin(), request.image_ids.end(),
                                                        image.image_id) != request.image_ids.end();
    // Catalog images are public: executable by every user, so ExecutableUsers never hides them.
    if (named && OwnedBy(image, request.owners, caller) && filters->Matches(image)) matching.push_back(image);
  }
  std::sort(matching.begin(), matching.end(),
            [](const CatalogImage& a, const CatalogImage& b) { return a.image_id < b.image_id; });
  Page<CatalogImage> page;
  page.items = TakePage(
      matching, request.page, [](const CatalogImage& i) { return i.image_id; }, page.next_token);
  return page;
}

}  // namespace localec2::model
