#include <catch2/catch.hpp>

#include "model/core/tx.hpp"
#include "model/instances/instances.hpp"
#include "tests/unit/model/network_eni_support.hpp"

using namespace localec2;
using test::CodeOf;

TEST_CASE_METHOD(test::EniFixture, "a new interface takes a free address of its subnet and the default group",
                 "[model][network][eni]") {
  model::Subnet subnet = DefaultSubnet();
  const int available = subnet.available_ip_address_count;
  model::NetworkInterface eni = NewEni(subnet.subnet_id);
  CHECK(eni.network_interface_id.starts_with("eni-"));
  CHECK(eni.status == "available");
  CHECK(eni.vpc_id == subnet.vpc_id);
  CHECK(eni.availability_zone == "us-east-1a");
  CHECK(eni.private_ip == "172.31.0.4");  // the first after the four AWS reserves
  CHECK(eni.mac_address.size() == 17);
  REQUIRE(eni.group_ids.size() == 1);
  CHECK(Get(eni.network_interface_id).groups.at(0).second == "default");
  CHECK(DefaultSubnet().available_ip_address_count == available - 1);
  CHECK(CodeOf(model::CreateNetworkInterface(
            ec2, alice, {subnet.subnet_id, "", {}, eni.private_ip, {}, {}, "", {}, "", ""})) ==
        "InvalidIPAddress.InUse");
  REQUIRE(model::DeleteNetworkInterface(ec2, alice, eni.network_interface_id));
  CHECK(DefaultSubnet().available_ip_address_count == available);
  CHECK(CodeOf(model::DeleteNetworkInterface(ec2, alice, eni.network_interface_id)) ==
        "InvalidNetworkInterfaceID.NotFound");
  CHECK(CodeOf(model::DeleteNetworkInterface(ec2, alice, "eni-nothex")) ==
        "InvalidNetworkInterfaceID.Malformed");
}

TEST_CASE_METHOD(test::EniFixture,
                 "CreateNetworkInterface takes named and counted addresses, tags and a client token",
                 "[model][network][eni]") {
  model::CreateNetworkInterfaceRequest request;
  request.subnet_id = DefaultSubnet().subnet_id;
  request.description = "db";
  request.private_ips = {{"172.31.0.20", false}, {"172.31.0.10", true}};
  request.secondary_count.reset();
  request.tag_specifications = {{"network-interface", {{"Name", "db"}}}};
  request.client_token = "token-1";
  auto created = model::CreateNetworkInterface(ec2, alice, request);
  REQUIRE(created);
  CHECK(created->eni.private_ip == "172.31.0.10");
  CHECK(created->eni.secondary_private_ips == std::vector<std::string>{"172.31.0.20"});
  CHECK(created->eni.tags.at("Name") == "db");
  CHECK(created->eni.description == "db");
  auto again = model::CreateNetworkInterface(ec2, alice, request);
  REQUIRE(again);
  CHECK(again->eni.network_interface_id == created->eni.network_interface_id);

  model::CreateNetworkInterfaceRequest counted;
  counted.subnet_id = request.subnet_id;
  counted.secondary_count = 3;
  auto three = model::CreateNetworkInterface(ec2, alice, counted);
  REQUIRE(three);
  CHECK(three->eni.secondary_private_ips.size() == 3);
  counted.secondary_count = 50;
  CHECK(CodeOf(model::CreateNetworkInterface(ec2, alice, counted)) == "PrivateIpAddressLimitExceeded");
}

TEST_CASE_METHOD(test::EniFixture, "CreateNetworkInterface refuses bad input and changes nothing",
                 "[model][network][eni]") {
  const std::string subnet = DefaultSubnet().subnet_id;
  const int commits = store.commits;
  auto with = [&](auto edit) {
    model::CreateNetworkInterfaceRequest request;
    request.subnet_id = subnet;
    edit(request);
    return CodeOf(model::CreateNetworkInterface(ec2, alice, request));
  };
  CHECK(with([](auto& r) { r.subnet_id.clear(); }) == "MissingParameter");
  CHECK(with([](auto& r) { r.subnet_id = "subnet-zz"; }) == "InvalidSubnetID.Malformed");
  CHECK(with([](auto& r) { r.subnet_id = "subnet-0123456789abcdef0"; }) == "InvalidSubnetID.NotFound");
  CHECK(with([](auto& r) { r.unsupported = "Ipv6AddressCount"; }) == "InvalidParameterValue");
  CHECK(with([](auto& r) { r.interface_type = "efa"; }) == "InvalidParameterValue");
  CHECK(with([](auto& r) { r.private_ip = "10.0.0.5"; }) == "InvalidParameterValue");    // outside the subnet
  CHECK(with([](auto& r) { r.private_ip = "172.31.0.1"; }) == "InvalidParameterValue");  // reserved
  CHECK(with([](auto& r) { r.group_ids = {"sg-0123456789abcdef0"}; }) == "InvalidGroup.NotFound");
  CHECK(with([](auto& r) { r.group_ids = {"nope"}; }) == "InvalidGroupId.Malformed");
  CHECK(with([](auto& r) { r.secondary_count = 0; }) == "InvalidParameterValue");
  CHECK(with([](auto& r) {
          r.private_ips = {{"172.31.0.10", true}, {"172.31.0.11", true}};
        }) == "InvalidParameterValue");
  CHECK(with([](auto& r) {
          r.tag_specifications = {{"instance", {{"a", "b"}}}};
        }) == "InvalidParameterValue");
  CHECK(store.commits == commits);
}

TEST_CASE_METHOD(test::EniFixture, "attach and detach follow AWS's rules", "[model][network][eni]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  model::NetworkInterface far = NewEni(DefaultSubnet("us-east-1b").subnet_id);
  std::string instance = Launch("us-east-1a");
  auto attach = [&](const std::string& eni_id, const std::string& instance_id, int index) {
    return model::AttachNetworkInterface(ec2, alice, {eni_id, instance_id, index, {}, ""});
  };
  CHECK(CodeOf(attach(far.network_interface_id, instance, 1)) == "InvalidParameterCombination");
  CHECK(CodeOf(attach(eni.network_interface_id, "i-0123456789abcdef0", 1)) == "InvalidInstanceID.NotFound");
  CHECK(CodeOf(attach(eni.network_interface_id, instance, -1)) == "InvalidParameterValue");
  CHECK(CodeOf(model::AttachNetworkInterface(ec2, alice, {eni.network_interface_id, instance, 1, 1, ""})) ==
        "InvalidParameterValue");
  auto attachment = attach(eni.network_interface_id, instance, 1);
  REQUIRE(attachment);
  CHECK(attachment->starts_with("eni-attach-"));
  model::NetworkInterface attached = Get(eni.network_interface_id).eni;
  CHECK(attached.status == "in-use");
  CHECK(attached.attachment.instance_id == instance);
  CHECK(attached.attachment.device_index == 1);
  CHECK_FALSE(attached.attachment.delete_on_termination);
  CHECK(CodeOf(attach(eni.network_interface_id, instance, 2)) == "InvalidNetworkInterface.InUse");
  model::NetworkInterface second = NewEni(DefaultSubnet().subnet_id);
  CHECK(CodeOf(attach(second.network_interface_id, instance, 1)) == "InvalidParameterValue");
  CHECK(CodeOf(model::DeleteNetworkInterface(ec2, alice, eni.network_interface_id)) ==
        "InvalidNetworkInterface.InUse");
  CHECK(CodeOf(model::DetachNetworkInterface(ec2, alice, "eni-attach-0123456789abcdef0")) ==
        "InvalidAttachmentID.NotFound");
  REQUIRE(model::DetachNetworkInterface(ec2, alice, *attachment));
  CHECK(Get(eni.network_interface_id).eni.status == "available");
  CHECK_FALSE(Get(eni.network_interface_id).eni.attached);
  CHECK(CodeOf(model::DetachNetworkInterface(ec2, alice, *attachment)) == "InvalidAttachmentID.NotFound");
  // Device index 0 is the instance's primary interface: taken, and it cannot be detached.
  CHECK(CodeOf(attach(second.network_interface_id, instance, 0)) == "InvalidParameterValue");
  model::NetworkInterface primary = PrimaryOf(instance);
  CHECK(primary.attachment.delete_on_termination);
  CHECK(CodeOf(model::DetachNetworkInterface(ec2, alice, primary.attachment.attachment_id)) ==
        "OperationNotPermitted");
  CHECK(CodeOf(model::DeleteNetworkInterface(ec2, alice, primary.network_interface_id)) ==
        "InvalidNetworkInterface.InUse");
}

TEST_CASE_METHOD(test::EniFixture, "an instance not running or stopped takes no interface",
                 "[model][network][eni]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  std::string instance = Launch();
  REQUIRE(model::TerminateInstances(ec2, alice, {instance}));
  CHECK(CodeOf(model::AttachNetworkInterface(ec2, alice, {eni.network_interface_id, instance, 1, {}, ""})) ==
        "IncorrectInstanceState");
}

TEST_CASE_METHOD(test::EniFixture, "one attribute per modification; a primary interface's are the instance's",
                 "[model][network][eni]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  model::ModifyNetworkInterfaceRequest request;
  request.network_interface_id = eni.network_interface_id;
  CHECK(CodeOf(model::ModifyNetworkInterfaceAttribute(ec2, alice, request)) == "InvalidParameterCombination");
  request.description = "web";
  request.source_dest_check = false;
  CHECK(CodeOf(model::ModifyNetworkInterfaceAttribute(ec2, alice, request)) == "InvalidParameterCombination");
  request.source_dest_check.reset();
  REQUIRE(model::ModifyNetworkInterfaceAttribute(ec2, alice, request));
  CHECK(Get(eni.network_interface_id).eni.description == "web");

  std::string instance = Launch();
  const std::string primary = PrimaryOf(instance).network_interface_id;
  model::ModifyNetworkInterfaceRequest check{primary, {}, false, {}, {}, ""};
  REQUIRE(model::ModifyNetworkInterfaceAttribute(ec2, alice, check));
  CHECK_FALSE(Get(primary).eni.source_dest_check);
  CHECK_FALSE(model::DescribeInstance(ec2, alice, instance)->instance.source_dest_check);
  REQUIRE(model::ResetNetworkInterfaceAttribute(ec2, alice, primary, "sourceDestCheck"));
  CHECK(Get(primary).eni.source_dest_check);
  CHECK(model::DescribeInstance(ec2, alice, instance)->instance.source_dest_check);
  // A secondary interface's check is its own.
  std::string attachment = Attach(eni.network_interface_id, instance, 1);
  check.network_interface_id = eni.network_interface_id;
  REQUIRE(model::ModifyNetworkInterfaceAttribute(ec2, alice, check));
  CHECK(model::DescribeInstance(ec2, alice, instance)->instance.source_dest_check);

  model::ModifyNetworkInterfaceRequest dot{eni.network_interface_id, {}, {}, {}, {{attachment, true}}, ""};
  REQUIRE(model::ModifyNetworkInterfaceAttribute(ec2, alice, dot));
  CHECK(Get(eni.network_interface_id).eni.attachment.delete_on_termination);
  dot.attachment->attachment_id = "eni-attach-0123456789abcdef0";
  CHECK(CodeOf(model::ModifyNetworkInterfaceAttribute(ec2, alice, dot)) == "InvalidAttachmentID.NotFound");
  model::ModifyNetworkInterfaceRequest groups{
      eni.network_interface_id, {}, {}, std::vector<std::string>{"sg-0123456789abcdef0"}, {}, ""};
  CHECK(CodeOf(model::ModifyNetworkInterfaceAttribute(ec2, alice, groups)) == "InvalidGroup.NotFound");
  CHECK(CodeOf(model::DescribeNetworkInterfaceAttribute(ec2, alice, eni.network_interface_id, "bogus")) ==
        "InvalidParameterValue");
  CHECK(CodeOf(model::ResetNetworkInterfaceAttribute(ec2, alice, eni.network_interface_id, "description")) ==
        "InvalidParameterValue");
}

TEST_CASE_METHOD(test::EniFixture, "secondary private addresses are assigned and unassigned",
                 "[model][network][eni]") {
  model::NetworkInterface eni = NewEni(DefaultSubnet().subnet_id);
  model::NetworkInterface other = NewEni(DefaultSubnet().subnet_id);
  const int available = DefaultSubnet().available_ip_address_count;
  auto assigned = model::AssignPrivateIpAddresses(ec2, alice, {eni.network_interface_id, {}, 2, false, ""});
  REQUIRE(assigned);
  CHECK(assigned->size() == 2);
  CHECK(DefaultSubnet().available_ip_address_count == available - 2);
  CHECK(CodeOf(model::AssignPrivateIpAddresses(ec2, alice, {eni.network_interface_id, {}, {}, false, ""})) ==
        "InvalidParameterCombination");
  REQUIRE(model::AssignPrivateIpAddresses(ec2, alice,
                                          {other.network_interface_id, {"172.31.0.40"}, {}, false, ""}));
  CHECK(CodeOf(model::AssignPrivateIpAddresses(ec2, alice,
                                               {eni.network_interface_id, {"172.31.0.40"}, {}, false, ""})) ==
        "InvalidIPAddress.InUse");
  REQUIRE(
      model::AssignPrivateIpAddresses(ec2, alice, {eni.network_interface_id, {"172.31.0.40"}, {}, true, ""}));
  CHECK(Get(other.network_interface_id).eni.secondary_private_ips.empty());
  CHECK(Get(eni.network_interface_id).eni.secondary_private_ips.size() == 3);
  CHECK(CodeOf(model::AssignPrivateIpAddresses(
            ec2, alice, {eni.network_interface_id, {other.private_ip}, {}, true, ""})) ==
        "InvalidIPAddress.InUse");  // another interface's primary address never moves

  CHECK(CodeOf(model::UnassignPrivateIpAddresses(ec2, alice, eni.network_interface_id, {eni.private_ip},
                                                 "")) == "InvalidParameterValue");
  CHECK(CodeOf(model::UnassignPrivateIpAddresses(ec2, alice, eni.network_interface_id, {"172.31.0.99"},
                                                 "")) == "InvalidParameterValue");
  REQUIRE(model::UnassignPrivateIpAddresses(ec2, alice, eni.network_interface_id, {"172.31.0.40"}, ""));
  CHECK(Get(eni.network_interface_id).eni.secondary_private_ips == *assigned);
}

TEST_CASE_METHOD(test::EniFixture, "DescribeNetworkInterfaces filters and paginates",
                 "[model][network][eni]") {
  model::Subnet a = DefaultSubnet("us-east-1a");
  model::Subnet b = DefaultSubnet("us-east-1b");
  std::vector<std::string> in_a;
  for (int i = 0; i < 7; ++i) in_a.push_back(NewEni(a.subnet_id).network_interface_id);
  model::NetworkInterface in_b = NewEni(b.subnet_id);
  std::string instance = Launch("us-east-1a");
  Attach(in_a[3], instance, 1);
  auto describe = [&](std::vector<model::Filter> filters, model::PageRequest page = {}) {
    auto found = model::DescribeNetworkInterfaces(ec2, alice, {{}, std::move(filters), page});
    REQUIRE(found);
    return *found;
  };
  CHECK(describe({{"subnet-id", {a.subnet_id}}}).items.size() == 8);  // and the primary one
  CHECK(describe({{"subnet-id", {b.subnet_id}}}).items.at(0).eni.network_interface_id ==
        in_b.network_interface_id);
  CHECK(describe({{"subnet-id", {"subnet-*"}}, {"availability-zone", {"us-east-1b"}}}).items.size() == 1);
  CHECK(describe({{"attachment.instance-id", {instance}}}).items.size() == 2);
  CHECK(describe({{"attachment.instance-id", {instance}}, {"attachment.device-index", {"1"}}})
            .items.at(0)
            .eni.network_interface_id == in_a[3]);
  CHECK(describe({{"status", {"in-use"}}}).items.size() == 2);
  CHECK(describe({{"attachment.device-index", {"1"}}}).items.size() == 1);
  CHECK(describe({{"group-name", {"default"}}, {"vpc-id", {a.vpc_id}}}).items.size() == 9);
  CHECK(describe({{"private-ip-address", {in_b.private_ip}}}).items.size() == 1);
  CHECK(describe({{"tag:Name", {"x"}}}).items.empty());
  CHECK(describe({{"attachment.attach-time", {"20*"}}}).items.size() == 2);
  CHECK(describe({{"operator.managed", {"false"}}}).items.size() == 9);
  CHECK(describe({{"ipv6-addresses.ipv6-address", {"*"}}}).items.empty());
  auto first = describe({{"subnet-id", {a.subnet_id}}}, {5, {}});
  CHECK(first.items.size() == 5);
  REQUIRE_FALSE(first.next_token.empty());
  auto rest = describe({{"subnet-id", {a.subnet_id}}}, {5, first.next_token});
  CHECK(rest.items.size() == 3);
  CHECK(rest.next_token.empty());
  CHECK(CodeOf(model::DescribeNetworkInterfaces(ec2, alice, {{in_a[0]}, {}, {5, {}}})) ==
        "InvalidParameterCombination");
  CHECK(CodeOf(model::DescribeNetworkInterfaces(ec2, alice, {{}, {{"bogus", {"x"}}}, {}})) ==
        "InvalidParameterValue");
  CHECK(CodeOf(model::DescribeNetworkInterfaces(ec2, alice, {{"eni-0123456789abcdef0"}, {}, {}})) ==
        "InvalidNetworkInterfaceID.NotFound");
  CHECK(model::DescribeNetworkInterfaces(ec2, bob, {})->items.empty());
  CHECK(CodeOf(model::DescribeNetworkInterfaces(ec2, bob, {{in_a[0]}, {}, {}})) ==
        "InvalidNetworkInterfaceID.NotFound");
}

TEST_CASE_METHOD(test::EniFixture, "a requester-managed interface is its service's",
                 "[model][network][eni]") {
  model::NetworkInterface managed = NewEni(DefaultSubnet().subnet_id);
  managed.requester_managed = true;
  managed.interface_type = "nat_gateway";
  managed.status = "in-use";
  REQUIRE(ec2.Write(alice, [&](model::Tx& tx) -> model::Status {
    tx.Put(managed);
    return model::Ok{};
  }));
  std::string instance = Launch();
  CHECK(CodeOf(model::DeleteNetworkInterface(ec2, alice, managed.network_interface_id)) ==
        "InvalidNetworkInterface.InUse");
  CHECK(CodeOf(
            model::AttachNetworkInterface(ec2, alice, {managed.network_interface_id, instance, 1, {}, ""})) ==
        "InvalidNetworkInterface.InUse");
  CHECK(Get(managed.network_interface_id).eni.requester_managed);
}
