// DescribeInstances and the lookups every instance call starts from: the filter table, the tag index,
// FindInstances and ViewOf.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "model/core/tx.hpp"
#include "model/instances/instances.hpp"
#include "model/network/addressing.hpp"
#include "model/network/interface_records.hpp"

namespace localec2::model {
namespace {

GroupNames NamesOf(const Partition& p, const std::vector<std::string>& group_ids) {
  GroupNames names;
  for (const std::string& id : group_ids) {
    auto it = p.groups.find(id);
    names.emplace_back(id, it == p.groups.end() ? "" : it->second.group_name);
  }
  return names;
}

Error NotFoundIds(const std::vector<std::string>& missing) {
  if (missing.size() == 1) {
    return MakeError(codes::kInstanceIdNotFound, "The instance ID '" + missing[0] + "' does not exist");
  }
  std::string list;
  for (const std::string& id : missing) list += (list.empty() ? "" : ", ") + id;
  return MakeError(codes::kInstanceIdNotFound, "The instance IDs '" + list + "' do not exist");
}

// What a filter sees: the stored instance, its current state, and the partition (for group names).
// Cheap to make, so filters run over every instance without copying any.
struct InstanceSubject {
  const Instance& instance;
  std::string_view state;
  const Partition& partition;
};

template <std::string Instance::*Member>
void Text(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  if (!(s.instance.*Member).empty()) out.push_back(s.instance.*Member);
}

void GroupIds(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const std::string& id : s.instance.group_ids) out.push_back(id);
}

void GroupNames(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const std::string& id : s.instance.group_ids) {
    auto it = s.partition.groups.find(id);
    if (it != s.partition.groups.end()) out.push_back(it->second.group_name);
  }
}

template <std::string NetworkInterface::*Member>
void InterfaceText(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id)) {
    if (!(eni->*Member).empty()) out.push_back(eni->*Member);
  }
}

void InterfacePrivateIps(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id)) {
    out.push_back(eni->private_ip);
    out.insert(out.end(), eni->secondary_private_ips.begin(), eni->secondary_private_ips.end());
  }
}

void InterfacePublicIps(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id)) {
    if (eni->has_public) out.push_back(eni->public_address.public_ip);
  }
}

// The instance's public address: its primary interface's.
void PublicIp(const InstanceSubject& s, std::string_view, std::vector<std::string>& out) {
  for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id)) {
    if (eni->has_public && eni->attachment.device_index == 0) out.push_back(eni->public_address.public_ip);
  }
}

constexpr FilterField<InstanceSubject> kInstanceFilters[] = {
    {"instance-id", &Text<&Instance::instance_id>},
    {"instance-state-name",
     [](const InstanceSubject& s, std::string_view, auto& out) { out.emplace_back(s.state); }},
    {"instance-state-code", [](const InstanceSubject& s, std::string_view,
                               auto& out) { out.push_back(std::to_string(StateCode(s.state))); }},
    {"image-id", &Text<&Instance::image_id>},
    {"instance-type", &Text<&Instance::instance_type>},
    {"key-name", &Text<&Instance::key_name>},
    {"availability-zone", &Text<&Instance::availability_zone>},
    {"vpc-id", &Text<&Instance::vpc_id>},
    {"subnet-id", &Text<&Instance::subnet_id>},
    {"private-ip-address", &Text<&Instance::private_ip>},
    {"private-dns-name",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       out.push_back(PrivateDnsNameOf(s.instance.private_ip, s.partition.scope.region));
     }},
    {"reservation-id", &Text<&Instance::reservation_id>},
    {"owner-id", &Text<&Instance::owner_id>},
    {"architecture", &Text<&Instance::architecture>},
    {"platform", &Text<&Instance::platform>},
    {"root-device-type", &Text<&Instance::root_device_type>},
    {"root-device-name", &Text<&Instance::root_device_name>},
    {"client-token", &Text<&Instance::client_token>},
    {"iam-instance-profile.arn", &Text<&Instance::iam_profile_arn>},
    {"launch-index", [](const InstanceSubject& s, std::string_view,
                        auto& out) { out.push_back(std::to_string(s.instance.ami_launch_index)); }},
    {"instance.group-id", &GroupIds},
    {"instance.group-name", &GroupNames},
    {"group-id", &GroupIds},
    {"group-name", &GroupNames},
    {"ip-address", &PublicIp},
    {"dns-name",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id)) {
         if (eni->has_public && eni->attachment.device_index == 0)
           out.push_back(PublicDnsNameOf(eni->public_address.public_ip, s.partition.scope.region));
       }
     }},
    {"association.public-ip", &InterfacePublicIps},
    {"network-interface.association.public-ip", &InterfacePublicIps},
    {"network-interface.network-interface-id", &InterfaceText<&NetworkInterface::network_interface_id>},
    {"network-interface.subnet-id", &InterfaceText<&NetworkInterface::subnet_id>},
    {"network-interface.vpc-id", &InterfaceText<&NetworkInterface::vpc_id>},
    {"network-interface.mac-address", &InterfaceText<&NetworkInterface::mac_address>},
    {"network-interface.description", &InterfaceText<&NetworkInterface::description>},
    {"network-interface.owner-id", &InterfaceText<&NetworkInterface::owner_id>},
    {"network-interface.status", &InterfaceText<&NetworkInterface::status>},
    {"network-interface.private-dns-name",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id))
         out.push_back(PrivateDnsNameOf(eni->private_ip, s.partition.scope.region));
     }},
    {"network-interface.addresses.private-ip-address", &InterfacePrivateIps},
    {"network-interface.private-ip-address", &InterfacePrivateIps},
    {"network-interface.group-id",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id))
         out.insert(out.end(), eni->group_ids.begin(), eni->group_ids.end());
     }},
    {"network-interface.source-dest-check",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id))
         out.push_back(BoolText(eni->source_dest_check));
     }},
    {"network-interface.attachment.attachment-id",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id))
         out.push_back(eni->attachment.attachment_id);
     }},
    {"network-interface.attachment.device-index",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id))
         out.push_back(std::to_string(eni->attachment.device_index));
     }},
    {"network-interface.attachment.delete-on-termination",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const NetworkInterface* eni : InterfacesOf(s.partition, s.instance.instance_id))
         out.push_back(BoolText(eni->attachment.delete_on_termination));
     }},
    {"source-dest-check", [](const InstanceSubject& s, std::string_view,
                             auto& out) { out.push_back(BoolText(s.instance.source_dest_check)); }},
    {"block-device-mapping.volume-id",
     [](const InstanceSubject& s, std::string_view, auto& out) {
       for (const InstanceVolume& volume : s.instance.volumes) out.push_back(volume.volume_id);
     }},
    {"tag:",
     [](const InstanceSubject& s, std::string_view key, auto& out) { TagValueOf(s.instance, key, out); },
     true},
    {"tag-key",
     [](const InstanceSubject& s, std::string_view key, auto& out) { TagKeysOf(s.instance, key, out); }},
    {"tag-value",
     [](const InstanceSubject& s, std::string_view key, auto& out) { TagValuesOf(s.instance, key, out); }},
};

// The instances a literal `tag:Key` filter can match, from the partition's tag index, in id order and
// after `after`. False when no filter can use the index (then every instance is a candidate).
bool TagIndexCandidates(const Partition& p, const std::vector<Filter>& filters,
                        const std::optional<std::string>& after, std::vector<const Instance*>& out) {
  for (const Filter& filter : filters) {
    if (!filter.name.starts_with("tag:") || filter.name.size() == 4) continue;
    bool literal = std::none_of(filter.values.begin(), filter.values.end(), [](const std::string& v) {
      return v.find_first_of("*?\\") != std::string::npos;
    });
    if (!literal) continue;
    std::set<std::string> ids;
    auto by_key = p.instance_tags.find(std::string_view(filter.name).substr(4));
    if (by_key != p.instance_tags.end()) {
      for (const std::string& value : filter.values) {
        auto by_value = by_key->second.find(value);
        if (by_value != by_key->second.end()) ids.insert(by_value->second.begin(), by_value->second.end());
      }
    }
    for (auto it = after ? ids.upper_bound(*after) : ids.begin(); it != ids.end(); ++it) {
      out.push_back(&p.instances.at(*it));
    }
    return true;
  }
  return false;
}

}  // namespace

InstanceView ViewOf(const View& view, const Instance& instance, std::span<const NetworkInterface> fresh) {
  const Partition& p = view.partition();
  const std::string& region = p.scope.region;
  InstanceView shown{
      instance, NamesOf(p, instance.group_ids), PrivateDnsNameOf(instance.private_ip, region), {}, {}, {}};
  shown.instance.state = std::string(CurrentState(instance, view.now(), view.timing()));
  auto add = [&](const NetworkInterface& eni) {
    shown.interfaces.push_back({eni, NamesOf(p, eni.group_ids), PrivateDnsNameOf(eni.private_ip, region),
                                eni.has_public ? PublicDnsNameOf(eni.public_address.public_ip, region) : ""});
  };
  if (fresh.empty()) {
    for (const NetworkInterface* eni : InterfacesOf(p, instance.instance_id)) add(*eni);
  } else {
    for (const NetworkInterface& eni : fresh) add(eni);
  }
  if (!shown.interfaces.empty() && shown.interfaces.front().eni.has_public) {
    shown.public_ip = shown.interfaces.front().eni.public_address.public_ip;
    shown.public_dns_name = shown.interfaces.front().public_dns_name;
  }
  return shown;
}

CpuLayout CpuLayoutOf(const Instance& instance) {
  if (instance.core_count != 0) return {instance.core_count, instance.threads_per_core};
  const InstanceTypeInfo* type = FindInstanceType(instance.instance_type);
  return CpuLayoutOf(instance.architecture, type ? type->vcpus : 2);
}

Result<std::vector<const Instance*>> FindInstances(const View& view, const std::vector<std::string>& ids) {
  const Partition& p = view.partition();
  std::vector<const Instance*> found;
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    if (!IsWellFormedId("i", id)) return MalformedId(codes::kInstanceIdMalformed, id, "i");
    auto it = p.instances.find(id);
    if (it == p.instances.end() || !IsVisible(it->second, view.now(), view.timing())) {
      missing.push_back(id);
    } else {
      found.push_back(&it->second);
    }
  }
  if (!missing.empty()) return NotFoundIds(missing);
  return found;
}

Result<Page<Reservation>> DescribeInstances(Ec2& ec2, const Caller& caller,
                                            const DescribeInstancesRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && !request.instance_ids.empty()) return IdsWithMaxResults("instanceIds");
  auto filters = CompiledFilters<InstanceSubject>::Compile(request.filters, kInstanceFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<Reservation>> {
    const Partition& p = view.partition();
    auto named = FindInstances(view, request.instance_ids);
    if (!named) return std::move(named).error();
    const std::int64_t now = view.now();
    const LifecycleTiming& timing = view.timing();
    auto passes = [&](const Instance& instance) {
      return IsVisible(instance, now, timing) &&
             filters->Matches(InstanceSubject{instance, CurrentState(instance, now, timing), p});
    };

    // Walk the instances in id order from the page token, copying only those that pass, and stop at the
    // page boundary: cost is the scan up to the page's end, not the partition's size or the answer's.
    Page<Reservation> page;
    const size_t limit = request.page.max_results ? static_cast<size_t>(*request.page.max_results) : SIZE_MAX;
    size_t taken = 0;
    std::string last_id;
    std::unordered_map<std::string, size_t> reservation_index;  // reservation id → position in page.items
    // Adds `instance` when it passes; false once the page is full.
    auto take = [&](const Instance& instance) {
      if (!passes(instance)) return true;
      if (taken == limit) {
        page.next_token = EncodePageToken(last_id);
        return false;
      }
      ++taken;
      last_id = instance.instance_id;
      auto [slot, added] = reservation_index.emplace(instance.reservation_id, page.items.size());
      if (added) page.items.push_back({instance.reservation_id, instance.owner_id, {}});
      page.items[slot->second].instances.push_back(ViewOf(view, instance));
      return true;
    };
    const std::optional<std::string> after =
        request.page.next_token ? DecodePageToken(*request.page.next_token) : std::nullopt;
    std::vector<const Instance*> candidates;
    if (!request.instance_ids.empty()) {
      std::set<std::string> seen;
      for (const Instance* instance : *named) {
        if (seen.insert(instance->instance_id).second) candidates.push_back(instance);
      }
      std::sort(candidates.begin(), candidates.end(),
                [](const Instance* a, const Instance* b) { return a->instance_id < b->instance_id; });
    } else if (!TagIndexCandidates(p, request.filters, after, candidates)) {
      for (auto it = after ? p.instances.upper_bound(*after) : p.instances.begin(); it != p.instances.end();
           ++it) {
        if (!take(it->second)) break;
      }
      return page;
    }
    for (const Instance* instance : candidates) {
      if (!take(*instance)) break;
    }
    return page;
  });
}

Result<InstanceView> DescribeInstance(Ec2& ec2, const Caller& caller, const std::string& instance_id) {
  return ec2.Read(caller, [&](const View& view) -> Result<InstanceView> {
    auto found = FindInstances(view, {instance_id});
    if (!found) return std::move(found).error();
    return ViewOf(view, *(*found)[0]);
  });
}

}  // namespace localec2::model
