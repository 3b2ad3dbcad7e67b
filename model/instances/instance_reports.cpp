// What an instance reports about itself: its status checks and its console output.
#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {

Result<Page<InstanceStatus>> DescribeInstanceStatus(Ec2& ec2, const Caller& caller,
                                                    const DescribeInstanceStatusRequest& request) {
  std::vector<Filter> filters = request.filters;
  if (!request.include_all_instances)
    filters.push_back({"instance-state-name", {std::string(states::kRunning)}});
  auto reservations =
      DescribeInstances(ec2, caller, {request.instance_ids, std::move(filters), request.page});
  if (!reservations) return std::move(reservations).error();
  Page<InstanceStatus> page;
  page.next_token = std::move(reservations->next_token);
  for (const Reservation& reservation : reservations->items) {
    for (const InstanceView& view : reservation.instances) {
      const Instance& i = view.instance;
      std::string checks;
      if (const InstanceRuntimeView* runtime = ec2.runtime_view(); runtime && i.state == states::kRunning)
        checks = runtime->Health(i.instance_id).value_or("initializing");
      page.items.push_back(
          {i.instance_id, i.availability_zone, i.state, i.state == states::kRunning, std::move(checks)});
    }
  }
  return page;
}

Result<ConsoleOutput> GetConsoleOutput(Ec2& ec2, const Caller& caller, const std::string& instance_id) {
  auto view = DescribeInstance(ec2, caller, instance_id);
  if (!view) return std::move(view).error();
  const Instance& i = view->instance;
  if (i.state == states::kPending)
    return ConsoleOutput{i.instance_id, std::nullopt, ""};  // nothing written yet
  if (const InstanceRuntimeView* runtime = ec2.runtime_view(); runtime) {
    if (auto text = runtime->ConsoleText(i.instance_id))
      return ConsoleOutput{i.instance_id, ec2.clock().NowMs(), std::move(*text)};
  }
  std::string log =
      "[    0.000000] Linux version 6.1.158 (mockbuild@localec2) #1 SMP\r\n"
      "[    1.204512] systemd[1]: Hostname set to <" +
      view->private_dns_name +
      ">.\r\n"
      "ci-info: | eth0 | True | " +
      i.private_ip +
      " | 255.255.240.0 | global |\r\n"
      "Cloud-init v. 22.2.2 finished at " +
      IsoTime(i.launch_time_ms) + ". Datasource DataSourceEc2Local.\r\n";
  return ConsoleOutput{i.instance_id, i.launch_time_ms, std::move(log)};
}

}  // namespace localec2::model
