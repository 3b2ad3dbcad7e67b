// DescribeNetworkInterfaces: its filters, and the narrowing that keeps it fast with many interfaces (a
// literal subnet-id, vpc-id or attachment.instance-id filter, or ids, picks the candidates; the generic
// filters then run on those only, and only the page returned is turned into views).
#include <algorithm>
#include <set>

#include "model/core/time_format.hpp"
#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/interface_rules.hpp"
#include "model/network/network_interfaces.hpp"

namespace localec2::model {
namespace {

// What a filter sees: the interface and the partition its group names and Elastic IPs come from.
struct InterfaceRow {
  const NetworkInterface& eni;
  const Partition& p;
  const Tags& tags;
};

using Out = std::vector<std::string>;

void EachPublic(const InterfaceRow& r, void (*f)(const Address&, Out&), Out& out) {
  for (const auto& [id, address] : r.p.addresses) {
    if (address.network_interface_id == r.eni.network_interface_id) f(address, out);
  }
}

constexpr FilterField<InterfaceRow> kInterfaceFilters[] = {
    {"network-interface-id",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.network_interface_id); }},
    {"subnet-id", [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.subnet_id); }},
    {"vpc-id", [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.vpc_id); }},
    {"availability-zone",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.availability_zone); }},
    {"description",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.description); }},
    {"mac-address",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.mac_address); }},
    {"owner-id", [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.owner_id); }},
    {"requester-id",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.requester_id); }},
    {"requester-managed", [](const InterfaceRow& r, std::string_view,
                             Out& out) { out.push_back(BoolText(r.eni.requester_managed)); }},
    {"source-dest-check", [](const InterfaceRow& r, std::string_view,
                             Out& out) { out.push_back(BoolText(r.eni.source_dest_check)); }},
    {"status", [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.status); }},
    {"interface-type",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.interface_type); }},
    {"private-ip-address",
     [](const InterfaceRow& r, std::string_view, Out& out) { out.push_back(r.eni.private_ip); }},
    {"private-dns-name",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       out.push_back(PrivateDnsNameOf(r.eni.private_ip, r.p.scope.region));
     }},
    {"addresses.private-ip-address",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       out.push_back(r.eni.private_ip);
       out.insert(out.end(), r.eni.secondary_private_ips.begin(), r.eni.secondary_private_ips.end());
     }},
    {"addresses.primary",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       out.push_back("true");
       if (!r.eni.secondary_private_ips.empty()) out.push_back("false");
     }},
    {"addresses.association.public-ip",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       EachPublic(
           r, [](const Address& a, Out& o) { o.push_back(a.public_ip); }, out);
     }},
    {"addresses.association.owner-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       EachPublic(
           r, [](const Address& a, Out& o) { o.push_back(a.network_interface_owner_id); }, out);
     }},
    {"group-id", [](const InterfaceRow& r, std::string_view,
                    Out& out) { out.insert(out.end(), r.eni.group_ids.begin(), r.eni.group_ids.end()); }},
    {"group-name",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       for (const std::string& id : r.eni.group_ids) {
         if (const SecurityGroup* group = Lookup<SecurityGroup>(r.p, id)) out.push_back(group->group_name);
       }
     }},
    {"attachment.attachment-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(r.eni.attachment.attachment_id);
     }},
    {"attachment.instance-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(r.eni.attachment.instance_id);
     }},
    {"attachment.instance-owner-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(r.eni.attachment.instance_owner_id);
     }},
    {"attachment.device-index",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(std::to_string(r.eni.attachment.device_index));
     }},
    {"attachment.status",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(r.eni.attachment.status);
     }},
    {"attachment.delete-on-termination",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(BoolText(r.eni.attachment.delete_on_termination));
     }},
    {"association.public-ip",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.has_public) out.push_back(r.eni.public_address.public_ip);
     }},
    {"association.public-dns-name",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.has_public) out.push_back(PublicDnsNameOf(r.eni.public_address.public_ip, r.p.scope.region));
     }},
    {"association.ip-owner-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.has_public) out.push_back(r.eni.public_address.ip_owner_id);
     }},
    {"association.allocation-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.has_public && !r.eni.public_address.allocation_id.empty())
         out.push_back(r.eni.public_address.allocation_id);
     }},
    {"association.association-id",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.has_public && !r.eni.public_address.association_id.empty())
         out.push_back(r.eni.public_address.association_id);
     }},
    {"attachment.attach-time",
     [](const InterfaceRow& r, std::string_view, Out& out) {
       if (r.eni.attached) out.push_back(IsoTime(r.eni.attachment.attach_time_ms));
     }},
    {"operator.managed", [](const InterfaceRow&, std::string_view, Out& out) { out.push_back("false"); }},
    // Documented filters on what localec2 never gives an interface (IPv6 addresses, a NAT gateway
    // attachment, a managing service): valid names that match no interface with a value.
    {"ipv6-addresses.ipv6-address", [](const InterfaceRow&, std::string_view, Out&) {}},
    {"attachment.nat-gateway-id", [](const InterfaceRow&, std::string_view, Out&) {}},
    {"operator.principal", [](const InterfaceRow&, std::string_view, Out&) {}},
    LOCALEC2_TAG_FILTERS(InterfaceRow),
};

bool IsLiteral(const std::string& value) { return value.find_first_of("*?\\") == std::string::npos; }

// The values of the filter `name` when each is literal (no wildcard), else null: such a filter can pick
// candidates by equality.
const std::vector<std::string>* LiteralFilter(const std::vector<Filter>& filters, std::string_view name) {
  for (const Filter& filter : filters) {
    if (filter.name == name && !filter.values.empty() &&
        std::all_of(filter.values.begin(), filter.values.end(), IsLiteral))
      return &filter.values;
  }
  return nullptr;
}

bool Among(const std::vector<std::string>* values, const std::string& value) {
  return values == nullptr || std::find(values->begin(), values->end(), value) != values->end();
}

// The interfaces the request can match, in id order, before the generic filters.
std::vector<const NetworkInterface*> Candidates(const Partition& p,
                                                const DescribeNetworkInterfacesRequest& request) {
  std::vector<const NetworkInterface*> found;
  const auto* subnets = LiteralFilter(request.filters, "subnet-id");
  const auto* vpcs = LiteralFilter(request.filters, "vpc-id");
  auto keep = [&](const NetworkInterface* eni) {
    if (eni != nullptr && Among(subnets, eni->subnet_id) && Among(vpcs, eni->vpc_id)) found.push_back(eni);
  };
  if (!request.ids.empty()) {
    for (const std::string& id : std::set<std::string>(request.ids.begin(), request.ids.end()))
      keep(Lookup<NetworkInterface>(p, id));
  } else if (const auto* instances = LiteralFilter(request.filters, "attachment.instance-id")) {
    std::set<std::string> ids;
    for (const std::string& instance_id : *instances) {
      if (auto it = p.instance_interfaces.find(instance_id); it != p.instance_interfaces.end())
        ids.insert(it->second.begin(), it->second.end());
    }
    for (const std::string& id : ids) keep(Lookup<NetworkInterface>(p, id));
  } else {
    for (const auto& [id, eni] : p.network_interfaces) keep(&eni);
  }
  return found;
}

}  // namespace

Result<Page<NetworkInterfaceView>> DescribeNetworkInterfaces(
    Ec2& ec2, const Caller& caller, const DescribeNetworkInterfacesRequest& request) {
  return ec2.Read(caller, [&](const View& view) -> Result<Page<NetworkInterfaceView>> {
    if (auto valid = ValidatePage(request.page, {5, 1000}); !valid) return std::move(valid).error();
    if (request.page.max_results && !request.ids.empty()) return IdsWithMaxResults("networkInterfaceIds");
    auto compiled = CompiledFilters<InterfaceRow>::Compile(request.filters, kInterfaceFilters);
    if (!compiled) return std::move(compiled).error();
    for (const std::string& id : request.ids) {
      if (auto found = view.Find<NetworkInterface>(id); !found) return std::move(found).error();
    }
    const Partition& p = view.partition();
    std::vector<const NetworkInterface*> matching;
    for (const NetworkInterface* eni : Candidates(p, request)) {
      if (compiled->Matches(InterfaceRow{*eni, p, eni->tags})) matching.push_back(eni);
    }
    Page<NetworkInterfaceView> page;
    auto chosen = TakePage(
        matching, request.page, [](const NetworkInterface* eni) { return eni->network_interface_id; },
        page.next_token);
    page.items.reserve(chosen.size());
    for (const NetworkInterface* eni : chosen) page.items.push_back(ViewOfInterface(p, *eni));
    return page;
  });
}

}  // namespace localec2::model
