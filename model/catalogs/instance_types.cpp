#include "model/catalogs/instance_types.hpp"

#include <algorithm>

#include "model/catalogs/region_catalog.hpp"
#include "model/core/error_codes.hpp"

namespace localec2::model {
namespace {

// Sorted by name. vCPUs and memory as AWS lists them.
constexpr InstanceTypeInfo kTypes[] = {
    {"c3.large", 2, 3840, "x86_64", false, true},       {"c3.xlarge", 4, 7680, "x86_64", false, true},
    {"c5.2xlarge", 8, 16384, "x86_64", false, false},   {"c5.4xlarge", 16, 32768, "x86_64", false, false},
    {"c5.large", 2, 4096, "x86_64", false, false},      {"c5.xlarge", 4, 8192, "x86_64", false, false},
    {"c6g.large", 2, 4096, "arm64", false, false},      {"c6g.medium", 1, 2048, "arm64", false, false},
    {"c6g.xlarge", 4, 8192, "arm64", false, false},     {"c6i.2xlarge", 8, 16384, "x86_64", false, false},
    {"c6i.large", 2, 4096, "x86_64", false, false},     {"c6i.xlarge", 4, 8192, "x86_64", false, false},
    {"c7g.2xlarge", 8, 16384, "arm64", false, false},   {"c7g.large", 2, 4096, "arm64", false, false},
    {"c7g.medium", 1, 2048, "arm64", false, false},     {"c7g.xlarge", 4, 8192, "arm64", false, false},
    {"i3.2xlarge", 8, 62464, "x86_64", false, true},    {"i3.large", 2, 15616, "x86_64", false, true},
    {"i3.xlarge", 4, 31232, "x86_64", false, true},     {"m1.large", 2, 7680, "x86_64", false, true},
    {"m1.medium", 1, 3840, "x86_64", false, true},      {"m1.small", 1, 1740, "x86_64", false, true},
    {"m3.large", 2, 7680, "x86_64", false, true},       {"m3.medium", 1, 3840, "x86_64", false, true},
    {"m5.2xlarge", 8, 32768, "x86_64", false, false},   {"m5.4xlarge", 16, 65536, "x86_64", false, false},
    {"m5.8xlarge", 32, 131072, "x86_64", false, false}, {"m5.large", 2, 8192, "x86_64", false, false},
    {"m5.xlarge", 4, 16384, "x86_64", false, false},    {"m5d.2xlarge", 8, 32768, "x86_64", false, true},
    {"m5d.large", 2, 8192, "x86_64", false, true},      {"m5d.xlarge", 4, 16384, "x86_64", false, true},
    {"m6g.2xlarge", 8, 32768, "arm64", false, false},   {"m6g.large", 2, 8192, "arm64", false, false},
    {"m6g.medium", 1, 4096, "arm64", false, false},     {"m6g.xlarge", 4, 16384, "arm64", false, false},
    {"m6i.2xlarge", 8, 32768, "x86_64", false, false},  {"m6i.4xlarge", 16, 65536, "x86_64", false, false},
    {"m6i.large", 2, 8192, "x86_64", false, false},     {"m6i.xlarge", 4, 16384, "x86_64", false, false},
    {"m7g.2xlarge", 8, 32768, "arm64", false, false},   {"m7g.large", 2, 8192, "arm64", false, false},
    {"m7g.medium", 1, 4096, "arm64", false, false},     {"m7g.xlarge", 4, 16384, "arm64", false, false},
    {"m7i.2xlarge", 8, 32768, "x86_64", false, false},  {"m7i.large", 2, 8192, "x86_64", false, false},
    {"m7i.xlarge", 4, 16384, "x86_64", false, false},   {"r5.2xlarge", 8, 65536, "x86_64", false, false},
    {"r5.large", 2, 16384, "x86_64", false, false},     {"r5.xlarge", 4, 32768, "x86_64", false, false},
    {"r6g.large", 2, 16384, "arm64", false, false},     {"r6g.medium", 1, 8192, "arm64", false, false},
    {"r6g.xlarge", 4, 32768, "arm64", false, false},    {"r6i.2xlarge", 8, 65536, "x86_64", false, false},
    {"r6i.large", 2, 16384, "x86_64", false, false},    {"r6i.xlarge", 4, 32768, "x86_64", false, false},
    {"t2.2xlarge", 8, 32768, "x86_64", true, false},    {"t2.large", 2, 8192, "x86_64", true, false},
    {"t2.medium", 2, 4096, "x86_64", true, false},      {"t2.micro", 1, 1024, "x86_64", true, false},
    {"t2.nano", 1, 512, "x86_64", true, false},         {"t2.small", 1, 2048, "x86_64", true, false},
    {"t2.xlarge", 4, 16384, "x86_64", true, false},     {"t3.2xlarge", 8, 32768, "x86_64", true, false},
    {"t3.large", 2, 8192, "x86_64", true, false},       {"t3.medium", 2, 4096, "x86_64", true, false},
    {"t3.micro", 2, 1024, "x86_64", true, false},       {"t3.nano", 2, 512, "x86_64", true, false},
    {"t3.small", 2, 2048, "x86_64", true, false},       {"t3.xlarge", 4, 16384, "x86_64", true, false},
    {"t3a.2xlarge", 8, 32768, "x86_64", true, false},   {"t3a.large", 2, 8192, "x86_64", true, false},
    {"t3a.medium", 2, 4096, "x86_64", true, false},     {"t3a.micro", 2, 1024, "x86_64", true, false},
    {"t3a.nano", 2, 512, "x86_64", true, false},        {"t3a.small", 2, 2048, "x86_64", true, false},
    {"t3a.xlarge", 4, 16384, "x86_64", true, false},    {"t4g.2xlarge", 8, 32768, "arm64", true, false},
    {"t4g.large", 2, 8192, "arm64", true, false},       {"t4g.medium", 2, 4096, "arm64", true, false},
    {"t4g.micro", 2, 1024, "arm64", true, false},       {"t4g.nano", 2, 512, "arm64", true, false},
    {"t4g.small", 2, 2048, "arm64", true, false},       {"t4g.xlarge", 4, 16384, "arm64", true, false},
};

}  // namespace

std::span<const InstanceTypeInfo> InstanceTypes() { return kTypes; }

const InstanceTypeInfo* FindInstanceType(std::string_view name) {
  auto it = std::lower_bound(std::begin(kTypes), std::end(kTypes), name,
                             [](const InstanceTypeInfo& t, std::string_view n) { return t.name < n; });
  return it != std::end(kTypes) && it->name == name ? &*it : nullptr;
}

CpuLayout CpuLayoutOf(std::string_view architecture, int vcpus) {
  const int threads = architecture == "arm64" || vcpus == 1 ? 1 : 2;
  return {vcpus / threads, threads};
}

namespace {

bool IsCurrentGeneration(const InstanceTypeInfo& t) {
  return !t.name.starts_with("m1.") && !t.name.starts_with("m3.") && !t.name.starts_with("c3.");
}

bool IsFreeTierEligible(const InstanceTypeInfo& t) { return t.name == "t2.micro" || t.name == "t3.micro"; }

void Bool(bool b, std::vector<std::string>& out) { out.push_back(b ? "true" : "false"); }

constexpr FilterField<const InstanceTypeInfo*> kTypeFilters[] = {
    {"instance-type",
     [](const InstanceTypeInfo* const& t, std::string_view, auto& out) { out.emplace_back(t->name); }},
    {"vcpu-info.default-vcpus", [](const InstanceTypeInfo* const& t, std::string_view,
                                   auto& out) { out.push_back(std::to_string(t->vcpus)); }},
    {"memory-info.size-in-mib", [](const InstanceTypeInfo* const& t, std::string_view,
                                   auto& out) { out.push_back(std::to_string(t->memory_mib)); }},
    {"processor-info.supported-architecture", [](const InstanceTypeInfo* const& t, std::string_view,
                                                 auto& out) { out.emplace_back(t->architecture); }},
    {"burstable-performance-supported",
     [](const InstanceTypeInfo* const& t, std::string_view, auto& out) { Bool(t->burstable, out); }},
    {"instance-storage-supported",
     [](const InstanceTypeInfo* const& t, std::string_view, auto& out) { Bool(t->instance_storage, out); }},
    {"current-generation", [](const InstanceTypeInfo* const& t, std::string_view,
                              auto& out) { Bool(IsCurrentGeneration(*t), out); }},
    {"free-tier-eligible", [](const InstanceTypeInfo* const& t, std::string_view,
                              auto& out) { Bool(IsFreeTierEligible(*t), out); }},
};

constexpr FilterField<InstanceTypeOffering> kOfferingFilters[] = {
    {"instance-type",
     [](const InstanceTypeOffering& o, std::string_view, auto& out) { out.push_back(o.instance_type); }},
    {"location",
     [](const InstanceTypeOffering& o, std::string_view, auto& out) { out.push_back(o.location); }},
};

}  // namespace

InstanceTypeDescription DescribeType(const InstanceTypeInfo& t) {
  const bool arm = t.architecture == "arm64";
  const bool current = IsCurrentGeneration(t);
  std::vector<std::string_view> root_device_types = {"ebs"};
  if (t.instance_storage) root_device_types.push_back("instance-store");
  return {.type = &t,
          .current_generation = current,
          .free_tier_eligible = IsFreeTierEligible(t),
          .hypervisor = current ? "nitro" : "xen",
          .manufacturer = arm ? "AWS" : "Intel",
          .cpu = CpuLayoutOf(t.architecture, t.vcpus),
          .network_performance = t.vcpus <= 8 ? "Up to 5 Gigabit" : "10 Gigabit",
          .max_network_interfaces = t.vcpus <= 2 ? 3 : 4,
          .ipv4_addresses_per_interface = t.vcpus <= 2 ? 6 : 15,
          .hibernation_supported = !arm,
          .dedicated_hosts_supported = !t.burstable,
          .auto_recovery_supported = !t.instance_storage,
          .root_device_types = std::move(root_device_types),
          .boot_modes = arm ? std::vector<std::string_view>{"uefi"}
                            : std::vector<std::string_view>{"legacy-bios", "uefi"}};
}

Result<std::vector<InstanceTypeDescription>> DescribeInstanceTypes(const std::vector<std::string>& names,
                                                                   const std::vector<Filter>& filters,
                                                                   const PageRequest& page,
                                                                   std::string& next_token) {
  if (auto valid = ValidatePage(page, {5, 100}); !valid) return std::move(valid).error();
  std::string unknown;
  for (const std::string& name : names) {
    if (FindInstanceType(name) == nullptr) unknown += (unknown.empty() ? "" : ", ") + name;
  }
  if (!unknown.empty()) {
    return MakeError(codes::kInvalidInstanceType,
                     "The following supplied instance types do not exist: [" + unknown + "]");
  }
  auto compiled = CompiledFilters<const InstanceTypeInfo*>::Compile(filters, kTypeFilters);
  if (!compiled) return std::move(compiled).error();
  std::vector<const InstanceTypeInfo*> matching;
  for (const InstanceTypeInfo& type : InstanceTypes()) {
    bool named = names.empty() || std::find(names.begin(), names.end(), type.name) != names.end();
    if (named && compiled->Matches(&type)) matching.push_back(&type);
  }
  std::vector<InstanceTypeDescription> described;
  for (const InstanceTypeInfo* type : TakePage(
           matching, page, [](const InstanceTypeInfo* t) { return std::string(t->name); }, next_token)) {
    described.push_back(DescribeType(*type));
  }
  return described;
}

Result<std::vector<InstanceTypeOffering>> DescribeInstanceTypeOfferings(const Caller& caller,
                                                                        const std::string& location_type,
                                                                        const std::vector<Filter>& filters,
                                                                        const PageRequest& page,
                                                                        std::string& next_token) {
  if (auto valid = ValidatePage(page, {5, 1000}); !valid) return std::move(valid).error();
  auto compiled = CompiledFilters<InstanceTypeOffering>::Compile(filters, kOfferingFilters);
  if (!compiled) return std::move(compiled).error();
  std::vector<std::string> locations;
  if (location_type == "region") {
    locations.push_back(caller.region);
  } else if (const RegionInfo* region = FindRegion(caller.region)) {
    for (const ZoneInfo& zone : region->zones) {
      locations.push_back(location_type == "availability-zone-id" ? zone.zone_id : zone.zone_name);
    }
  }
  std::vector<InstanceTypeOffering> offerings;
  for (const InstanceTypeInfo& type : InstanceTypes()) {
    for (const std::string& location : locations) {
      InstanceTypeOffering offering{std::string(type.name), location_type, location};
      if (compiled->Matches(offering)) offerings.push_back(std::move(offering));
    }
  }
  // Paged by "type/location", which is unique and sorts as the list does.
  return TakePage(
      offerings, page, [](const InstanceTypeOffering& o) { return o.instance_type + "/" + o.location; },
      next_token);
}

}  // namespace localec2::model
