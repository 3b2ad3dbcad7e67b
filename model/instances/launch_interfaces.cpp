#include "model/instances/launch_interfaces.hpp"

#include <algorithm>
#include <set>

#include "model/core/tx.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/interface_rules.hpp"

namespace localec2::model {
namespace {

Error Combination(const std::string& message) {
  return MakeError(codes::kInvalidParameterCombination, message);
}

// Request-only rules of one NetworkInterfaces entry.
Status CheckInterfaceSpec(const LaunchInterface& spec, size_t interface_count, long long max_count) {
  if (spec.device_index < 0) {
    return MakeError(codes::kInvalidParameterValue, "Invalid value '" + std::to_string(spec.device_index) +
                                                        "' for NetworkInterface.DeviceIndex");
  }
  if (spec.associate_public_ip && (interface_count > 1 || spec.device_index != 0)) {
    return Combination(
        "The associatePublicIPAddress parameter cannot be specified when launching with multiple network "
        "interfaces.");
  }
  if (!spec.network_interface_id.empty()) {
    if (!spec.subnet_id.empty() || !spec.group_ids.empty() || !spec.private_ip.empty() ||
        !spec.secondary_private_ips.empty() || spec.secondary_private_ip_count > 0 ||
        !spec.description.empty()) {
      return Combination(
          "A network interface ID cannot be specified with a subnet ID, security groups, a description or "
          "private IP addresses in the same network interface specification.");
    }
    if (max_count > 1) {
      return Combination(
          "An existing network interface can be attached to one instance only: MaxCount must be 1.");
    }
  }
  if ((!spec.private_ip.empty() || !spec.secondary_private_ips.empty()) && max_count > 1) {
    return Combination("Private IP addresses cannot be specified when launching more than one instance.");
  }
  if (spec.secondary_private_ip_count < 0 || spec.secondary_private_ip_count > 49) {
    return MakeError(
        codes::kInvalidParameterValue,
        "SecondaryPrivateIpAddressCount must be between 0 and 49 in localec2 (AWS's limit depends "
        "on the instance type).");
  }
  return Ok{};
}

}  // namespace

Result<std::vector<LaunchInterface>> LaunchInterfacesOf(const RunInstancesRequest& request) {
  if (request.network_interfaces.empty()) {
    LaunchInterface only;
    only.subnet_id = request.subnet_id;
    only.private_ip = request.private_ip;
    if (!request.private_ip.empty() && request.max_count > 1) {
      return Combination("Private IP addresses cannot be specified when launching more than one instance.");
    }
    return std::vector<LaunchInterface>{only};
  }
  if (!request.subnet_id.empty()) {
    return Combination(
        "Network interfaces and an instance-level subnet ID may not be specified on the same request");
  }
  if (!request.group_ids.empty() || !request.group_names.empty()) {
    return Combination(
        "Network interfaces and an instance-level security groups may not be specified on the same request");
  }
  if (!request.private_ip.empty()) {
    return Combination(
        "Network interfaces and an instance-level private IP address may not be specified on the same "
        "request");
  }
  std::vector<LaunchInterface> specs = request.network_interfaces;
  std::set<int> indices;
  for (const LaunchInterface& spec : specs) {
    if (auto valid = CheckInterfaceSpec(spec, specs.size(), request.max_count); !valid)
      return std::move(valid).error();
    if (!indices.insert(spec.device_index).second) {
      return MakeError(codes::kInvalidParameterValue,
                       "Each network interface requires a unique device index: " +
                           std::to_string(spec.device_index) + " is repeated.");
    }
  }
  if (!indices.contains(0)) {
    return MakeError(codes::kInvalidParameterValue,
                     "When specifying network interfaces, you must include a device at index 0.");
  }
  std::stable_sort(specs.begin(), specs.end(), [](const LaunchInterface& a, const LaunchInterface& b) {
    return a.device_index < b.device_index;
  });
  return specs;
}

Result<const NetworkInterface*> AvailableInterface(const View& view, const std::string& id) {
  auto eni = view.Find<NetworkInterface>(id);
  if (!eni) return eni;
  if ((*eni)->attached) {
    return MakeError(codes::kNetworkInterfaceInUse, "Interface: [" + id + "] in use.");
  }
  return eni;
}

Result<std::vector<PlannedInterface>> PlanOtherInterfaces(const View& view,
                                                          const std::vector<LaunchInterface>& specs,
                                                          const PlannedInterface& primary) {
  std::vector<PlannedInterface> plan;
  for (size_t n = 1; n < specs.size(); ++n) {
    PlannedInterface planned;
    planned.spec = specs[n];
    if (!planned.spec.network_interface_id.empty()) {
      auto eni = AvailableInterface(view, planned.spec.network_interface_id);
      if (!eni) return std::move(eni).error();
      planned.existing = *eni;
      auto subnet = view.Find<Subnet>((*eni)->subnet_id);
      if (!subnet) return std::move(subnet).error();
      planned.subnet = *subnet;
      planned.group_ids = (*eni)->group_ids;
      planned.delete_on_termination = planned.spec.delete_on_termination.value_or(false);
    } else {
      if (planned.spec.subnet_id.empty()) {
        return MakeError(
            codes::kMissingParameter,
            "The request must contain the parameter NetworkInterface." + std::to_string(n + 1) + ".SubnetId");
      }
      auto subnet = view.Find<Subnet>(planned.spec.subnet_id);
      if (!subnet) return std::move(subnet).error();
      planned.subnet = *subnet;
      auto groups = GroupsInSubnetVpc(view, planned.spec.group_ids, **subnet);
      if (!groups) return std::move(groups).error();
      planned.group_ids = std::move(*groups);
      planned.delete_on_termination = planned.spec.delete_on_termination.value_or(true);
    }
    if (planned.subnet->availability_zone != primary.subnet->availability_zone) {
      return MakeError(
          codes::kInvalidParameterValue,
          "The network interfaces of an instance must be in the same availability zone: subnet " +
              planned.subnet->subnet_id + " is in " + planned.subnet->availability_zone + ", not " +
              primary.subnet->availability_zone + ".");
    }
    plan.push_back(std::move(planned));
  }
  return plan;
}

long long AddressableCount(const View& view, const std::vector<PlannedInterface>& plan, long long wanted) {
  std::map<std::string, long long> per_instance;  // subnet → addresses one instance takes from it
  for (const PlannedInterface& planned : plan) {
    if (planned.existing != nullptr) continue;
    per_instance[planned.subnet->subnet_id] +=
        1 + static_cast<long long>(planned.spec.secondary_private_ips.size()) +
        planned.spec.secondary_private_ip_count;
  }
  long long count = wanted;
  for (const auto& [subnet_id, need] : per_instance) {
    const Subnet* subnet = Lookup<Subnet>(view.partition(), subnet_id);
    count = std::min(count, static_cast<long long>(subnet->available_ip_address_count) / need);
  }
  return count;
}

Result<std::vector<NetworkInterface>> RecordInterfaces(
    Tx& tx, const std::vector<PlannedInterface>& plan, Instance& instance,
    std::map<std::string, PrivateAddressAllocator>& allocators, PublicAddressAllocator& public_addresses,
    const Tags& tags) {
  std::vector<NetworkInterface> made;
  for (const PlannedInterface& planned : plan) {
    NetworkInterface eni;
    if (planned.existing != nullptr) {
      eni = *planned.existing;
    } else {
      auto [slot, added] = allocators.try_emplace(planned.subnet->subnet_id, tx.partition(), *planned.subnet);
      PrivateAddressAllocator& addresses = slot->second;
      std::string primary_ip = planned.spec.private_ip;
      if (primary_ip.empty()) {
        primary_ip = addresses.Next().value_or("");
      } else if (auto taken = addresses.Take(primary_ip); !taken) {
        return std::move(taken).error();
      }
      eni = NewInterface(tx, *planned.subnet, primary_ip, planned.group_ids);
      eni.description = planned.spec.description;
      eni.tags = tags;
      for (const std::string& ip : planned.spec.secondary_private_ips) {
        if (auto taken = addresses.Take(ip); !taken) return std::move(taken).error();
        eni.secondary_private_ips.push_back(ip);
      }
      for (int n = 0; n < planned.spec.secondary_private_ip_count; ++n) {
        eni.secondary_private_ips.push_back(addresses.Next().value_or(""));
      }
    }
    if (planned.public_ip && !eni.has_public) GiveLaunchPublicAddress(eni, public_addresses);
    AttachInterface(tx, eni, instance, planned.spec.device_index, planned.delete_on_termination);
    made.push_back(std::move(eni));
  }
  const NetworkInterface& primary = made.front();
  instance.private_ip = primary.private_ip;
  instance.subnet_id = primary.subnet_id;
  instance.vpc_id = primary.vpc_id;
  instance.group_ids = primary.group_ids;
  instance.source_dest_check = primary.source_dest_check;
  for (const NetworkInterface& eni : made) tx.Put(eni);
  return made;
}

}  // namespace localec2::model
