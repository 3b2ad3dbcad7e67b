// Route tables, associations, routes and their derived states (model/network/route_tables.hpp).
#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "model/network/gateways.hpp"
#include "model/network/interface_records.hpp"
#include "model/network/route_tables.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct RouteFixture : test::ModelFixture {
  std::string vpc_id = DescribeVpcs(ec2, alice, {})->items[0].vpc_id;
  std::vector<model::Subnet> subnets = DescribeSubnets(ec2, alice, {})->items;
  std::string igw_id = DescribeInternetGateways(ec2, alice, {})->items.at(0).internet_gateway_id;

  model::DescribedRouteTable Table(const std::string& id) {
    return DescribeRouteTables(ec2, alice, {{id}, {}, {}})->items.at(0);
  }
  model::DescribedRouteTable MainTable() {
    return DescribeRouteTables(ec2, alice, {{}, {{"association.main", {"true"}}}, {}})->items.at(0);
  }
  model::RouteRequest To(const std::string& table, const std::string& cidr) {
    model::RouteRequest request;
    request.route_table_id = table;
    request.destination_cidr_block = cidr;
    return request;
  }
};

}  // namespace

TEST_CASE_METHOD(RouteFixture, "the default VPC's main table routes the Internet through its gateway",
                 "[model][network][routes]") {
  model::DescribedRouteTable main = MainTable();
  CHECK(main.vpc_id == vpc_id);
  REQUIRE(main.routes.size() == 2);
  CHECK(main.routes[0].destination_cidr_block == "172.31.0.0/16");
  CHECK(main.routes[0].gateway_id == "local");
  CHECK(main.routes[0].origin == "CreateRouteTable");
  CHECK(main.routes[1].gateway_id == igw_id);
  CHECK(main.route_states == std::vector<std::string>{"active", "active"});
  REQUIRE(DetachInternetGateway(ec2, alice, igw_id, vpc_id));
  CHECK(MainTable().route_states == std::vector<std::string>{"active", "blackhole"});
  auto blackholes = DescribeRouteTables(ec2, alice, {{}, {{"route.state", {"blackhole"}}}, {}});
  CHECK(blackholes->items.size() == 1);
}

TEST_CASE_METHOD(RouteFixture, "routes: one per destination, the local one fixed, targets of the table's VPC",
                 "[model][network][routes]") {
  auto table = CreateRouteTable(ec2, alice, {vpc_id, "", {{"route-table", {{"tier", "private"}}}}});
  REQUIRE(table);
  const std::string id = table->route_table_id;
  REQUIRE(table->routes.size() == 1);
  CHECK(table->routes[0].destination_cidr_block == "172.31.0.0/16");
  CHECK(table->associations.empty());

  model::RouteRequest internet = To(id, "0.0.0.0/0");
  internet.gateway_id = igw_id;
  REQUIRE(CreateRoute(ec2, alice, internet));
  CHECK(CodeOf(CreateRoute(ec2, alice, internet)) == "RouteAlreadyExists");
  model::RouteRequest loose = To(id, "10.1.2.3/8");  // host bits set: normalised
  loose.gateway_id = igw_id;
  REQUIRE(CreateRoute(ec2, alice, loose));
  CHECK(Table(id).routes.back().destination_cidr_block == "10.0.0.0/8");
  CHECK(Table(id).routes.back().origin == "CreateRoute");

  auto detached = CreateInternetGateway(ec2, alice, {});
  const int commits = store.commits;
  CHECK(CodeOf(CreateRoute(ec2, alice, To(id, "192.168.0.0/16"))) == "MissingParameter");
  model::RouteRequest two_targets = To(id, "192.168.0.0/16");
  two_targets.gateway_id = igw_id;
  two_targets.nat_gateway_id = "nat-12345678";
  CHECK(CodeOf(CreateRoute(ec2, alice, two_targets)) == "InvalidParameterCombination");
  model::RouteRequest bad_cidr = To(id, "300.0.0.0/8");
  bad_cidr.gateway_id = igw_id;
  CHECK(CodeOf(CreateRoute(ec2, alice, bad_cidr)) == "InvalidParameterValue");
  model::RouteRequest peering = To(id, "192.168.0.0/16");
  peering.unsupported = "VpcPeeringConnectionId";
  CHECK(CreateRoute(ec2, alice, peering).error().message.find("VpcPeeringConnectionId") != std::string::npos);
  model::RouteRequest other_network = To(id, "192.168.0.0/16");
  other_network.gateway_id = detached->internet_gateway_id;
  auto elsewhere = CreateRoute(ec2, alice, other_network);
  CHECK(CodeOf(elsewhere) == "InvalidParameterValue");
  CHECK(elsewhere.error().message == "route table " + id + " and network gateway " +
                                         detached->internet_gateway_id + " belong to different networks");
  model::RouteRequest not_a_gateway = To(id, "192.168.0.0/16");
  not_a_gateway.gateway_id = "eni-12345678";
  CHECK(CodeOf(CreateRoute(ec2, alice, not_a_gateway)) == "InvalidGatewayID.NotFound");
  model::RouteRequest inside_vpc = To(id, "172.31.5.0/24");  // more specific than the local route
  inside_vpc.gateway_id = igw_id;
  CHECK(CodeOf(CreateRoute(ec2, alice, inside_vpc)) == "InvalidParameterValue");
  model::RouteRequest missing_nat = To(id, "192.168.0.0/16");
  missing_nat.nat_gateway_id = "nat-12345678";
  CHECK(CodeOf(CreateRoute(ec2, alice, missing_nat)) == "NatGatewayNotFound");
  model::RouteRequest replace_missing = To(id, "192.168.0.0/16");
  replace_missing.gateway_id = igw_id;
  CHECK(CodeOf(ReplaceRoute(ec2, alice, replace_missing)) == "InvalidParameterValue");
  model::RouteRequest replace_local = To(id, "172.31.0.0/16");
  replace_local.gateway_id = igw_id;
  CHECK(CodeOf(ReplaceRoute(ec2, alice, replace_local)) == "InvalidParameterValue");
  CHECK(CodeOf(DeleteRoute(ec2, alice, To(id, "172.31.0.0/16"))) == "InvalidParameterValue");
  CHECK(CodeOf(DeleteRoute(ec2, alice, To(id, "192.168.0.0/16"))) == "InvalidRoute.NotFound");
  CHECK(CodeOf(DeleteRoute(ec2, alice, To("rtb-12345678", "0.0.0.0/0"))) == "InvalidRouteTableID.NotFound");
  CHECK(store.commits == commits);

  auto nat = CreateNatGateway(ec2, alice, {subnets[0].subnet_id, "private", "", "", "", {}, ""});
  REQUIRE(nat);
  model::RouteRequest via_nat = To(id, "0.0.0.0/0");
  via_nat.nat_gateway_id = nat->nat_gateway_id;
  via_nat.gateway_id = nat->nat_gateway_id;  // AWS takes a NAT gateway's id in GatewayId too
  CHECK(CodeOf(ReplaceRoute(ec2, alice, via_nat)) == "InvalidParameterCombination");
  via_nat.nat_gateway_id.clear();
  REQUIRE(ReplaceRoute(ec2, alice, via_nat));
  model::Route replaced = Table(id).routes[1];
  CHECK(replaced.nat_gateway_id == nat->nat_gateway_id);
  CHECK(replaced.gateway_id.empty());
  CHECK(Table(id).route_states[1] == "active");
  auto by_nat = DescribeRouteTables(ec2, alice, {{}, {{"route.nat-gateway-id", {nat->nat_gateway_id}}}, {}});
  CHECK(by_nat->items.size() == 1);
  REQUIRE(DeleteNatGateway(ec2, alice, nat->nat_gateway_id));
  CHECK(Table(id).route_states[1] == "blackhole");

  REQUIRE(DeleteRoute(ec2, alice, To(id, "0.0.0.0/0")));
  CHECK(Table(id).routes.size() == 2);
  CHECK(DescribeRouteTables(ec2, alice, {{}, {{"tag:tier", {"private"}}}, {}})->items.size() == 1);
}

TEST_CASE_METHOD(RouteFixture, "associations: one explicit table per subnet, and the main one moves",
                 "[model][network][routes]") {
  const std::string main_id = MainTable().route_table_id;
  const std::string main_association = MainTable().associations.at(0).association_id;
  auto table = CreateRouteTable(ec2, alice, {vpc_id, "tok", {}});
  REQUIRE(table);
  const std::string id = table->route_table_id;
  CHECK(CreateRouteTable(ec2, alice, {vpc_id, "tok", {}})->route_table_id == id);  // idempotent

  auto association = AssociateRouteTable(ec2, alice, {id, subnets[0].subnet_id, ""});
  REQUIRE(association);
  CHECK(association->association_id.starts_with("rtbassoc-"));
  CHECK(CodeOf(AssociateRouteTable(ec2, alice, {main_id, subnets[0].subnet_id, ""})) ==
        "Resource.AlreadyAssociated");
  CHECK(CodeOf(AssociateRouteTable(ec2, alice, {id, "", ""})) == "MissingParameter");
  CHECK(CodeOf(AssociateRouteTable(ec2, alice, {id, "subnet-12345678", ""})) == "InvalidSubnetID.NotFound");
  CHECK(CodeOf(DeleteRouteTable(ec2, alice, id)) == "DependencyViolation");
  CHECK(CodeOf(DeleteRouteTable(ec2, alice, main_id)) == "DependencyViolation");
  CHECK(CodeOf(DisassociateRouteTable(ec2, alice, main_association)) == "InvalidParameterValue");
  CHECK(CodeOf(DisassociateRouteTable(ec2, alice, "rtbassoc-12345678")) == "InvalidAssociationID.NotFound");
  auto by_subnet =
      DescribeRouteTables(ec2, alice, {{}, {{"association.subnet-id", {subnets[0].subnet_id}}}, {}});
  REQUIRE(by_subnet->items.size() == 1);
  CHECK(by_subnet->items[0].route_table_id == id);

  REQUIRE(DisassociateRouteTable(ec2, alice, association->association_id));
  CHECK(Table(id).associations.empty());

  auto moved = ReplaceRouteTableAssociation(ec2, alice, main_association, id);
  REQUIRE(moved);
  CHECK(moved->main);
  CHECK(moved->association_id != main_association);
  CHECK(MainTable().route_table_id == id);
  CHECK(Table(main_id).associations.empty());
  REQUIRE(DeleteRouteTable(ec2, alice, main_id));
  CHECK(CodeOf(DescribeRouteTables(ec2, alice, {{main_id}, {}, {}})) == "InvalidRouteTableID.NotFound");
  CHECK(CodeOf(DescribeRouteTables(ec2, alice, {{"rtb-bad"}, {}, {}})) == "InvalidRouteTableId.Malformed");
}

TEST_CASE_METHOD(RouteFixture, "route tables are paginated in id order", "[model][network][routes]") {
  for (int i = 0; i < 6; ++i) REQUIRE(CreateRouteTable(ec2, alice, {vpc_id, "", {}}));
  model::PageRequest first_page{5, std::nullopt};
  auto first = DescribeRouteTables(ec2, alice, {{}, {}, first_page});
  REQUIRE(first);
  CHECK(first->items.size() == 5);
  REQUIRE_FALSE(first->next_token.empty());
  auto second = DescribeRouteTables(ec2, alice, {{}, {}, {5, first->next_token}});
  CHECK(second->items.size() == 2);  // seven in all with the main one
  CHECK(second->next_token.empty());
  CHECK(DescribeRouteTables(ec2, bob, {})->items.size() == 1);  // accounts do not see each other's
  model::PageRequest too_large{101, std::nullopt};              // DescribeRouteTables' MaxResults is 5–100
  CHECK(CodeOf(DescribeRouteTables(ec2, alice, {{}, {}, too_large})) == "InvalidParameterValue");
}

TEST_CASE_METHOD(RouteFixture, "a route to an interface is active while the interface exists",
                 "[model][network][routes]") {
  // An interface put directly (CreateNetworkInterface belongs to another part of the family).
  const std::string eni_id = *ec2.Write(alice, [&](model::Tx& tx) -> model::Result<std::string> {
    model::PrivateAddressAllocator addresses(tx.partition(), subnets[0]);
    model::NetworkInterface eni = model::NewInterface(tx, subnets[0], *addresses.Next(), {});
    tx.Put(eni);
    return eni.network_interface_id;
  });
  const std::string id = MainTable().route_table_id;
  model::RouteRequest inside_vpc = To(id, "172.31.5.0/24");  // more specific routing may go to an interface
  inside_vpc.network_interface_id = eni_id;
  REQUIRE(CreateRoute(ec2, alice, inside_vpc));
  model::DescribedRouteTable table = MainTable();
  REQUIRE(table.routes.size() == 3);
  CHECK(table.routes[2].network_interface_id == eni_id);
  CHECK(table.route_states[2] == "active");
  REQUIRE(ec2.Write(alice, [&](model::Tx& tx) -> model::Status {
    tx.Erase<model::NetworkInterface>(eni_id);
    return model::Ok{};
  }));
  CHECK(MainTable().route_states[2] == "blackhole");
  model::RouteRequest to_missing = To(id, "10.0.0.0/8");
  to_missing.network_interface_id = eni_id;
  CHECK(CodeOf(CreateRoute(ec2, alice, to_missing)) == "InvalidNetworkInterfaceID.NotFound");
}

TEST_CASE_METHOD(RouteFixture, "a table and what it is associated with must share a VPC",
                 "[model][network][routes]") {
  // A second VPC with one subnet, put directly (CreateVpc belongs to another part of the family).
  const std::string other_subnet = *ec2.Write(alice, [&](model::Tx& tx) -> model::Result<std::string> {
    model::Vpc vpc;
    vpc.vpc_id = tx.NewId("vpc");
    vpc.cidr_block = "10.0.0.0/16";
    vpc.owner_id = alice.account_id;
    model::Subnet subnet = subnets[0];
    subnet.subnet_id = tx.NewId("subnet");
    subnet.vpc_id = vpc.vpc_id;
    subnet.cidr_block = "10.0.1.0/24";
    tx.Put(vpc);
    tx.Put(subnet);
    return subnet.subnet_id;
  });
  const std::string main_id = MainTable().route_table_id;
  auto refused = AssociateRouteTable(ec2, alice, {main_id, other_subnet, ""});
  CHECK(CodeOf(refused) == "InvalidParameterValue");
  CHECK(refused.error().message ==
        "Route table " + main_id + " and subnet " + other_subnet + " belong to different networks");
  const std::string other_vpc = DescribeSubnets(ec2, alice, {{other_subnet}, {}, {}})->items.at(0).vpc_id;
  auto other_table = CreateRouteTable(ec2, alice, {other_vpc, "", {}});
  REQUIRE(other_table);
  REQUIRE(other_table->routes.size() == 1);
  CHECK(other_table->routes[0].destination_cidr_block == "10.0.0.0/16");
  const std::string main_association = MainTable().associations.at(0).association_id;
  CHECK(CodeOf(ReplaceRouteTableAssociation(ec2, alice, main_association, other_table->route_table_id)) ==
        "InvalidParameterValue");
  model::RouteRequest internet = To(other_table->route_table_id, "0.0.0.0/0");
  internet.gateway_id = igw_id;  // attached to the default VPC
  CHECK(CodeOf(CreateRoute(ec2, alice, internet)) == "InvalidParameterValue");
  REQUIRE(AssociateRouteTable(ec2, alice, {other_table->route_table_id, other_subnet, ""}));
}
