#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"
#include "model/core/tx.hpp"
#include "model/network/addressing.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

struct NetworkedInstances : test::ModelFixture {
  std::string image = [] {
    model::ImageCatalog catalog;
    for (const model::Image& i : catalog.ForRegion("us-east-1")) {
      if (i.name.starts_with("al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64")) return i.image_id;
    }
    return std::string();
  }();

  model::RunInstancesRequest Launch() {
    model::RunInstancesRequest request;
    request.image_id = image;
    request.instance_type = "t3.micro";
    return request;
  }
  model::Subnet SubnetIn(const std::string& zone) {
    auto subnets = DescribeSubnets(ec2, alice, {{}, {{"availability-zone", {zone}}}, {}});
    REQUIRE(subnets);
    return subnets->items.at(0);
  }
  model::InstanceView Describe(const std::string& id) {
    auto view = DescribeInstance(ec2, alice, id);
    REQUIRE(view);
    return *view;
  }
  size_t InterfaceCount() {
    return ec2.Read(alice, [](const model::View& v) { return v.partition().network_interfaces.size(); });
  }
};

}  // namespace

TEST_CASE_METHOD(NetworkedInstances,
                 "a launch in a default subnet gets a primary interface and a public address", "[network]") {
  model::Subnet subnet = SubnetIn("us-east-1a");
  auto request = Launch();
  request.subnet_id = subnet.subnet_id;
  request.max_count = 2;
  auto reservation = RunInstances(ec2, alice, request);
  REQUIRE(reservation);
  REQUIRE(reservation->instances.size() == 2);
  const model::InstanceView& first = reservation->instances[0];
  REQUIRE(first.interfaces.size() == 1);
  const model::NetworkInterface& eni = first.interfaces[0].eni;
  CHECK(eni.network_interface_id.starts_with("eni-"));
  CHECK(eni.attachment.device_index == 0);
  CHECK(eni.attachment.delete_on_termination);
  CHECK(eni.private_ip == first.instance.private_ip);
  CHECK(eni.mac_address.size() == 17);
  CHECK(eni.group_ids == first.instance.group_ids);
  auto public_ip = model::ParseIpv4(first.public_ip);
  REQUIRE(public_ip);
  CHECK(model::ParseCidr("198.18.0.0/15")->Contains(*public_ip));
  CHECK(first.instance.private_ip != reservation->instances[1].instance.private_ip);
  CHECK(SubnetIn("us-east-1a").available_ip_address_count == subnet.available_ip_address_count - 2);
  // Describe shows what the launch answered.
  CHECK(Describe(first.instance.instance_id).interfaces.at(0).eni.network_interface_id ==
        eni.network_interface_id);
}

TEST_CASE_METHOD(NetworkedInstances, "stop releases the launch public address and start gives a new one",
                 "[network]") {
  ec2.SetLifecycleTiming({1000, 3600000});
  auto reservation = RunInstances(ec2, alice, Launch());
  REQUIRE(reservation);
  const std::string id = reservation->instances[0].instance.instance_id;
  clock.Advance(1000);
  REQUIRE(StopInstances(ec2, alice, {id}, false));
  CHECK(Describe(id).public_ip.empty());
  clock.Advance(1000);
  REQUIRE(StartInstances(ec2, alice, {id}));
  CHECK_FALSE(Describe(id).public_ip.empty());
}

TEST_CASE_METHOD(NetworkedInstances, "AssociatePublicIpAddress false overrides the subnet; termination frees",
                 "[network]") {
  model::Subnet subnet = SubnetIn("us-east-1b");
  auto request = Launch();
  model::LaunchInterface primary;
  primary.subnet_id = subnet.subnet_id;
  primary.associate_public_ip = false;
  request.network_interfaces = {primary};
  auto reservation = RunInstances(ec2, alice, request);
  REQUIRE(reservation);
  const std::string id = reservation->instances[0].instance.instance_id;
  CHECK(reservation->instances[0].public_ip.empty());
  CHECK(InterfaceCount() == 1);
  REQUIRE(TerminateInstances(ec2, alice, {id}));
  CHECK(InterfaceCount() == 0);
  CHECK(SubnetIn("us-east-1b").available_ip_address_count == subnet.available_ip_address_count);
  CHECK(Describe(id).interfaces.empty());
}

TEST_CASE_METHOD(NetworkedInstances,
                 "a second interface that is not DeleteOnTermination outlives the instance", "[network]") {
  model::Subnet subnet = SubnetIn("us-east-1c");
  auto request = Launch();
  model::LaunchInterface primary, second;
  primary.subnet_id = subnet.subnet_id;
  second.device_index = 1;
  second.subnet_id = subnet.subnet_id;
  second.delete_on_termination = false;
  second.secondary_private_ip_count = 2;
  request.network_interfaces = {second, primary};  // any order: the primary is device index 0
  auto reservation = RunInstances(ec2, alice, request);
  REQUIRE(reservation);
  const model::InstanceView& shown = reservation->instances[0];
  REQUIRE(shown.interfaces.size() == 2);
  CHECK(shown.interfaces[1].eni.attachment.device_index == 1);
  CHECK(shown.interfaces[1].eni.secondary_private_ips.size() == 2);
  CHECK(shown.public_ip.empty());  // AWS maps no public address when launching with several interfaces
  CHECK(SubnetIn("us-east-1c").available_ip_address_count == subnet.available_ip_address_count - 4);
  REQUIRE(TerminateInstances(ec2, alice, {shown.instance.instance_id}));
  CHECK(InterfaceCount() == 1);
  CHECK(SubnetIn("us-east-1c").available_ip_address_count == subnet.available_ip_address_count - 3);
  // The survivor is available and can be named by a new launch.
  const std::string survivor = shown.interfaces[1].eni.network_interface_id;
  auto again = Launch();
  model::LaunchInterface reuse;
  reuse.network_interface_id = survivor;
  again.network_interfaces = {reuse};
  auto relaunched = RunInstances(ec2, alice, again);
  REQUIRE(relaunched);
  CHECK(relaunched->instances[0].interfaces.at(0).eni.network_interface_id == survivor);
  CHECK(CodeOf(RunInstances(ec2, alice, again)) == "InvalidNetworkInterface.InUse");
}

TEST_CASE_METHOD(NetworkedInstances, "a refused launch takes no address", "[network]") {
  model::Subnet subnet = SubnetIn("us-east-1a");
  auto request = Launch();
  request.subnet_id = subnet.subnet_id;
  request.private_ip = "172.31.0.3";  // reserved by AWS
  CHECK(CodeOf(RunInstances(ec2, alice, request)) == "InvalidParameterValue");
  request.private_ip = "172.31.0.77";
  request.group_ids = {"sg-12345678"};
  CHECK(CodeOf(RunInstances(ec2, alice, request)) == "InvalidGroup.NotFound");
  CHECK(InterfaceCount() == 0);
  CHECK(SubnetIn("us-east-1a").available_ip_address_count == subnet.available_ip_address_count);
}
