// Internet gateways (one per VPC at most) and egress-only internet gateways (always attached to the VPC
// they were made for).
#include "model/core/describe.hpp"
#include "model/core/tx.hpp"
#include "model/network/describe_derived.hpp"
#include "model/network/gateways.hpp"

namespace localec2::model {
namespace {

constexpr FilterField<InternetGateway> kInternetGatewayFilters[] = {
    {"internet-gateway-id",
     [](const InternetGateway& g, std::string_view, auto& out) { out.push_back(g.internet_gateway_id); }},
    {"owner-id", [](const InternetGateway& g, std::string_view, auto& out) { out.push_back(g.owner_id); }},
    {"attachment.vpc-id",
     [](const InternetGateway& g, std::string_view, auto& out) {
       if (!g.vpc_id.empty()) out.push_back(g.vpc_id);
     }},
    {"attachment.state",
     [](const InternetGateway& g, std::string_view, auto& out) {
       if (!g.vpc_id.empty()) out.push_back("available");  // what AWS shows for an attached gateway
     }},
    LOCALEC2_TAG_FILTERS(InternetGateway),
};

constexpr FilterField<EgressOnlyInternetGateway> kEgressOnlyFilters[] = {
    LOCALEC2_TAG_FILTERS(EgressOnlyInternetGateway),
};

Error NotAttachedTo(const std::string& gateway_id, const std::string& vpc_id) {
  return MakeError(codes::kGatewayNotAttached,
                   "resource " + gateway_id + " is not attached to network " + vpc_id);
}

}  // namespace

Result<InternetGateway> CreateInternetGateway(Ec2& ec2, const Caller& caller,
                                              const std::vector<TagSpecification>& tag_specifications) {
  auto tags = TagsFor(tag_specifications, "internet-gateway", {"internet-gateway"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<InternetGateway> {
    InternetGateway gateway;
    gateway.internet_gateway_id = tx.NewId("igw");
    gateway.owner_id = tx.caller().account_id;
    gateway.tags = *tags;
    tx.Put(gateway);
    return gateway;
  });
}

Status AttachInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id,
                             const std::string& vpc_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto gateway = tx.Find<InternetGateway>(gateway_id);
    if (!gateway) return std::move(gateway).error();
    auto vpc = tx.Find<Vpc>(vpc_id);
    if (!vpc) return std::move(vpc).error();
    if (!(*gateway)->vpc_id.empty()) {
      return MakeError(codes::kResourceAlreadyAssociated,
                       "resource " + gateway_id + " is already attached to network " + (*gateway)->vpc_id);
    }
    for (const auto& [id, other] : tx.partition().internet_gateways) {
      if (other.vpc_id == vpc_id) {
        return MakeError(codes::kInvalidParameterValue,
                         "Network " + vpc_id + " already has an internet gateway attached");
      }
    }
    InternetGateway attached = **gateway;
    attached.vpc_id = vpc_id;
    tx.Put(attached);
    return Ok{};
  });
}

Status DetachInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id,
                             const std::string& vpc_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto gateway = tx.Find<InternetGateway>(gateway_id);
    if (!gateway) return std::move(gateway).error();
    auto vpc = tx.Find<Vpc>(vpc_id);
    if (!vpc) return std::move(vpc).error();
    if ((*gateway)->vpc_id != vpc_id) return NotAttachedTo(gateway_id, vpc_id);
    for (const auto& [id, eni] : tx.partition().network_interfaces) {
      if (eni.vpc_id == vpc_id && eni.has_public) {
        return MakeError(codes::kDependencyViolation,
                         "Network " + vpc_id +
                             " has some mapped public address(es). Please unmap those public address(es) "
                             "before detaching the gateway.");
      }
    }
    InternetGateway detached = **gateway;
    detached.vpc_id.clear();
    tx.Put(detached);
    return Ok{};
  });
}

Status DeleteInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto gateway = tx.Find<InternetGateway>(gateway_id);
    if (!gateway) return std::move(gateway).error();
    if (!(*gateway)->vpc_id.empty()) {
      return MakeError(codes::kDependencyViolation,
                       "The internetGateway '" + gateway_id + "' has dependencies and cannot be deleted.");
    }
    tx.Erase<InternetGateway>(gateway_id);
    return Ok{};
  });
}

Result<Page<InternetGateway>> DescribeInternetGateways(Ec2& ec2, const Caller& caller,
                                                       const DescribeGatewaysRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    return DescribeById<InternetGateway>(view, request.ids, request.filters, kInternetGatewayFilters,
                                         request.page);
  });
}

Result<EgressOnlyInternetGateway> CreateEgressOnlyInternetGateway(
    Ec2& ec2, const Caller& caller, const CreateEgressOnlyInternetGatewayRequest& request) {
  auto tags =
      TagsFor(request.tag_specifications, "egress-only-internet-gateway", {"egress-only-internet-gateway"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<EgressOnlyInternetGateway> {
    if (!request.client_token.empty()) {
      for (const auto& [id, earlier] : tx.partition().egress_only_internet_gateways) {
        if (earlier.client_token == request.client_token) return earlier;
      }
    }
    if (auto vpc = tx.Find<Vpc>(request.vpc_id); !vpc) return std::move(vpc).error();
    EgressOnlyInternetGateway gateway;
    gateway.egress_only_internet_gateway_id = tx.NewId("eigw");
    gateway.vpc_id = request.vpc_id;
    gateway.client_token = request.client_token;
    gateway.tags = *tags;
    tx.Put(gateway);
    return gateway;
  });
}

Status DeleteEgressOnlyInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    if (auto gateway = tx.Find<EgressOnlyInternetGateway>(gateway_id); !gateway) {
      return std::move(gateway).error();
    }
    tx.Erase<EgressOnlyInternetGateway>(gateway_id);
    return Ok{};
  });
}

Result<Page<EgressOnlyInternetGateway>> DescribeEgressOnlyInternetGateways(
    Ec2& ec2, const Caller& caller, const DescribeGatewaysRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    const auto& gateways = view.partition().egress_only_internet_gateways;
    std::vector<EgressOnlyInternetGateway> all;
    for (const auto& [id, gateway] : gateways) all.push_back(gateway);
    // DescribeEgressOnlyInternetGateways takes at most 255 results a page.
    return DescribeDerived<EgressOnlyInternetGateway, EgressOnlyInternetGateway>(
        view.partition(), request.ids, request.filters, kEgressOnlyFilters, request.page, {5, 255}, all);
  });
}

}  // namespace localec2::model
