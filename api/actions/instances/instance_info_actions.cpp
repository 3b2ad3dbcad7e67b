// What an instance reports about itself (status, console) and the instance-type catalog.
#include "api/actions/families.hpp"
#include "api/protocol/base64.hpp"
#include "api/protocol/timestamp.hpp"
#include "model/catalogs/instance_types.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/instances/instances.hpp"

namespace localec2::api {
namespace {

Json StatusSummary(bool running) {
  if (!running) return {{"Status", "not-applicable"}, {"Details", Json::array()}};
  return {{"Status", "ok"}, {"Details", {{{"Name", "reachability"}, {"Status", "passed"}}}}};
}

Json TypeJson(const model::InstanceTypeInfo& t) {
  const bool arm = t.architecture == "arm64";
  const int threads = arm || t.vcpus == 1 ? 1 : 2;
  const bool current = !t.name.starts_with("m1.") && !t.name.starts_with("m3.") && !t.name.starts_with("c3.");
  Json root_types = Json::array({"ebs"});
  if (t.instance_storage) root_types.push_back("instance-store");
  return {
      {"InstanceType", t.name},
      {"CurrentGeneration", current},
      {"FreeTierEligible", t.name == "t2.micro" || t.name == "t3.micro"},
      {"SupportedUsageClasses", {"on-demand", "spot"}},
      {"SupportedRootDeviceTypes", std::move(root_types)},
      {"SupportedVirtualizationTypes", {"hvm"}},
      {"BareMetal", false},
      {"Hypervisor", current ? "nitro" : "xen"},
      {"ProcessorInfo",
       {{"SupportedArchitectures", {t.architecture}}, {"Manufacturer", arm ? "AWS" : "Intel"}}},
      {"VCpuInfo",
       {{"DefaultVCpus", t.vcpus}, {"DefaultCores", t.vcpus / threads}, {"DefaultThreadsPerCore", threads}}},
      {"MemoryInfo", {{"SizeInMiB", t.memory_mib}}},
      {"InstanceStorageSupported", t.instance_storage},
      {"EbsInfo",
       {{"EbsOptimizedSupport", "default"}, {"EncryptionSupport", "supported"}, {"NvmeSupport", "required"}}},
      {"NetworkInfo",
       {{"NetworkPerformance", t.vcpus <= 8 ? "Up to 5 Gigabit" : "10 Gigabit"},
        {"MaximumNetworkInterfaces", t.vcpus <= 2 ? 3 : 4},
        {"Ipv4AddressesPerInterface", t.vcpus <= 2 ? 6 : 15},
        {"Ipv6Supported", true},
        {"EnaSupport", "required"}}},
      {"HibernationSupported", !arm},
      {"BurstablePerformanceSupported", t.burstable},
      {"DedicatedHostsSupported", !t.burstable},
      {"AutoRecoverySupported", !t.instance_storage},
      {"SupportedBootModes", arm ? Json::array({"uefi"}) : Json::array({"legacy-bios", "uefi"})}};
}

model::Result<Json> DescribeInstanceStatus(ActionContext& context, const Json& input) {
  std::vector<model::Filter> filters = FilterList(input);
  if (!BoolMember(input, "IncludeAllInstances")) filters.push_back({"instance-state-name", {"running"}});
  auto page = model::DescribeInstances(context.ec2, context.caller,
                                       {StringList(input, "InstanceIds"), filters, PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::Reservation& reservation : page->items) {
    for (const model::InstanceView& view : reservation.instances) {
      const model::Instance& i = view.instance;
      const bool running = i.state == "running";
      items.push_back({{"InstanceId", i.instance_id},
                       {"AvailabilityZone", i.availability_zone},
                       {"InstanceState", {{"Code", model::StateCode(i.state)}, {"Name", i.state}}},
                       {"InstanceStatus", StatusSummary(running)},
                       {"SystemStatus", StatusSummary(running)}});
    }
  }
  return PagedOutput("InstanceStatuses", std::move(items), page->next_token);
}

model::Result<Json> GetConsoleOutput(ActionContext& context, const Json& input) {
  auto view = model::DescribeInstance(context.ec2, context.caller, StringMember(input, "InstanceId"));
  if (!view) return std::move(view).error();
  const model::Instance& i = view->instance;
  if (i.state == "pending") return Json{{"InstanceId", i.instance_id}};  // nothing written yet
  // A plausible boot log: enough for tools that look for the host name and cloud-init's last line.
  std::string log =
      "[    0.000000] Linux version 6.1.158 (mockbuild@localec2) #1 SMP\r\n"
      "[    1.204512] systemd[1]: Hostname set to <" +
      view->private_dns_name +
      ">.\r\n"
      "ci-info: | eth0 | True | " +
      i.private_ip +
      " | 255.255.240.0 | global |\r\n"
      "Cloud-init v. 22.2.2 finished at " +
      FormatTimestamp(i.launch_time_ms) + ". Datasource DataSourceEc2Local.\r\n";
  return Json{{"InstanceId", i.instance_id}, {"Timestamp", i.launch_time_ms}, {"Output", Base64Encode(log)}};
}

model::Result<Json> DescribeInstanceTypes(ActionContext&, const Json& input) {
  std::string next_token;
  auto types = model::DescribeInstanceTypes(StringList(input, "InstanceTypes"), FilterList(input),
                                            PageOf(input), next_token);
  if (!types) return std::move(types).error();
  Json items = Json::array();
  for (const model::InstanceTypeInfo* t : *types) items.push_back(TypeJson(*t));
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
      LOCALEC2_ACTION(DescribeInstanceStatus),
      LOCALEC2_ACTION(DescribeInstanceTypeOfferings),
      LOCALEC2_ACTION(DescribeInstanceTypes),
      LOCALEC2_ACTION(GetConsoleOutput),
  };
  return kActions;
}

}  // namespace localec2::api
