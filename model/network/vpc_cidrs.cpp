#include "model/network/vpc_cidrs.hpp"

#include "model/core/states.hpp"

namespace localec2::model {
namespace {

Cidr Block(const char* text) { return *ParseCidr(text); }

}  // namespace

Result<Cidr> ParseVpcCidr(const std::string& text, std::string_view parameter) {
  if (text.empty()) {
    return MakeError(codes::kMissingParameter,
                     "The request must contain the parameter " + std::string(parameter));
  }
  auto cidr = ParseCidr(text);
  if (!cidr) {
    return MakeError(codes::kInvalidParameterValue, "Value (" + text + ") for parameter " +
                                                        std::string(parameter) +
                                                        " is invalid. This is not a valid CIDR block.");
  }
  return *cidr;
}

Status CheckVpcCidrSize(const Cidr& cidr, const std::string& text) {
  if (cidr.prefix < 16 || cidr.prefix > 28) {
    return MakeError(codes::kVpcRange, "The CIDR '" + text + "' is invalid.");
  }
  return Ok{};
}

std::vector<Cidr> VpcCidrs(const Vpc& vpc) {
  std::vector<Cidr> blocks;
  if (auto primary = ParseCidr(vpc.cidr_block)) blocks.push_back(*primary);
  for (const VpcCidrAssociation& a : vpc.secondary_cidrs) {
    if (auto block = ParseCidr(a.cidr_block); block && a.state == states::kAssociated)
      blocks.push_back(*block);
  }
  return blocks;
}

Status CheckSecondaryCidr(const Vpc& vpc, const Cidr& cidr) {
  const std::string text = CidrText(cidr);
  for (const Cidr& block : VpcCidrs(vpc)) {
    if (block.Overlaps(cidr)) {
      return MakeError(
          codes::kVpcRange,
          "The CIDR '" + text + "' conflicts with another CIDR block of the VPC '" + vpc.vpc_id + "'.");
    }
  }
  // AWS keeps 198.19.0.0/16 for itself: no VPC may add a block from it. (AWS's older table also kept a
  // VPC to one RFC 1918 range; its current documentation lets them mix, so localec2 does not refuse that.)
  if (Block("198.19.0.0/16").Overlaps(cidr)) {
    return MakeError(codes::kVpcRange, "The CIDR '" + text + "' is restricted.");
  }
  return Ok{};
}

const RouteTableAssociation* MainAssociationOf(const RouteTable& table) {
  for (const RouteTableAssociation& a : table.associations) {
    if (a.main) return &a;
  }
  return nullptr;
}

const RouteTable* MainRouteTableOf(const Partition& p, const std::string& vpc_id) {
  for (const auto& [id, table] : p.route_tables) {
    if (table.vpc_id == vpc_id && MainAssociationOf(table) != nullptr) return &table;
  }
  return nullptr;
}

}  // namespace localec2::model
