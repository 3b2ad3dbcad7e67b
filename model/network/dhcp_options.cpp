// DHCP options sets: create, delete, associate with a VPC, describe.
#include <algorithm>
#include <set>

#include "model/core/describe.hpp"
#include "model/core/ids.hpp"
#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/vpcs.hpp"

namespace localec2::model {
namespace {

// The keys AWS takes (ipv6-address-preferred-lease-time is not emulated: refused as unknown).
constexpr std::string_view kKeys[] = {"domain-name", "domain-name-servers", "ntp-servers",
                                      "netbios-name-servers", "netbios-node-type"};
constexpr size_t kMaxServers = 4;

Error BadValue(const std::string& what, const std::string& value) {
  return MakeError(codes::kInvalidParameterValue,
                   "Value (" + value + ") for parameter " + what + " is invalid.");
}

Status ValidateConfigurations(const std::vector<DhcpConfiguration>& configurations) {
  if (configurations.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter dhcpConfiguration");
  }
  std::set<std::string> seen;
  for (const DhcpConfiguration& c : configurations) {
    if (std::find(std::begin(kKeys), std::end(kKeys), c.key) == std::end(kKeys))
      return BadValue("key", c.key);
    if (!seen.insert(c.key).second) {
      return MakeError(codes::kInvalidParameterValue,
                       "The DHCP option key " + c.key + " is specified more than once.");
    }
    if (c.values.empty()) {
      return MakeError(codes::kInvalidParameterValue,
                       "The DHCP option " + c.key + " must have at least one value.");
    }
    if (c.key.ends_with("-servers") && c.values.size() > kMaxServers) {
      return MakeError(codes::kInvalidParameterValue,
                       "The DHCP option " + c.key + " takes at most 4 values.");
    }
    if (c.key.ends_with("-servers")) {
      for (const std::string& server : c.values) {
        // An IPv4 address, an IPv6 one (ntp-servers), or AmazonProvidedDNS for the name servers.
        const bool valid = ParseIpv4(server).has_value() || server.find(':') != std::string::npos ||
                           (c.key == "domain-name-servers" && server == "AmazonProvidedDNS");
        if (!valid) return BadValue(c.key, server);
      }
    }
    if (c.key == "netbios-node-type") {
      const std::string& type = c.values[0];
      if (c.values.size() != 1 || (type != "1" && type != "2" && type != "4" && type != "8")) {
        return BadValue("netbios-node-type", type);
      }
    }
  }
  return Ok{};
}

constexpr FilterField<DhcpOptions> kDhcpFilters[] = {
    {"dhcp-options-id",
     [](const DhcpOptions& d, std::string_view, auto& out) { out.push_back(d.dhcp_options_id); }},
    {"key",
     [](const DhcpOptions& d, std::string_view, auto& out) {
       for (const DhcpConfiguration& c : d.configurations) out.push_back(c.key);
     }},
    {"value",
     [](const DhcpOptions& d, std::string_view, auto& out) {
       for (const DhcpConfiguration& c : d.configurations)
         out.insert(out.end(), c.values.begin(), c.values.end());
     }},
    {"owner-id", [](const DhcpOptions& d, std::string_view, auto& out) { out.push_back(d.owner_id); }},
    LOCALEC2_TAG_FILTERS(DhcpOptions),
};

}  // namespace

Result<DhcpOptions> CreateDhcpOptions(Ec2& ec2, const Caller& caller,
                                      const CreateDhcpOptionsRequest& request) {
  if (auto valid = ValidateConfigurations(request.configurations); !valid) return std::move(valid).error();
  auto tags = TagsFor(request.tag_specifications, "dhcp-options", {"dhcp-options"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<DhcpOptions> {
    DhcpOptions options;
    options.dhcp_options_id = tx.NewId("dopt");
    options.owner_id = caller.account_id;
    options.configurations = request.configurations;
    options.tags = std::move(*tags);
    tx.Put(options);
    return options;
  });
}

Status DeleteDhcpOptions(Ec2& ec2, const Caller& caller, const std::string& dhcp_options_id) {
  if (dhcp_options_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter dhcpOptionsId");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    if (auto found = tx.Find<DhcpOptions>(dhcp_options_id); !found) return std::move(found).error();
    for (const auto& [id, vpc] : tx.partition().vpcs) {
      if (vpc.dhcp_options_id == dhcp_options_id) {
        return MakeError(codes::kDependencyViolation,
                         "The dhcpOptions '" + dhcp_options_id + "' has dependencies and cannot be deleted.");
      }
    }
    if (dhcp_options_id == DerivedId("dopt", PartitionKey(tx.scope().account_id, tx.scope().region))) {
      return MakeError(
          codes::kOperationNotPermitted,
          "localec2 does not delete the region's AmazonProvidedDNS options set '" + dhcp_options_id +
              "': it is derived for every account and region and would return on the next start.");
    }
    tx.Erase<DhcpOptions>(dhcp_options_id);
    return Ok{};
  });
}

Status AssociateDhcpOptions(Ec2& ec2, const Caller& caller, const std::string& dhcp_options_id,
                            const std::string& vpc_id) {
  if (dhcp_options_id.empty()) {
    return MakeError(codes::kMissingParameter, "The request must contain the parameter dhcpOptionsId");
  }
  if (vpc_id.empty())
    return MakeError(codes::kMissingParameter, "The request must contain the parameter vpcId");
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    if (dhcp_options_id != "default") {
      if (auto found = tx.Find<DhcpOptions>(dhcp_options_id); !found) return std::move(found).error();
    }
    auto vpc = tx.Find<Vpc>(vpc_id);
    if (!vpc) return std::move(vpc).error();
    Vpc changed = **vpc;
    changed.dhcp_options_id = dhcp_options_id;
    tx.Put(changed);
    return Ok{};
  });
}

Result<Page<DhcpOptions>> DescribeDhcpOptions(Ec2& ec2, const Caller& caller,
                                              const DescribeDhcpOptionsRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    return DescribeById<DhcpOptions>(view, request.dhcp_options_ids, request.filters, kDhcpFilters,
                                     request.page);
  });
}

}  // namespace localec2::model
