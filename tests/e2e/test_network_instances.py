"""End to end: instances wired into the network, through boto3 and the AWS CLI against the real binary —
every instance has a primary interface with a private address from its subnet and, where the subnet maps
them or the launch asks, a public address that a stop releases and a start renews; interfaces named at
launch, addresses freed at termination, and all of it back after a restart."""
import ipaddress
import unittest

from harness import LocalEc2, ServerTestCase, error_of

LAUNCH_POOL = ipaddress.ip_network("198.18.0.0/15")


def al2023(ec2):
    return ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64"]}])["Images"][0]["ImageId"]


def subnet_in(ec2, zone):
    return ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [zone]}])["Subnets"][0]


class InstanceNetworking(ServerTestCase):
    reset_between_tests = True

    def test_default_subnet_launch_has_interface_and_public_address_until_stopped(self):
        ec2 = self.server.client()
        subnet = subnet_in(ec2, "us-east-1a")
        instance = ec2.run_instances(ImageId=al2023(ec2), InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                     SubnetId=subnet["SubnetId"])["Instances"][0]
        [eni] = instance["NetworkInterfaces"]
        self.assertTrue(eni["NetworkInterfaceId"].startswith("eni-"))
        self.assertEqual((eni["Attachment"]["DeviceIndex"], eni["Attachment"]["Status"], eni["Status"],
                          eni["SubnetId"], eni["VpcId"], eni["InterfaceType"], eni["SourceDestCheck"]),
                         (0, "attached", "in-use", subnet["SubnetId"], subnet["VpcId"], "interface", True))
        self.assertIn(ipaddress.ip_address(instance["PrivateIpAddress"]), ipaddress.ip_network(subnet["CidrBlock"]))
        self.assertGreaterEqual(int(instance["PrivateIpAddress"].split(".")[-1]), 4)
        self.assertEqual(instance["PrivateDnsName"],
                         "ip-" + instance["PrivateIpAddress"].replace(".", "-") + ".ec2.internal")
        public = instance["PublicIpAddress"]
        self.assertIn(ipaddress.ip_address(public), LAUNCH_POOL)
        self.assertEqual(instance["PublicDnsName"], "ec2-" + public.replace(".", "-") + ".compute-1.amazonaws.com")
        self.assertEqual(eni["Association"], {"IpOwnerId": "amazon", "PublicDnsName": instance["PublicDnsName"],
                                              "PublicIp": public})
        after = subnet_in(ec2, "us-east-1a")["AvailableIpAddressCount"]
        self.assertEqual(after, subnet["AvailableIpAddressCount"] - 1)
        # Filters by address and interface.
        iid = instance["InstanceId"]
        for name, value in [("ip-address", public), ("network-interface.network-interface-id", eni["NetworkInterfaceId"]),
                            ("network-interface.subnet-id", subnet["SubnetId"]),
                            ("network-interface.addresses.private-ip-address", instance["PrivateIpAddress"]),
                            ("private-ip-address", instance["PrivateIpAddress"])]:
            with self.subTest(filter=name):
                found = ec2.describe_instances(Filters=[{"Name": name, "Values": [value]}])["Reservations"]
                self.assertEqual([i["InstanceId"] for r in found for i in r["Instances"]], [iid])
        # A stop releases the public address; a start gives one again.
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1})
        ec2.stop_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1})
        stopped = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertNotIn("PublicIpAddress", stopped)
        self.assertEqual(stopped["PublicDnsName"], "")
        self.assertEqual(stopped["PrivateIpAddress"], instance["PrivateIpAddress"])  # the private address stays
        ec2.start_instances(InstanceIds=[iid])
        started = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertIn(ipaddress.ip_address(started["PublicIpAddress"]), LAUNCH_POOL)
        # Termination deletes the interface and frees its address.
        ec2.terminate_instances(InstanceIds=[iid])
        gone = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual(gone["NetworkInterfaces"], [])
        self.assertEqual(subnet_in(ec2, "us-east-1a")["AvailableIpAddressCount"], subnet["AvailableIpAddressCount"])

    def test_launch_interfaces_addresses_and_refusals(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        subnet = subnet_in(ec2, "us-east-1b")
        web = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 1, "SubnetId": subnet["SubnetId"], "DeleteOnTermination": False,
             "Description": "data", "SecondaryPrivateIpAddressCount": 1},
            {"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "Groups": [web], "PrivateIpAddress": "172.31.16.50"}],
            TagSpecifications=[{"ResourceType": "network-interface", "Tags": [{"Key": "team", "Value": "a"}]}])["Instances"][0]
        primary, data = instance["NetworkInterfaces"]
        self.assertEqual((instance["PrivateIpAddress"], primary["PrivateIpAddress"], [g["GroupId"] for g in primary["Groups"]]),
                         ("172.31.16.50", "172.31.16.50", [web]))
        self.assertEqual((data["Attachment"]["DeviceIndex"], data["Attachment"]["DeleteOnTermination"], data["Description"],
                          len(data["PrivateIpAddresses"]), [a["Primary"] for a in data["PrivateIpAddresses"]]),
                         (1, False, "data", 2, [True, False]))
        self.assertNotIn("PublicIpAddress", instance)  # several interfaces: no public address mapped
        tagged = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["network-interface"]}])["Tags"]
        self.assertEqual(sorted(t["ResourceId"] for t in tagged),
                         sorted([primary["NetworkInterfaceId"], data["NetworkInterfaceId"]]))
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"],
                                  PrivateIpAddress="172.31.16.50"),
                         ("InvalidIPAddress.InUse", "Address 172.31.16.50 is in use."))
        other_zone = subnet_in(ec2, "us-east-1c")
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet["SubnetId"]}, {"DeviceIndex": 1, "SubnetId": other_zone["SubnetId"]}])[0],
            "InvalidParameterValue")
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "NetworkInterfaceId": "eni-12345678"}]),
            ("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID 'eni-12345678' does not exist"))
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "NetworkInterfaceId": "eni-nothex"}])[0], "InvalidNetworkInterfaceID.Malformed")
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "NetworkInterfaceId": data["NetworkInterfaceId"]}])[0], "InvalidNetworkInterface.InUse")
        self.assertEqual(len(ec2.describe_instances()["Reservations"]), 1)  # refused launches recorded nothing
        # The interface that is not DeleteOnTermination survives the instance and launches another one.
        ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])
        again = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "NetworkInterfaceId": data["NetworkInterfaceId"]}])["Instances"][0]
        self.assertEqual((again["NetworkInterfaces"][0]["NetworkInterfaceId"], again["PrivateIpAddress"]),
                         (data["NetworkInterfaceId"], data["PrivateIpAddress"]))

    def test_a_small_subnet_runs_out_of_addresses_and_gets_them_back(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        vpc = ec2.create_vpc(CidrBlock="10.3.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.3.0.0/28")["Subnet"]  # 16 addresses, 5 reserved
        self.assertEqual(subnet["AvailableIpAddressCount"], 11)
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=12, MaxCount=20,
                                  SubnetId=subnet["SubnetId"])[0], "InsufficientFreeAddressesInSubnet")
        launched = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=20, SubnetId=subnet["SubnetId"])["Instances"]
        self.assertEqual(len(launched), 11)  # as many as fit
        self.assertEqual(sorted(int(i["PrivateIpAddress"].split(".")[-1]) for i in launched), list(range(4, 15)))
        self.assertEqual(ec2.describe_subnets(SubnetIds=[subnet["SubnetId"]])["Subnets"][0]["AvailableIpAddressCount"], 0)
        other_vpc_group = ec2.create_security_group(GroupName="elsewhere", Description="x")["GroupId"]  # default VPC
        ec2.terminate_instances(InstanceIds=[i["InstanceId"] for i in launched])
        self.assertEqual(ec2.describe_subnets(SubnetIds=[subnet["SubnetId"]])["Subnets"][0]["AvailableIpAddressCount"], 11)
        self.assertEqual(error_of(ec2.run_instances, ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"],
                                  SecurityGroupIds=[other_vpc_group]),
                         ("InvalidParameter", f"Security group {other_vpc_group} and subnet {subnet['SubnetId']} "
                                              "belong to different networks."))
        again = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"])["Instances"][0]
        self.assertNotIn("PublicIpAddress", again)  # a new subnet does not map public addresses

    def test_cli_shows_the_interface(self):
        subnet = subnet_in(self.server.client(), "us-east-1a")["SubnetId"]
        _, out = self.server.cli("run-instances", "--image-id", al2023(self.server.client()), "--count", "1",
                                 "--subnet-id", subnet, "--associate-public-ip-address")
        instance = out["Instances"][0]
        self.assertIn(ipaddress.ip_address(instance["PublicIpAddress"]), LAUNCH_POOL)
        self.assertEqual(instance["NetworkInterfaces"][0]["Association"]["PublicIp"], instance["PublicIpAddress"])


class InstanceNetworkingPersistence(unittest.TestCase):
    def test_interfaces_and_addresses_survive_a_restart(self):
        with LocalEc2() as server:
            ec2 = server.client()
            image = al2023(ec2)
            first = ec2.run_instances(ImageId=image, MinCount=3, MaxCount=3)["Instances"]
            before = ec2.describe_instances()["Reservations"][0]["Instances"]
            server.restart()
            ec2 = server.client()
            after = ec2.describe_instances()["Reservations"][0]["Instances"]
            key = lambda i: (i["InstanceId"], i["PrivateIpAddress"], i.get("PublicIpAddress"),
                             i["NetworkInterfaces"][0]["NetworkInterfaceId"], i["NetworkInterfaces"][0]["MacAddress"])
            self.assertEqual([key(i) for i in after], [key(i) for i in before])
            # The restarted server knows which addresses are taken.
            subnet = first[0]["SubnetId"]
            more = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
            self.assertNotIn(more["PrivateIpAddress"], [i["PrivateIpAddress"] for i in before])


if __name__ == "__main__":
    unittest.main()
