#include <catch2/catch.hpp>

#include "tests/unit/model/network_eni_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

model::AssociateAddressRequest ToInterface(const std::string& allocation_id, const std::string& eni_id,
                                           const std::string& private_ip = "", bool allow = false) {
  model::AssociateAddressRequest request;
  request.allocation_id = allocation_id;
  request.network_interface_id = eni_id;
  request.private_ip = private_ip;
  request.allow_reassociation = allow;
  return request;
}

}  // namespace

TEST_CASE_METHOD(test::EniFixture, "an Elastic IP comes from the documentation blocks, five per region",
                 "[model][network][address]") {
  std::vector<std::string> ips;
  for (int i = 0; i < model::kMaxElasticIps; ++i) {
    model::Address a = Allocate();
    CHECK(a.allocation_id.starts_with("eipalloc-"));
    CHECK(a.domain == "vpc");
    CHECK(a.network_border_group == "us-east-1");
    CHECK(a.public_ipv4_pool == "amazon");
    CHECK((a.public_ip.starts_with("198.51.100.") || a.public_ip.starts_with("203.0.113.")));
    ips.push_back(a.public_ip);
  }
  std::sort(ips.begin(), ips.end());
  CHECK(std::unique(ips.begin(), ips.end()) == ips.end());
  CHECK(CodeOf(model::AllocateAddress(ec2, alice, {})) == "AddressLimitExceeded");
  CHECK(model::AllocateAddress(ec2, bob, {}));  // another account has its own quota
  CHECK(model::AllocateAddress(ec2, alice_eu, {}));
}

TEST_CASE_METHOD(test::EniFixture, "AllocateAddress refuses what it does not emulate by name",
                 "[model][network][address]") {
  model::AllocateAddressRequest request;
  request.domain = "standard";
  auto refused = model::AllocateAddress(ec2, alice, request);
  CHECK(CodeOf(refused) == "InvalidParameterValue");
  CHECK(refused.error().message.find("Domain") != std::string::npos);
  request = {};
  request.address = "198.51.100.7";
  CHECK(CodeOf(model::AllocateAddress(ec2, alice, request)) == "InvalidParameterValue");
  request = {};
  request.public_ipv4_pool = "ipv4pool-ec2-012345";
  CHECK(CodeOf(model::AllocateAddress(ec2, alice, request)) == "InvalidParameterValue");
  request = {};
  request.network_border_group = "us-west-2";
  CHECK(CodeOf(model::AllocateAddress(ec2, alice, request)) == "InvalidParameterValue");
  request.network_border_group = "us-east-1";
  request.tag_specifications = {{"elastic-ip", {{"Name", "web"}}}};
  auto tagged = model::AllocateAddress(ec2, alice, request);
  REQUIRE(tagged);
  CHECK(GetAddress(tagged->allocation_id).tags.at("Name") == "web");
  CHECK(store.commits == 1);
}

TEST_CASE_METHOD(test::EniFixture, "associating an Elastic IP gives the interface its public address",
                 "[model][network][address]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  model::Address eip = Allocate();
  auto association =
      model::AssociateAddress(ec2, alice, ToInterface(eip.allocation_id, eni.network_interface_id));
  REQUIRE(association);
  CHECK(association->starts_with("eipassoc-"));
  model::Address seen = GetAddress(eip.allocation_id);
  CHECK(seen.association_id == *association);
  CHECK(seen.network_interface_id == eni.network_interface_id);
  CHECK(seen.network_interface_owner_id == "111111111111");
  CHECK(seen.private_ip == eni.private_ip);
  CHECK(seen.instance_id.empty());
  model::NetworkInterface carrier = Get(eni.network_interface_id).eni;
  REQUIRE(carrier.has_public);
  CHECK(carrier.public_address.public_ip == eip.public_ip);
  CHECK(carrier.public_address.allocation_id == eip.allocation_id);
  CHECK(carrier.public_address.ip_owner_id == "111111111111");

  // Already associated: refused unless AllowReassociation, and nothing changes.
  model::NetworkInterface other = NewEni(DefaultSubnet().subnet_id);
  CHECK(CodeOf(model::AssociateAddress(ec2, alice,
                                       ToInterface(eip.allocation_id, other.network_interface_id))) ==
        "Resource.AlreadyAssociated");
  CHECK(GetAddress(eip.allocation_id).network_interface_id == eni.network_interface_id);
  CHECK(CodeOf(model::ReleaseAddress(ec2, alice, eip.allocation_id, "", "")) == "InvalidIPAddress.InUse");
  auto moved = model::AssociateAddress(ec2, alice,
                                       ToInterface(eip.allocation_id, other.network_interface_id, "", true));
  REQUIRE(moved);
  CHECK(*moved != *association);
  CHECK_FALSE(Get(eni.network_interface_id).eni.has_public);
  CHECK(Get(other.network_interface_id).eni.public_address.public_ip == eip.public_ip);
  CHECK(
      model::DescribeAddresses(ec2, alice, {{}, {}, {{"network-interface-id", {other.network_interface_id}}}})
          ->size() == 1);

  CHECK(CodeOf(model::DisassociateAddress(ec2, alice, *association, "")) == "InvalidAssociationID.NotFound");
  REQUIRE(model::DisassociateAddress(ec2, alice, *moved, ""));
  CHECK_FALSE(Get(other.network_interface_id).eni.has_public);
  CHECK(GetAddress(eip.allocation_id).association_id.empty());
  REQUIRE(model::ReleaseAddress(ec2, alice, eip.allocation_id, "", ""));
  CHECK(CodeOf(model::ReleaseAddress(ec2, alice, eip.allocation_id, "", "")) ==
        "InvalidAllocationID.NotFound");
}

TEST_CASE_METHOD(test::EniFixture, "AssociateAddress checks its target", "[model][network][address]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  model::Address eip = Allocate();
  const int commits = store.commits;
  CHECK(CodeOf(model::AssociateAddress(
            ec2, alice, ToInterface(eip.allocation_id, eni.network_interface_id, "172.31.99.99"))) ==
        "InvalidParameterValue");
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, ToInterface("eipalloc-bad", eni.network_interface_id))) ==
        "InvalidAllocationID.Malformed");
  CHECK(CodeOf(model::AssociateAddress(
            ec2, alice, ToInterface("eipalloc-0123456789abcdef0", eni.network_interface_id))) ==
        "InvalidAllocationID.NotFound");
  CHECK(
      CodeOf(model::AssociateAddress(ec2, alice, ToInterface(eip.allocation_id, "eni-0123456789abcdef0"))) ==
      "InvalidNetworkInterfaceID.NotFound");
  model::AssociateAddressRequest classic;
  classic.public_ip = eip.public_ip;
  classic.network_interface_id = eni.network_interface_id;
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, classic)) == "InvalidParameterCombination");
  model::AssociateAddressRequest both = ToInterface(eip.allocation_id, eni.network_interface_id);
  both.instance_id = Launch();
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, both)) == "InvalidParameterCombination");
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, ToInterface(eip.allocation_id, ""))) ==
        "MissingParameter");
  // Two interfaces on one instance: the instance alone is ambiguous.
  model::AssociateAddressRequest by_instance;
  by_instance.allocation_id = eip.allocation_id;
  by_instance.instance_id = both.instance_id;
  Attach(eni.network_interface_id, both.instance_id, 1);
  Attach(NewEni(DefaultSubnet().subnet_id).network_interface_id, both.instance_id, 2);
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, by_instance)) == "InvalidInstanceID");
  CHECK(CodeOf(model::ReleaseAddress(ec2, alice, "", eip.public_ip, "")) == "InvalidParameterValue");
  CHECK(CodeOf(model::ReleaseAddress(ec2, alice, eip.allocation_id, eip.public_ip, "")) ==
        "InvalidParameterCombination");
  CHECK(CodeOf(model::DisassociateAddress(ec2, alice, "", eip.public_ip)) == "InvalidParameterCombination");
  CHECK(store.commits == commits + 4);  // the launch, the second interface and the two attachments only
}

TEST_CASE_METHOD(test::EniFixture, "an Elastic IP follows its interface to the instance",
                 "[model][network][address]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  std::string instance = Launch();
  model::Address eip = Allocate();
  model::AssociateAddressRequest by_instance;
  by_instance.allocation_id = eip.allocation_id;
  by_instance.instance_id = instance;
  // The instance's only interface is its primary one: the Elastic IP replaces its launch public address.
  REQUIRE(model::AssociateAddress(ec2, alice, by_instance));
  model::NetworkInterface primary = PrimaryOf(instance);
  CHECK(primary.public_address.public_ip == eip.public_ip);
  CHECK(GetAddress(eip.allocation_id).network_interface_id == primary.network_interface_id);
  std::string attachment = Attach(eni.network_interface_id, instance, 1);
  CHECK(CodeOf(model::AssociateAddress(ec2, alice, by_instance)) == "InvalidInstanceID");  // now ambiguous
  model::AssociateAddressRequest to_eni;
  to_eni.allocation_id = eip.allocation_id;
  to_eni.network_interface_id = eni.network_interface_id;
  to_eni.allow_reassociation = true;
  REQUIRE(model::AssociateAddress(ec2, alice, to_eni));
  // The primary interface had a launch public address: it gets a new one, the Elastic IP gone.
  model::NetworkInterface renewed = PrimaryOf(instance);
  REQUIRE(renewed.has_public);
  CHECK(renewed.public_address.allocation_id.empty());
  CHECK(renewed.public_address.ip_owner_id == "amazon");
  CHECK(renewed.public_address.public_ip.starts_with("198.1"));
  CHECK(GetAddress(eip.allocation_id).instance_id == instance);
  CHECK(model::DescribeAddresses(ec2, alice, {{}, {}, {{"instance-id", {instance}}}})->size() == 1);
  REQUIRE(model::DetachNetworkInterface(ec2, alice, attachment));
  CHECK(GetAddress(eip.allocation_id).instance_id.empty());
  CHECK(Get(eni.network_interface_id).eni.public_address.public_ip == eip.public_ip);  // an Elastic IP stays
  // Deleting the interface disassociates the address.
  REQUIRE(model::DeleteNetworkInterface(ec2, alice, eni.network_interface_id));
  CHECK(GetAddress(eip.allocation_id).association_id.empty());
}

TEST_CASE_METHOD(test::EniFixture, "an Elastic IP on a secondary address", "[model][network][address]") {
  model::CreateNetworkInterfaceRequest request;
  request.subnet_id = DefaultSubnet().subnet_id;
  request.secondary_count = 1;
  auto eni = model::CreateNetworkInterface(ec2, alice, request);
  REQUIRE(eni);
  const std::string secondary = eni->eni.secondary_private_ips.at(0);
  model::Address eip = Allocate();
  REQUIRE(model::AssociateAddress(ec2, alice,
                                  ToInterface(eip.allocation_id, eni->eni.network_interface_id, secondary)));
  model::NetworkInterfaceView view = Get(eni->eni.network_interface_id);
  CHECK_FALSE(view.eni.has_public);
  REQUIRE(view.secondary_public.size() == 1);
  CHECK(view.secondary_public[0].first == secondary);
  CHECK(view.secondary_public[0].second.public_ip == eip.public_ip);
  REQUIRE(model::UnassignPrivateIpAddresses(ec2, alice, eni->eni.network_interface_id, {secondary}, ""));
  CHECK(GetAddress(eip.allocation_id).association_id.empty());
}

TEST_CASE_METHOD(test::EniFixture, "DescribeAddresses names addresses by id or public IP",
                 "[model][network][address]") {
  model::Address a = Allocate();
  model::Address b = Allocate();
  CHECK(model::DescribeAddresses(ec2, alice, {})->size() == 2);
  CHECK(model::DescribeAddresses(ec2, alice, {{}, {b.public_ip}, {}})->at(0).allocation_id ==
        b.allocation_id);
  CHECK(CodeOf(model::DescribeAddresses(ec2, alice, {{}, {"192.0.2.1"}, {}})) == "InvalidAddress.NotFound");
  CHECK(CodeOf(model::DescribeAddresses(ec2, alice, {{"eipalloc-x"}, {}, {}})) ==
        "InvalidAllocationID.Malformed");
  CHECK(CodeOf(model::DescribeAddresses(ec2, alice, {{}, {}, {{"nope", {"x"}}}})) == "InvalidParameterValue");
  CHECK(model::DescribeAddresses(ec2, alice, {{}, {}, {{"public-ip", {a.public_ip}}}})->at(0).allocation_id ==
        a.allocation_id);
  CHECK(model::DescribeAddresses(ec2, bob, {})->empty());
  CHECK(CodeOf(model::DescribeAddresses(ec2, bob, {{a.allocation_id}, {}, {}})) ==
        "InvalidAllocationID.NotFound");
}

TEST_CASE_METHOD(test::EniFixture, "DescribeAddressesAttribute pages through the addresses",
                 "[model][network][address]") {
  Allocate();
  Allocate();
  Allocate();
  auto first = model::DescribeAddressesAttribute(ec2, alice, {}, "domain-name", {2, {}});
  REQUIRE(first);
  CHECK(first->items.size() == 2);
  REQUIRE_FALSE(first->next_token.empty());
  auto rest = model::DescribeAddressesAttribute(ec2, alice, {}, "domain-name", {2, first->next_token});
  REQUIRE(rest);
  CHECK(rest->items.size() == 1);
  CHECK(rest->next_token.empty());
  CHECK(CodeOf(model::DescribeAddressesAttribute(ec2, alice, {}, "ptr", {})) == "InvalidParameterValue");
  CHECK(CodeOf(model::DescribeAddressesAttribute(ec2, alice, {"eipalloc-0123456789abcdef0"}, "", {})) ==
        "InvalidAllocationID.NotFound");
}
