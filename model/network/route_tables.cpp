// Route tables' lifecycle and associations (route_tables.hpp).
#include "model/network/route_tables.hpp"

#include <algorithm>

#include "model/core/tx.hpp"

namespace localec2::model {
namespace {

struct FoundAssociation {
  const RouteTable* table = nullptr;
  const RouteTableAssociation* association = nullptr;
};

Result<FoundAssociation> FindAssociation(const Partition& p, const std::string& association_id) {
  for (const auto& [id, table] : p.route_tables) {
    for (const RouteTableAssociation& association : table.associations) {
      if (association.association_id == association_id) return FoundAssociation{&table, &association};
    }
  }
  return MakeError(codes::kAssociationIdNotFound,
                   "The association ID '" + association_id + "' does not exist");
}

// The table with an explicit association for the subnet or gateway `target_id`, or null.
const RouteTable* ExplicitlyAssociated(const Partition& p, const std::string& target_id) {
  for (const auto& [id, table] : p.route_tables) {
    for (const RouteTableAssociation& association : table.associations) {
      if (association.subnet_id == target_id || association.gateway_id == target_id) return &table;
    }
  }
  return nullptr;
}

// Checks the subnet or gateway of `request` can be associated with `table`.
Status CheckAssociationTarget(const View& view, const RouteTable& table,
                              const AssociateRouteTableRequest& request) {
  if (request.subnet_id.empty() == request.gateway_id.empty()) {
    if (request.subnet_id.empty()) {
      return MakeError(codes::kMissingParameter,
                       "The request must contain the parameter subnetId or gatewayId");
    }
    return MakeError(codes::kInvalidParameterCombination,
                     "The parameter subnetId cannot be used with the parameter gatewayId");
  }
  std::string target_vpc;
  if (!request.subnet_id.empty()) {
    auto subnet = view.Find<Subnet>(request.subnet_id);
    if (!subnet) return std::move(subnet).error();
    target_vpc = (*subnet)->vpc_id;
  } else {
    auto gateway = view.Find<InternetGateway>(request.gateway_id);
    if (!gateway) return std::move(gateway).error();
    target_vpc = (*gateway)->vpc_id;
  }
  const std::string& target_id = request.subnet_id.empty() ? request.gateway_id : request.subnet_id;
  if (target_vpc != table.vpc_id) {
    const char* kind = request.subnet_id.empty() ? " and network gateway " : " and subnet ";
    return MakeError(codes::kInvalidParameterValue, "Route table " + table.route_table_id + kind + target_id +
                                                        " belong to different networks");
  }
  if (const RouteTable* current = ExplicitlyAssociated(view.partition(), target_id)) {
    return MakeError(codes::kResourceAlreadyAssociated, "the specified association for route table " +
                                                            current->route_table_id +
                                                            " conflicts with an existing association");
  }
  return Ok{};
}

}  // namespace

Result<RouteTable> CreateRouteTable(Ec2& ec2, const Caller& caller, const CreateRouteTableRequest& request) {
  auto tags = TagsFor(request.tag_specifications, "route-table", {"route-table"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<RouteTable> {
    if (!request.client_token.empty()) {
      for (const auto& [id, earlier] : tx.partition().route_tables) {
        if (earlier.client_token == request.client_token) return earlier;
      }
    }
    auto vpc = tx.Find<Vpc>(request.vpc_id);
    if (!vpc) return std::move(vpc).error();
    RouteTable table;
    table.route_table_id = tx.NewId("rtb");
    table.vpc_id = request.vpc_id;
    table.owner_id = tx.caller().account_id;
    std::vector<std::string> blocks = {(*vpc)->cidr_block};
    for (const VpcCidrAssociation& secondary : (*vpc)->secondary_cidrs) {
      if (secondary.state == "associated") blocks.push_back(secondary.cidr_block);
    }
    for (const std::string& block : blocks) {
      Route local;
      local.destination_cidr_block = block;
      local.gateway_id = "local";
      local.origin = "CreateRouteTable";
      table.routes.push_back(local);
    }
    table.client_token = request.client_token;
    table.tags = *tags;
    tx.Put(table);
    return table;
  });
}

Status DeleteRouteTable(Ec2& ec2, const Caller& caller, const std::string& route_table_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto table = tx.Find<RouteTable>(route_table_id);
    if (!table) return std::move(table).error();
    if (!(*table)->associations.empty()) {
      return MakeError(codes::kDependencyViolation,
                       "The routeTable '" + route_table_id + "' has dependencies and cannot be deleted.");
    }
    tx.Erase<RouteTable>(route_table_id);
    return Ok{};
  });
}

Result<RouteTableAssociation> AssociateRouteTable(Ec2& ec2, const Caller& caller,
                                                  const AssociateRouteTableRequest& request) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<RouteTableAssociation> {
    auto table = tx.Find<RouteTable>(request.route_table_id);
    if (!table) return std::move(table).error();
    if (auto valid = CheckAssociationTarget(tx, **table, request); !valid) return std::move(valid).error();
    RouteTableAssociation association;
    association.association_id = tx.NewId("rtbassoc");
    association.subnet_id = request.subnet_id;
    association.gateway_id = request.gateway_id;
    RouteTable changed = **table;
    changed.associations.push_back(association);
    tx.Put(changed);
    return association;
  });
}

Status DisassociateRouteTable(Ec2& ec2, const Caller& caller, const std::string& association_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto found = FindAssociation(tx.partition(), association_id);
    if (!found) return std::move(found).error();
    if (found->association->main) {
      return MakeError(codes::kInvalidParameterValue,
                       "cannot disassociate the main route table association " + association_id);
    }
    RouteTable changed = *found->table;
    std::erase_if(changed.associations,
                  [&](const RouteTableAssociation& a) { return a.association_id == association_id; });
    tx.Put(changed);
    return Ok{};
  });
}

Result<RouteTableAssociation> ReplaceRouteTableAssociation(Ec2& ec2, const Caller& caller,
                                                           const std::string& association_id,
                                                           const std::string& route_table_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<RouteTableAssociation> {
    auto found = FindAssociation(tx.partition(), association_id);
    if (!found) return std::move(found).error();
    auto target = tx.Find<RouteTable>(route_table_id);
    if (!target) return std::move(target).error();
    if ((*target)->vpc_id != found->table->vpc_id) {
      return MakeError(codes::kInvalidParameterValue, "Route table " + route_table_id + " and association " +
                                                          association_id + " belong to different networks");
    }
    RouteTableAssociation moved = *found->association;
    moved.association_id = tx.NewId("rtbassoc");
    RouteTable old_table = *found->table;
    std::erase_if(old_table.associations,
                  [&](const RouteTableAssociation& a) { return a.association_id == association_id; });
    if (old_table.route_table_id == route_table_id) {
      old_table.associations.push_back(moved);
      tx.Put(old_table);
      return moved;
    }
    RouteTable new_table = **target;
    new_table.associations.push_back(moved);
    tx.Put(old_table);
    tx.Put(new_table);
    return moved;
  });
}

}  // namespace localec2::model
