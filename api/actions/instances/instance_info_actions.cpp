// What an instance reports about itself (status, console) and the instance-type catalog.
#include "api/actions/families.hpp"
#include "api/protocol/base64.hpp"
#include "model/catalogs/instance_types.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/instances/instances.hpp"

namespace localec2::api {
namespace {

Json StatusSummary(bool reachable, const std::string& checks) {
  if (!reachable) return {{"Status", "not-applicable"}, {"Details", Json::array()}};
  // Sandbox mode: the runtime's view of the boot (initializing until the user data finished).
  if (checks == "initializing")
    return {{"Status", "initializing"},
            {"Details", {{{"Name", "reachability"}, {"Status", "initializing"}}}}};
  if (checks == "impaired")
    return {{"Status", "impaired"}, {"Details", {{{"Name", "reachability"}, {"Status", "failed"}}}}};
  return {{"Status", "ok"}, {"Details", {{{"Name", "reachability"}, {"Status", "passed"}}}}};
}

Json Strings(const std::vector<std::string_view>& values) {
  Json out = Json::array();
  for (std::string_view value : values) out.push_back(value);
  return out;
}

Json TypeJson(const model::InstanceTypeDescription& d) {
  const model::InstanceTypeInfo& t = *d.type;
  return {
      {"InstanceType", t.name},
      {"CurrentGeneration", d.current_generation},
      {"FreeTierEligible", d.free_tier_eligible},
      {"SupportedUsageClasses", {"on-demand", "spot"}},
      {"SupportedRootDeviceTypes", Strings(d.root_device_types)},
      {"SupportedVirtualizationTypes", {"hvm"}},
      {"BareMetal", false},
      {"Hypervisor", d.hypervisor},
      {"ProcessorInfo", {{"SupportedArchitectures", {t.architecture}}, {"Manufacturer", d.manufacturer}}},
      {"VCpuInfo",
       {{"DefaultVCpus", t.vcpus},
        {"DefaultCores", d.cpu.cores},
        {"DefaultThreadsPerCore", d.cpu.threads_per_core}}},
      {"MemoryInfo", {{"SizeInMiB", t.memory_mib}}},
      {"InstanceStorageSupported", t.instance_storage},
      {"EbsInfo",
       {{"EbsOptimizedSupport", "default"}, {"EncryptionSupport", "supported"}, {"NvmeSupport", "required"}}},
      {"NetworkInfo",
       {{"NetworkPerformance", d.network_performance},
        {"MaximumNetworkInterfaces", d.max_network_interfaces},
        {"Ipv4AddressesPerInterface", d.ipv4_addresses_per_interface},
        {"Ipv6Supported", true},
        {"EnaSupport", "required"}}},
      {"HibernationSupported", d.hibernation_supported},
      {"BurstablePerformanceSupported", t.burstable},
      {"DedicatedHostsSupported", d.dedicated_hosts_supported},
      {"AutoRecoverySupported", d.auto_recovery_supported},
      {"SupportedBootModes", Strings(d.boot_modes)}};
}

model::Result<Json> DescribeInstanceStatus(ActionContext& context, const Json& input) {
  auto page = model::DescribeInstanceStatus(context.ec2, context.caller,
                                            {StringList(input, "InstanceIds"), FilterList(input),
                                             PageOf(input), BoolMember(input, "IncludeAllInstances")});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::InstanceStatus& s : page->items) {
    items.push_back({{"InstanceId", s.instance_id},
                     {"AvailabilityZone", s.availability_zone},
                     {"InstanceState", {{"Code", model::StateCode(s.state)}, {"Name", s.state}}},
                     {"InstanceStatus", StatusSummary(s.reachable, s.checks)},
                     {"SystemStatus", StatusSummary(s.reachable, "")}});
  }
  return PagedOutput("InstanceStatuses", std::move(items), page->next_token);
}

model::Result<Json> GetConsoleOutput(ActionContext& context, const Json& input) {
  auto output = model::GetConsoleOutput(context.ec2, context.caller, StringMember(input, "InstanceId"));
  if (!output) return std::move(output).error();
  if (!output->timestamp_ms) return Json{{"InstanceId", output->instance_id}};
  return Json{{"InstanceId", output->instance_id},
              {"Timestamp", *output->timestamp_ms},
              {"Output", Base64Encode(output->text)}};
}

model::Result<Json> DescribeInstanceTypes(ActionContext&, const Json& input) {
  std::string next_token;
  auto types = model::DescribeInstanceTypes(StringList(input, "InstanceTypes"), FilterList(input),
                                            PageOf(input), next_token);
  if (!types) return std::move(types).error();
  Json items = Json::array();
  for (const model::InstanceTypeDescription& t : *types) items.push_back(TypeJson(t));
  return PagedOutput("InstanceTypes", std::move(items), next_token);
}

model::Result<Json> DescribeInstanceTypeOfferings(ActionContext& context, const Json& input) {
  std::string next_token;
  auto offerings = model::DescribeInstanceTypeOfferings(context.caller, input.value("LocationType", "region"),
                                                        FilterList(input), PageOf(input), next_token);
  if (!offerings) return std::move(offerings).error();
  Json items = Json::array();
  for (const model::InstanceTypeOffering& o : *offerings) {
    items.push_back(
        {{"InstanceType", o.instance_type}, {"LocationType", o.location_type}, {"Location", o.location}});
  }
  return PagedOutput("InstanceTypeOfferings", std::move(items), next_token);
}

}  // namespace

std::span<const ActionEntry> InstanceInfoActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(DescribeInstanceStatus), LOCALEC2_ACTION(DescribeInstanceTypeOfferings),
      LOCALEC2_ACTION(DescribeInstanceTypes), LOCALEC2_ACTION(GetConsoleOutput)};
  return kActions;
}

}  // namespace localec2::api
