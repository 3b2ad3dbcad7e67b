// Internet gateways, egress-only internet gateways and NAT gateways. Each call runs in the Ec2 engine
// (core/tx.hpp) for the caller's account and region.
//
// A NAT gateway's state is driven by the clock (the instances' LifecycleTiming): pending settles into
// available, deleting into deleted, once `transition_ms` have passed; a deleted one stays visible for
// `terminated_visible_ms`, as on AWS. Its requester-managed interface is made at creation and erased at
// deletion, and a public one's Elastic IP is associated with that interface for as long.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

struct LifecycleTiming;

// NAT gateway states (NatGateway.State).
namespace nat_states {
inline constexpr std::string_view kPending = "pending";
inline constexpr std::string_view kAvailable = "available";
inline constexpr std::string_view kDeleting = "deleting";
inline constexpr std::string_view kDeleted = "deleted";
}  // namespace nat_states

struct DescribeGatewaysRequest {
  std::vector<std::string> ids;
  std::vector<Filter> filters;
  PageRequest page;
};

// A new internet gateway, detached. Errors: tag errors.
Result<InternetGateway> CreateInternetGateway(Ec2& ec2, const Caller& caller,
                                              const std::vector<TagSpecification>& tag_specifications);
// Attaches the gateway to the VPC. Errors: InvalidInternetGatewayID.*, InvalidVpcID.*,
// Resource.AlreadyAssociated (the gateway is attached), InvalidParameterValue (the VPC has another one).
Status AttachInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id,
                             const std::string& vpc_id);
// Detaches the gateway from the VPC. Errors: InvalidInternetGatewayID.*, InvalidVpcID.*,
// Gateway.NotAttached (not attached to that VPC), DependencyViolation (an interface of the VPC has a
// public address).
Status DetachInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id,
                             const std::string& vpc_id);
// Erases a detached gateway. Errors: InvalidInternetGatewayID.*, DependencyViolation (attached).
Status DeleteInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id);
// Filters attachment.state, attachment.vpc-id, internet-gateway-id, owner-id, tag:*. Errors: as
// DescribeById.
Result<Page<InternetGateway>> DescribeInternetGateways(Ec2& ec2, const Caller& caller,
                                                       const DescribeGatewaysRequest& request);

struct CreateEgressOnlyInternetGatewayRequest {
  std::string vpc_id;
  std::string client_token;  // a repeated token answers the gateway it made
  std::vector<TagSpecification> tag_specifications;
};
// A new egress-only internet gateway attached to the VPC. Errors: InvalidVpcID.*, tag errors.
Result<EgressOnlyInternetGateway> CreateEgressOnlyInternetGateway(
    Ec2& ec2, const Caller& caller, const CreateEgressOnlyInternetGatewayRequest& request);
// Erases it. Errors: InvalidGatewayID.NotFound.
Status DeleteEgressOnlyInternetGateway(Ec2& ec2, const Caller& caller, const std::string& gateway_id);
// Filters tag:*, tag-key, tag-value. Errors: as DescribeById.
Result<Page<EgressOnlyInternetGateway>> DescribeEgressOnlyInternetGateways(
    Ec2& ec2, const Caller& caller, const DescribeGatewaysRequest& request);

// A NAT gateway as answered: its current state, and its Elastic IP's association while it lasts.
struct DescribedNatGateway : NatGateway {
  std::string association_id;  // eipassoc-…, public gateways until deleted
};

struct CreateNatGatewayRequest {
  std::string subnet_id;
  std::string connectivity_type;  // public (when empty) | private
  std::string allocation_id;      // public: required
  std::string private_ip;         // optional: the interface's address
  std::string client_token;       // a repeated token answers the gateway it made
  std::vector<TagSpecification> tag_specifications;
  std::string unsupported;  // the first member given that localec2 does not emulate
};
// A new NAT gateway (pending) with its requester-managed interface in the subnet; a public one's
// Elastic IP is associated with that interface. Errors: InvalidParameterValue (unsupported member, bad
// connectivity type, bad address), MissingParameter (SubnetId; AllocationId of a public one),
// InvalidParameterCombination (AllocationId with private), InvalidSubnetID.*, InvalidAllocationID.*,
// Resource.AlreadyAssociated (the Elastic IP is in use), InsufficientFreeAddressesInSubnet,
// InvalidIPAddress.InUse, tag errors.
Result<DescribedNatGateway> CreateNatGateway(Ec2& ec2, const Caller& caller,
                                             const CreateNatGatewayRequest& request);
// Starts deleting the gateway: its interface is erased and its Elastic IP disassociated now. Deleting one
// being deleted again changes nothing. Errors: NatGatewayMalformed, NatGatewayNotFound (also once deleted).
Status DeleteNatGateway(Ec2& ec2, const Caller& caller, const std::string& nat_gateway_id);
// The visible NAT gateways with their current state. Filters nat-gateway-id, state, subnet-id, vpc-id,
// tag:*. Errors: as DescribeById.
Result<Page<DescribedNatGateway>> DescribeNatGateways(Ec2& ec2, const Caller& caller,
                                                      const DescribeGatewaysRequest& request);

// The state `gateway` is in at `now_ms`.
std::string_view CurrentNatState(const NatGateway& gateway, std::int64_t now_ms,
                                 const LifecycleTiming& timing);
// False once a deleted gateway has been gone long enough to vanish from DescribeNatGateways.
bool IsNatVisible(const NatGateway& gateway, std::int64_t now_ms, const LifecycleTiming& timing);

}  // namespace localec2::model
