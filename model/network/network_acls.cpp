// Network ACLs' lifecycle, subnet associations and DescribeNetworkAcls (network_acls.hpp).
#include "model/network/network_acls.hpp"

#include <algorithm>

#include "model/core/describe.hpp"
#include "model/core/tx.hpp"
#include "model/network/vpc_defaults.hpp"

namespace localec2::model {
namespace {

#define LOCALEC2_EACH_ENTRY(expr)                                              \
  [](const NetworkAcl& acl, std::string_view, std::vector<std::string>& out) { \
    for (const NetworkAclEntry& e : acl.entries) out.push_back(expr);          \
  }
#define LOCALEC2_EACH_ACL_ASSOCIATION(expr)                                      \
  [](const NetworkAcl& acl, std::string_view, std::vector<std::string>& out) {   \
    for (const NetworkAclAssociation& a : acl.associations) out.push_back(expr); \
  }

constexpr FilterField<NetworkAcl> kNetworkAclFilters[] = {
    {"network-acl-id",
     [](const NetworkAcl& a, std::string_view, auto& out) { out.push_back(a.network_acl_id); }},
    {"vpc-id", [](const NetworkAcl& a, std::string_view, auto& out) { out.push_back(a.vpc_id); }},
    {"owner-id", [](const NetworkAcl& a, std::string_view, auto& out) { out.push_back(a.owner_id); }},
    {"default",
     [](const NetworkAcl& a, std::string_view, auto& out) { out.push_back(BoolText(a.is_default)); }},
    {"association.association-id", LOCALEC2_EACH_ACL_ASSOCIATION(a.association_id)},
    {"association.network-acl-id",
     [](const NetworkAcl& acl, std::string_view, auto& out) {
       if (!acl.associations.empty()) out.push_back(acl.network_acl_id);
     }},
    {"association.subnet-id", LOCALEC2_EACH_ACL_ASSOCIATION(a.subnet_id)},
    {"entry.cidr", LOCALEC2_EACH_ENTRY(e.cidr_block)},
    {"entry.egress", LOCALEC2_EACH_ENTRY(BoolText(e.egress))},
    {"entry.icmp.code", LOCALEC2_EACH_ENTRY(std::to_string(e.icmp_code))},
    {"entry.icmp.type", LOCALEC2_EACH_ENTRY(std::to_string(e.icmp_type))},
    {"entry.port-range.from", LOCALEC2_EACH_ENTRY(std::to_string(e.from_port))},
    {"entry.port-range.to", LOCALEC2_EACH_ENTRY(std::to_string(e.to_port))},
    {"entry.protocol", LOCALEC2_EACH_ENTRY(e.protocol)},
    {"entry.rule-action", LOCALEC2_EACH_ENTRY(e.rule_action)},
    {"entry.rule-number", LOCALEC2_EACH_ENTRY(std::to_string(e.rule_number))},
    LOCALEC2_TAG_FILTERS(NetworkAcl),
};

#undef LOCALEC2_EACH_ENTRY
#undef LOCALEC2_EACH_ACL_ASSOCIATION

}  // namespace

Result<NetworkAcl> CreateNetworkAcl(Ec2& ec2, const Caller& caller, const CreateNetworkAclRequest& request) {
  auto tags = TagsFor(request.tag_specifications, "network-acl", {"network-acl"});
  if (!tags) return std::move(tags).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<NetworkAcl> {
    if (!request.client_token.empty()) {
      for (const auto& [id, earlier] : tx.partition().network_acls) {
        if (earlier.client_token == request.client_token) return earlier;
      }
    }
    if (auto vpc = tx.Find<Vpc>(request.vpc_id); !vpc) return std::move(vpc).error();
    NetworkAcl acl;
    acl.network_acl_id = tx.NewId("acl");
    acl.vpc_id = request.vpc_id;
    acl.owner_id = tx.caller().account_id;
    acl.entries = CatchAllDenyEntries();
    acl.client_token = request.client_token;
    acl.tags = *tags;
    tx.Put(acl);
    return acl;
  });
}

Status DeleteNetworkAcl(Ec2& ec2, const Caller& caller, const std::string& network_acl_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Status {
    auto acl = tx.Find<NetworkAcl>(network_acl_id);
    if (!acl) return std::move(acl).error();
    if ((*acl)->is_default) {
      return MakeError(codes::kInvalidParameterValue, "cannot delete default network ACL " + network_acl_id);
    }
    if (!(*acl)->associations.empty()) {
      return MakeError(codes::kDependencyViolation,
                       "The networkAcl '" + network_acl_id + "' has dependencies and cannot be deleted.");
    }
    tx.Erase<NetworkAcl>(network_acl_id);
    return Ok{};
  });
}

Result<std::string> ReplaceNetworkAclAssociation(Ec2& ec2, const Caller& caller,
                                                 const std::string& association_id,
                                                 const std::string& network_acl_id) {
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    const NetworkAcl* current = nullptr;
    std::string subnet_id;
    for (const auto& [id, acl] : tx.partition().network_acls) {
      for (const NetworkAclAssociation& association : acl.associations) {
        if (association.association_id == association_id) {
          current = &acl;
          subnet_id = association.subnet_id;
        }
      }
    }
    if (current == nullptr) {
      return MakeError(codes::kAssociationIdNotFound,
                       "The association ID '" + association_id + "' does not exist");
    }
    auto target = tx.Find<NetworkAcl>(network_acl_id);
    if (!target) return std::move(target).error();
    if ((*target)->vpc_id != current->vpc_id) {
      return MakeError(codes::kInvalidParameterValue, "Network ACL " + network_acl_id + " and subnet " +
                                                          subnet_id + " belong to different networks");
    }
    NetworkAclAssociation moved{tx.NewId("aclassoc"), subnet_id};
    NetworkAcl old_acl = *current;
    std::erase_if(old_acl.associations,
                  [&](const NetworkAclAssociation& a) { return a.association_id == association_id; });
    NetworkAcl new_acl = old_acl.network_acl_id == network_acl_id ? old_acl : **target;
    new_acl.associations.push_back(moved);
    if (old_acl.network_acl_id != network_acl_id) tx.Put(old_acl);
    tx.Put(new_acl);
    return moved.association_id;
  });
}

Result<Page<NetworkAcl>> DescribeNetworkAcls(Ec2& ec2, const Caller& caller,
                                             const DescribeNetworkAclsRequest& request) {
  return ec2.Read(caller, [&](const View& view) {
    return DescribeById<NetworkAcl>(view, request.network_acl_ids, request.filters, kNetworkAclFilters,
                                    request.page);
  });
}

}  // namespace localec2::model
