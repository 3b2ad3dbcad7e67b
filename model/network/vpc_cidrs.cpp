#include "model/network/vpc_cidrs.hpp"

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
    if (auto block = ParseCidr(a.cidr_block); block && a.state == "associated") blocks.push_back(*block);
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
  // The RFC 1918 ranges a secondary block may not come from, by the primary block's range; 198.19.0.0/16
  // is AWS's own and restricted for every VPC.
  const Cidr primary = *ParseCidr(vpc.cidr_block);
  const Cidr ten = Block("10.0.0.0/8"), one_seven_two = Block("172.16.0.0/12"),
             one_nine_two = Block("192.168.0.0/16");
  std::vector<Cidr> restricted = {Block("198.19.0.0/16")};
  for (const Cidr& range : {ten, one_seven_two, one_nine_two}) {
    if (range.Contains(primary)) {
      for (const Cidr& other : {ten, one_seven_two, one_nine_two}) {
        if (other.base != range.base) restricted.push_back(other);
      }
    }
  }
  for (const Cidr& range : restricted) {
    if (range.Overlaps(cidr)) {
      return MakeError(codes::kVpcRange,
                       "The CIDR '" + text +
                           "' is restricted. Use a CIDR from the same private "
                           "address range as the current VPC CIDR, or use a publicly-routable CIDR.");
    }
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
