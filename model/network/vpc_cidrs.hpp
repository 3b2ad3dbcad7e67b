// The rules on a VPC's IPv4 blocks shared by CreateVpc, AssociateVpcCidrBlock and CreateSubnet, and what
// DeleteVpc, DeleteSubnet and the CIDR calls look up: a VPC's main route table, a NAT gateway in place.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/core/partition.hpp"
#include "model/core/resources.hpp"
#include "model/core/result.hpp"
#include "model/network/addressing.hpp"

namespace localec2::model {

// `text` as a CIDR block. Errors: MissingParameter (empty), InvalidParameterValue naming `parameter`
// (not a block, or host bits set).
Result<Cidr> ParseVpcCidr(const std::string& text, std::string_view parameter);
// Errors: InvalidVpc.Range unless the block is /16 to /28.
Status CheckVpcCidrSize(const Cidr& cidr, const std::string& text);
// Whether `cidr` may join `vpc`'s blocks. Errors: InvalidVpc.Range (overlaps a block of the VPC, or lies
// in 198.19.0.0/16, which AWS restricts for every VPC).
Status CheckSecondaryCidr(const Vpc& vpc, const Cidr& cidr);
// The VPC's associated IPv4 blocks, the primary first.
std::vector<Cidr> VpcCidrs(const Vpc& vpc);
// The table's main association, or null.
const RouteTableAssociation* MainAssociationOf(const RouteTable& table);
// The main route table of `vpc_id`, or null.
const RouteTable* MainRouteTableOf(const Partition& p, const std::string& vpc_id);

}  // namespace localec2::model
