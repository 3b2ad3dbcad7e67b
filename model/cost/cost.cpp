#include "model/cost/cost.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "model/core/error_codes.hpp"
#include "model/core/tx.hpp"
#include "model/ebs/ebs_lifecycle.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/network/gateways.hpp"

namespace localec2::model {
namespace {

constexpr double kMsPerHour = 3600.0 * 1000.0;

std::string Money(double dollars) {
  char text[32];
  std::snprintf(text, sizeof text, "$%.2f", dollars);
  return text;
}

// Prices one partition: the items and flags of its resources.
class PartitionPricer {
 public:
  PartitionPricer(const Partition& p, const PriceTable& prices, const LifecycleTiming& timing,
                  std::int64_t at_ms)
      : p_(p), prices_(prices), timing_(timing), at_ms_(at_ms) {
    auto factor = prices.region_factors.find(p.scope.region);
    factor_ = factor == prices.region_factors.end() ? 1.0 : factor->second;
  }

  void Run(std::vector<CostItem>& out) {
    for (const auto& [id, instance] : p_.instances) PriceInstance(instance, out);
    for (const auto& [id, volume] : p_.volumes) PriceVolume(volume, out);
    if (!p_.snapshots.empty()) IndexImages();
    for (const auto& [id, snapshot] : p_.snapshots) PriceSnapshot(snapshot, out);
    for (const auto& [id, address] : p_.addresses) PriceAddress(address, out);
    for (const auto& [id, eni] : p_.network_interfaces) PriceLaunchIp(eni, out);
    for (const auto& [id, gateway] : p_.nat_gateways) PriceNatGateway(gateway, out);
  }

 private:
  CostItem Item(std::string_view type, const std::string& id, std::string charge, double hourly,
                std::int64_t since_ms) const {
    CostItem item;
    item.region = p_.scope.region;
    item.resource_type = std::string(type);
    item.resource_id = id;
    item.charge = std::move(charge);
    item.hourly = hourly;
    item.monthly = hourly * kHoursPerMonth;
    item.since_ms = since_ms;
    if (since_ms > 0)
      item.accrued = hourly * static_cast<double>(std::max<std::int64_t>(0, at_ms_ - since_ms)) / kMsPerHour;
    return item;
  }

  // When the instance's current run began paying: its last entry into pending, settled into running.
  std::int64_t RunStart(const Instance& instance) const {
    return instance.state_since_ms + timing_.transition_ms;
  }

  void PriceInstance(const Instance& instance, std::vector<CostItem>& out) const {
    const std::string_view state = CurrentState(instance, at_ms_, timing_);
    if (state == states::kStopped) {
      double ebs_monthly = 0;
      for (const InstanceVolume& v : instance.volumes) {
        if (auto found = p_.volumes.find(v.volume_id); found != p_.volumes.end())
          ebs_monthly += VolumeHourly(found->second) * kHoursPerMonth;
      }
      CostItem item =
          Item("instance", instance.instance_id, instance.instance_type + " stopped: no compute", 0, 0);
      item.flags.push_back(
          {std::string(cost_flags::kStoppedInstance), "Instance " + instance.instance_id +
                                                          " is stopped but its EBS volumes still cost " +
                                                          Money(ebs_monthly) + " a month."});
      out.push_back(std::move(item));
      return;
    }
    if (state != states::kRunning) return;
    const bool windows = instance.platform == "windows";
    auto price = prices_.instances.find(instance.instance_type);
    std::optional<double> hourly;
    if (price != prices_.instances.end())
      hourly = windows ? price->second.windows_hourly : std::optional<double>(price->second.linux_hourly);
    std::string charge = instance.instance_type + (windows ? " Windows" : " Linux/UNIX") + " On-Demand";
    if (!hourly) charge += ": no price known";
    out.push_back(Item("instance", instance.instance_id, std::move(charge), hourly.value_or(0) * factor_,
                       RunStart(instance)));
  }

  double VolumeHourly(const Volume& volume) const {
    auto gb = prices_.ebs_gb_month.find(volume.volume_type);
    double monthly = gb == prices_.ebs_gb_month.end() ? 0 : gb->second * volume.size_gib;
    if (volume.volume_type == "gp3") {
      monthly += std::max(0, volume.iops - prices_.gp3_free_iops) * prices_.gp3_iops_month;
      monthly += std::max(0, volume.throughput - prices_.gp3_free_throughput) * prices_.gp3_throughput_month;
    } else if (auto iops = prices_.ebs_iops_month.find(volume.volume_type);
               iops != prices_.ebs_iops_month.end()) {
      monthly += volume.iops * iops->second;
    }
    return monthly * factor_ / kHoursPerMonth;
  }

  void PriceVolume(const Volume& stored, std::vector<CostItem>& out) const {
    const Volume volume = Settled(stored, at_ms_, timing_);
    std::string charge = volume.volume_type + " " + std::to_string(volume.size_gib) + " GiB";
    if (volume.iops > 0) charge += ", " + std::to_string(volume.iops) + " IOPS";
    if (volume.volume_type == "gp3") charge += ", " + std::to_string(volume.throughput) + " MB/s";
    CostItem item =
        Item("volume", volume.volume_id, std::move(charge), VolumeHourly(volume), volume.create_time_ms);
    if (volume.state == states::kAvailable) {
      // A terminated instance keeps no block devices, so which instance left the volume is not known.
      item.flags.push_back({std::string(cost_flags::kAvailableVolume),
                            "Volume " + volume.volume_id + " is not attached to an instance and costs " +
                                Money(item.monthly) + " a month."});
    }
    out.push_back(std::move(item));
  }

  // The deregistered image that left `snapshot` behind, if one did: a tombstone that maps it while no
  // registered image does, or the image CreateImage's description names when that image is gone.
  std::string LeftBehindBy(const Snapshot& snapshot) const {
    if (mapped_by_registered_.contains(snapshot.snapshot_id)) return "";
    if (auto tombstone = mapped_by_tombstone_.find(snapshot.snapshot_id);
        tombstone != mapped_by_tombstone_.end())
      return tombstone->second;
    const auto at = snapshot.description.rfind(" for ami-");
    if (snapshot.description.starts_with("Created by CreateImage(") && at != std::string::npos) {
      std::string image_id = snapshot.description.substr(at + 5);
      if (!p_.images.contains(image_id)) return image_id;
    }
    return "";
  }

  // Which images map which snapshots, once per partition (not per snapshot: the engine's lock is held).
  void IndexImages() {
    for (const auto& [id, image] : p_.images) {
      for (const BlockDevice& device : image.block_devices) {
        if (device.snapshot_id.empty()) continue;
        if (image.state == states::kDeregistered) {
          mapped_by_tombstone_.emplace(device.snapshot_id, id);
        } else {
          mapped_by_registered_.insert(device.snapshot_id);
        }
      }
    }
  }

  void PriceSnapshot(const Snapshot& snapshot, std::vector<CostItem>& out) const {
    const double hourly = snapshot.volume_size_gib * prices_.snapshot_gb_month * factor_ / kHoursPerMonth;
    CostItem item = Item("snapshot", snapshot.snapshot_id, std::to_string(snapshot.volume_size_gib) + " GiB",
                         hourly, snapshot.start_time_ms);
    if (std::string image = LeftBehindBy(snapshot); !image.empty()) {
      item.flags.push_back({std::string(cost_flags::kOrphanSnapshot),
                            "Snapshot " + snapshot.snapshot_id + " was left behind by deregistered image " +
                                image + "; it costs " + Money(item.monthly) +
                                " a month until it is deleted."});
    }
    out.push_back(std::move(item));
  }

  void PriceAddress(const Address& address, std::vector<CostItem>& out) const {
    CostItem item = Item("elastic-ip", address.allocation_id, "public IPv4 " + address.public_ip,
                         prices_.public_ipv4_hourly * factor_, 0);
    if (address.association_id.empty()) {
      item.flags.push_back({std::string(cost_flags::kIdleAddress),
                            "Elastic IP " + address.public_ip + " (" + address.allocation_id +
                                ") is not associated and costs " + Money(item.monthly) + " a month."});
    }
    out.push_back(std::move(item));
  }

  void PriceLaunchIp(const NetworkInterface& eni, std::vector<CostItem>& out) const {
    if (!eni.has_public || !eni.public_address.allocation_id.empty() || !eni.attached) return;
    auto instance = p_.instances.find(eni.attachment.instance_id);
    if (instance == p_.instances.end() || CurrentState(instance->second, at_ms_, timing_) != states::kRunning)
      return;
    out.push_back(Item("public-ipv4", eni.network_interface_id, "public IPv4 " + eni.public_address.public_ip,
                       prices_.public_ipv4_hourly * factor_, RunStart(instance->second)));
  }

  void PriceNatGateway(const NatGateway& gateway, std::vector<CostItem>& out) const {
    const std::string_view state = CurrentNatState(gateway, at_ms_, timing_);
    if (state != nat_states::kPending && state != nat_states::kAvailable) return;
    out.push_back(Item("natgateway", gateway.nat_gateway_id,
                       "NAT gateway (" + gateway.connectivity_type + ")",
                       prices_.nat_gateway_hourly * factor_, gateway.create_time_ms));
  }

  const Partition& p_;
  const PriceTable& prices_;
  const LifecycleTiming& timing_;
  std::int64_t at_ms_;
  double factor_ = 1.0;
  std::set<std::string, std::less<>> mapped_by_registered_;
  std::map<std::string, std::string, std::less<>> mapped_by_tombstone_;
};

// The tags of the resource an item prices (a launch public IP: its interface's).
const Tags* TagsOf(const Partition& p, const CostItem& item) {
  auto tags_in = [&](const auto& map) -> const Tags* {
    auto found = map.find(item.resource_id);
    return found == map.end() ? nullptr : &found->second.tags;
  };
  if (item.resource_type == "instance") return tags_in(p.instances);
  if (item.resource_type == "volume") return tags_in(p.volumes);
  if (item.resource_type == "snapshot") return tags_in(p.snapshots);
  if (item.resource_type == "elastic-ip") return tags_in(p.addresses);
  if (item.resource_type == "public-ipv4") return tags_in(p.network_interfaces);
  if (item.resource_type == "natgateway") return tags_in(p.nat_gateways);
  return nullptr;
}

}  // namespace

Result<CostReport> EstimateCost(Ec2& ec2, const CostRequest& request, const PriceTable& prices) {
  // The engine reads through one partition (made on first use, in memory only): the one region asked for, or
  // us-east-1, which nearly every account has anyway.
  const std::string through = request.regions.size() == 1 ? request.regions.front() : "us-east-1";
  return ec2.Read(Caller{request.account_id, through}, [&](const View& view) -> Result<CostReport> {
    if (request.at_ms != 0 && request.at_ms < view.now()) {
      return MakeError(codes::kInvalidParameterValue,
                       "The time to price at must not be before now: the state before now is not kept.");
    }
    CostReport report;
    report.at_ms = request.at_ms != 0 ? request.at_ms : view.now();
    for (const std::string& region : request.regions) {
      for (const Partition* p : view.RegionPartitions(region)) {
        if (p->scope.account_id != request.account_id) continue;
        const std::size_t first = report.items.size();
        PartitionPricer(*p, prices, view.timing(), report.at_ms).Run(report.items);
        if (request.cost_tag.empty()) continue;
        for (std::size_t i = first; i < report.items.size(); ++i) {
          CostItem& item = report.items[i];
          const Tags* tags = TagsOf(*p, item);
          if (tags && tags->contains(request.cost_tag)) continue;
          item.flags.push_back({std::string(cost_flags::kMissingTag),
                                item.resource_id + " has no cost allocation tag " + request.cost_tag + "."});
        }
      }
    }
    for (const CostItem& item : report.items) {
      report.hourly += item.hourly;
      report.monthly += item.monthly;
      report.accrued += item.accrued.value_or(0);
    }
    return report;
  });
}

}  // namespace localec2::model
