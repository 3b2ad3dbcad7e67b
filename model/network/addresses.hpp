// Elastic IP addresses (domain vpc only: EC2-Classic is retired): allocating them from the documentation
// blocks (addressing.hpp), associating them with an interface's private address, and releasing them. An
// associated address lives in two records kept consistent by every call here: the Address (association
// id, interface, instance, private address) and the interface's PublicAddress (which it replaces).
#pragma once

#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/core/tagging.hpp"

namespace localec2::model {

// AWS's default quota of Elastic IPs per account and region (DescribeAccountAttributes' vpc-max-elastic-ips).
inline constexpr int kMaxElasticIps = 5;

struct AllocateAddressRequest {
  std::string domain;                    // vpc (or empty)
  std::string address;                   // BYOIP: refused
  std::string public_ipv4_pool;          // amazon (or empty)
  std::string network_border_group;      // the region (or empty)
  std::string customer_owned_ipv4_pool;  // refused
  std::string ipam_pool_id;              // refused
  std::vector<TagSpecification> tag_specifications;
};

struct AssociateAddressRequest {
  std::string allocation_id;
  std::string public_ip;  // EC2-Classic's form: refused for VPC addresses as AWS does
  std::string instance_id;
  std::string network_interface_id;
  std::string private_ip;
  bool allow_reassociation = false;
};

struct DescribeAddressesRequest {
  std::vector<std::string> allocation_ids;
  std::vector<std::string> public_ips;
  std::vector<Filter> filters;
};

// A new Elastic IP (tags from TagSpecifications of type elastic-ip). Errors: InvalidParameterValue
// (Domain standard, Address, PublicIpv4Pool other than amazon, NetworkBorderGroup other than the region,
// CustomerOwnedIpv4Pool, IpamPoolId, tags), AddressLimitExceeded (5 already allocated), TagLimitExceeded.
Result<Address> AllocateAddress(Ec2& ec2, const Caller& caller, const AllocateAddressRequest& request);

// Associates the address with an interface (NetworkInterfaceId, or InstanceId's only interface) at
// PrivateIpAddress (default: the primary one); returns the association id (eipassoc-…). The interface's
// public address becomes the Elastic IP (a launch public address is given back). Errors:
// MissingParameter, InvalidParameterCombination (PublicIp without AllocationId, both or neither of
// InstanceId and NetworkInterfaceId), InvalidAllocationID.*, InvalidInstanceID.* (also an instance with
// several interfaces or none), IncorrectInstanceState, InvalidNetworkInterfaceID.*, InvalidParameterValue
// (a private address the interface does not have), Gateway.NotAttached (no internet gateway on the
// interface's VPC), Resource.AlreadyAssociated (the address or that private address is associated and
// AllowReassociation is false).
Result<std::string> AssociateAddress(Ec2& ec2, const Caller& caller, const AssociateAddressRequest& request);

// Ends the association `association_id`. The interface is left without a public address, unless the launch
// gave it one and its instance is running: then it gets a new one, as on AWS. Errors:
// MissingParameter, InvalidParameterCombination (PublicIp instead), InvalidAssociationID.NotFound.
Status DisassociateAddress(Ec2& ec2, const Caller& caller, const std::string& association_id,
                           const std::string& public_ip);

// Releases the address. Errors: MissingParameter, InvalidParameterValue (PublicIp only: a VPC address
// needs its allocation id; a NetworkBorderGroup other than the region), InvalidParameterCombination (both),
// InvalidAllocationID.*, InvalidIPAddress.InUse (still associated).
Status ReleaseAddress(Ec2& ec2, const Caller& caller, const std::string& allocation_id,
                      const std::string& public_ip, const std::string& network_border_group);

// The addresses named by allocation id or public IP (all when neither), filtered, in allocation id order
// (AWS does not paginate DescribeAddresses). Errors: unknown filter, InvalidAllocationID.*,
// InvalidAddress.NotFound (a public IP the caller has not allocated).
Result<std::vector<Address>> DescribeAddresses(Ec2& ec2, const Caller& caller,
                                               const DescribeAddressesRequest& request);

// DescribeAddressesAttribute: the addresses named (all when none), paginated in allocation id order, for
// `attribute` domain-name (or none). localec2 never sets a reverse DNS (PTR) record, so there is nothing
// more to answer. Errors: InvalidParameterValue (another attribute, MaxResults outside 1–1000),
// InvalidPaginationToken, InvalidAllocationID.*.
Result<Page<Address>> DescribeAddressesAttribute(Ec2& ec2, const Caller& caller,
                                                 const std::vector<std::string>& allocation_ids,
                                                 const std::string& attribute, const PageRequest& page);

}  // namespace localec2::model
