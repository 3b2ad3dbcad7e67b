// A model fixture for the Elastic IP and network interface tests: the default VPC's subnets, launches
// and interface helpers.
#pragma once

#include <catch2/catch.hpp>

#include "model/network/addresses.hpp"
#include "model/network/network_interfaces.hpp"
#include "tests/support/model_test_support.hpp"

namespace localec2::test {

struct EniFixture : ModelFixture {
  model::Subnet DefaultSubnet(const std::string& zone, const model::Caller& caller) {
    auto page = model::DescribeSubnets(
        ec2, caller, {{}, {{"availability-zone", {zone}}, {"default-for-az", {"true"}}}, {}});
    REQUIRE(page);
    REQUIRE(page->items.size() == 1);
    return page->items[0];
  }
  model::Subnet DefaultSubnet(const std::string& zone = "us-east-1a") { return DefaultSubnet(zone, alice); }

  model::NetworkInterface NewEni(const std::string& subnet_id, const std::string& private_ip = "") {
    model::CreateNetworkInterfaceRequest request;
    request.subnet_id = subnet_id;
    request.private_ip = private_ip;
    auto created = model::CreateNetworkInterface(ec2, alice, request);
    REQUIRE(created);
    return created->eni;
  }

  model::NetworkInterfaceView Get(const std::string& eni_id) {
    auto page = model::DescribeNetworkInterfaces(ec2, alice, {{eni_id}, {}, {}});
    REQUIRE(page);
    REQUIRE(page->items.size() == 1);
    return page->items[0];
  }

  std::string Launch(const std::string& zone = "us-east-1a") {
    model::DescribeImagesRequest images;
    images.owners = {"amazon"};
    images.filters = {{"name", {"al2023-ami-*-x86_64"}}};
    model::RunInstancesRequest request;
    request.image_id = model::DescribeImages(ec2, alice, images)->items.at(0).image_id;
    request.instance_type = "t3.micro";
    request.availability_zone = zone;
    auto reservation = model::RunInstances(ec2, alice, request);
    REQUIRE(reservation);
    return reservation->instances[0].instance.instance_id;
  }

  std::string Attach(const std::string& eni_id, const std::string& instance_id, int device_index) {
    auto attached = model::AttachNetworkInterface(ec2, alice, {eni_id, instance_id, device_index, {}, ""});
    REQUIRE(attached);
    return *attached;
  }

  // The interface RunInstances gave the instance (device index 0).
  model::NetworkInterface PrimaryOf(const std::string& instance_id) {
    auto page = model::DescribeNetworkInterfaces(
        ec2, alice,
        {{}, {{"attachment.instance-id", {instance_id}}, {"attachment.device-index", {"0"}}}, {}});
    REQUIRE(page);
    REQUIRE(page->items.size() == 1);
    return page->items[0].eni;
  }

  model::Address Allocate() {
    auto address = model::AllocateAddress(ec2, alice, {});
    REQUIRE(address);
    return *address;
  }

  model::Address GetAddress(const std::string& allocation_id) {
    auto found = model::DescribeAddresses(ec2, alice, {{allocation_id}, {}, {}});
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    return found->at(0);
  }
};

}  // namespace localec2::test
