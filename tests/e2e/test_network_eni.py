"""End to end: Elastic IPs and network interfaces through boto3 and the AWS CLI against the real binary —
an interface's life (create, attach to an instance, attributes, secondary addresses, detach, delete), an
Elastic IP's (allocate, associate, reassociate, disassociate, release), AWS's error codes for bad input,
DryRun, tags, filters, pagination, isolation between accounts and persistence across a restart."""
import unittest

from harness import LocalEc2, ServerTestCase, error_of


def default_subnet(ec2, zone):
    return ec2.describe_subnets(Filters=[{"Name": "availability-zone", "Values": [zone]}])["Subnets"][0]


def launch(ec2, zone="us-east-1a"):
    image = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])
    return ec2.run_instances(ImageId=image["Images"][0]["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                             Placement={"AvailabilityZone": zone})["Instances"][0]["InstanceId"]


class NetworkInterfaces(ServerTestCase):
    reset_between_tests = True

    def test_an_interface_lives_attaches_and_is_deleted(self):
        ec2 = self.server.client()
        subnet = default_subnet(ec2, "us-east-1a")
        eni = ec2.create_network_interface(
            SubnetId=subnet["SubnetId"], Description="web", SecondaryPrivateIpAddressCount=1,
            TagSpecifications=[{"ResourceType": "network-interface", "Tags": [{"Key": "Name", "Value": "web"}]}],
        )["NetworkInterface"]
        eni_id = eni["NetworkInterfaceId"]
        self.assertTrue(eni_id.startswith("eni-"))
        self.assertEqual(eni["Status"], "available")
        self.assertEqual(eni["SubnetId"], subnet["SubnetId"])
        self.assertEqual(eni["VpcId"], subnet["VpcId"])
        self.assertEqual(eni["AvailabilityZone"], "us-east-1a")
        self.assertEqual(eni["InterfaceType"], "interface")
        self.assertEqual(eni["Groups"][0]["GroupName"], "default")
        self.assertEqual(eni["TagSet"], [{"Key": "Name", "Value": "web"}])
        self.assertEqual([a["Primary"] for a in eni["PrivateIpAddresses"]], [True, False])
        self.assertEqual(eni["PrivateIpAddresses"][0]["PrivateIpAddress"], eni["PrivateIpAddress"])
        self.assertEqual(eni["PrivateDnsName"], "ip-" + eni["PrivateIpAddress"].replace(".", "-") + ".ec2.internal")
        after = default_subnet(ec2, "us-east-1a")["AvailableIpAddressCount"]
        self.assertEqual(after, subnet["AvailableIpAddressCount"] - 2)

        instance = launch(ec2)
        attachment = ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=instance, DeviceIndex=1)
        self.assertTrue(attachment["AttachmentId"].startswith("eni-attach-"))
        on_instance = ec2.describe_network_interfaces(
            Filters=[{"Name": "attachment.instance-id", "Values": [instance]}])["NetworkInterfaces"]
        self.assertEqual(sorted(e["Attachment"]["DeviceIndex"] for e in on_instance), [0, 1])  # with its primary
        seen = ec2.describe_network_interfaces(
            Filters=[{"Name": "attachment.instance-id", "Values": [instance]},
                     {"Name": "attachment.device-index", "Values": ["1"]}])["NetworkInterfaces"]
        self.assertEqual([e["NetworkInterfaceId"] for e in seen], [eni_id])
        self.assertEqual(seen[0]["Status"], "in-use")
        self.assertEqual(seen[0]["Attachment"]["DeviceIndex"], 1)
        self.assertEqual(seen[0]["Attachment"]["Status"], "attached")
        self.assertFalse(seen[0]["Attachment"]["DeleteOnTermination"])
        self.assertEqual(error_of(ec2.delete_network_interface, NetworkInterfaceId=eni_id)[0],
                         "InvalidNetworkInterface.InUse")

        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, SourceDestCheck={"Value": False})
        self.assertFalse(ec2.describe_network_interface_attribute(
            NetworkInterfaceId=eni_id, Attribute="sourceDestCheck")["SourceDestCheck"]["Value"])
        ec2.reset_network_interface_attribute(NetworkInterfaceId=eni_id, SourceDestCheck="true")
        self.assertTrue(ec2.describe_network_interface_attribute(
            NetworkInterfaceId=eni_id, Attribute="sourceDestCheck")["SourceDestCheck"]["Value"])
        ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, Description={"Value": "api"})
        self.assertEqual(ec2.describe_network_interface_attribute(
            NetworkInterfaceId=eni_id, Attribute="description")["Description"]["Value"], "api")
        ec2.modify_network_interface_attribute(
            NetworkInterfaceId=eni_id,
            Attachment={"AttachmentId": attachment["AttachmentId"], "DeleteOnTermination": True})
        described = ec2.describe_network_interface_attribute(NetworkInterfaceId=eni_id, Attribute="attachment")
        self.assertTrue(described["Attachment"]["DeleteOnTermination"])
        self.assertEqual(error_of(ec2.modify_network_interface_attribute, NetworkInterfaceId=eni_id,
                                  Description={"Value": "x"}, SourceDestCheck={"Value": True})[0],
                         "InvalidParameterCombination")

        assigned = ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, SecondaryPrivateIpAddressCount=2)
        new_ips = [a["PrivateIpAddress"] for a in assigned["AssignedPrivateIpAddresses"]]
        self.assertEqual(len(new_ips), 2)
        ec2.unassign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=new_ips)
        self.assertEqual(error_of(ec2.unassign_private_ip_addresses, NetworkInterfaceId=eni_id,
                                  PrivateIpAddresses=[eni["PrivateIpAddress"]])[0], "InvalidParameterValue")
        self.assertEqual(len(ec2.describe_network_interfaces(NetworkInterfaceIds=[eni_id])["NetworkInterfaces"][0]
                             ["PrivateIpAddresses"]), 2)

        ec2.detach_network_interface(AttachmentId=attachment["AttachmentId"])
        self.assertEqual(error_of(ec2.detach_network_interface, AttachmentId=attachment["AttachmentId"])[0],
                         "InvalidAttachmentID.NotFound")
        ec2.delete_network_interface(NetworkInterfaceId=eni_id)
        self.assertEqual(error_of(ec2.describe_network_interfaces, NetworkInterfaceIds=[eni_id])[0],
                         "InvalidNetworkInterfaceID.NotFound")
        # Only the instance's primary interface still holds an address of the subnet.
        self.assertEqual(default_subnet(ec2, "us-east-1a")["AvailableIpAddressCount"],
                         subnet["AvailableIpAddressCount"] - 1)

    def test_bad_input_answers_aws_errors_and_changes_nothing(self):
        ec2 = self.server.client()
        subnet = default_subnet(ec2, "us-east-1a")["SubnetId"]
        cases = [
            (ec2.create_network_interface, {"SubnetId": "subnet-nothex"}, "InvalidSubnetID.Malformed"),
            (ec2.create_network_interface, {"SubnetId": "subnet-0123456789abcdef0"}, "InvalidSubnetID.NotFound"),
            (ec2.create_network_interface, {"SubnetId": subnet, "Ipv6AddressCount": 1}, "InvalidParameterValue"),
            (ec2.create_network_interface, {"SubnetId": subnet, "InterfaceType": "efa"}, "InvalidParameterValue"),
            (ec2.create_network_interface, {"SubnetId": subnet, "PrivateIpAddress": "10.9.9.9"},
             "InvalidParameterValue"),
            (ec2.create_network_interface, {"SubnetId": subnet, "Groups": ["sg-0123456789abcdef0"]},
             "InvalidGroup.NotFound"),
            (ec2.delete_network_interface, {"NetworkInterfaceId": "eni-bad"}, "InvalidNetworkInterfaceID.Malformed"),
            (ec2.attach_network_interface, {"NetworkInterfaceId": "eni-0123456789abcdef0",
                                            "InstanceId": "i-0123456789abcdef0", "DeviceIndex": 1},
             "InvalidNetworkInterfaceID.NotFound"),
            (ec2.detach_network_interface, {"AttachmentId": "eni-attach-0123456789abcdef0"},
             "InvalidAttachmentID.NotFound"),
            (ec2.describe_network_interfaces, {"Filters": [{"Name": "bogus", "Values": ["x"]}]},
             "InvalidParameterValue"),
            (ec2.describe_network_interfaces, {"NetworkInterfaceIds": ["eni-0123456789abcdef0"], "MaxResults": 5},
             "InvalidParameterCombination"),
            (ec2.allocate_address, {"Domain": "standard"}, "InvalidParameterValue"),
            (ec2.allocate_address, {"PublicIpv4Pool": "ipv4pool-ec2-0123"}, "InvalidParameterValue"),
            (ec2.release_address, {"AllocationId": "eipalloc-0123456789abcdef0"}, "InvalidAllocationID.NotFound"),
            (ec2.release_address, {"AllocationId": "eipalloc-zz"}, "InvalidAllocationID.Malformed"),
            (ec2.release_address, {"PublicIp": "198.51.100.7"}, "InvalidParameterValue"),
            (ec2.disassociate_address, {"AssociationId": "eipassoc-0123456789abcdef0"},
             "InvalidAssociationID.NotFound"),
            (ec2.describe_addresses, {"PublicIps": ["192.0.2.1"]}, "InvalidAddress.NotFound"),
        ]
        for call, kwargs, code in cases:
            with self.subTest(call=call.__name__, kwargs=kwargs):
                self.assertEqual(error_of(call, **kwargs)[0], code)
        message = error_of(ec2.create_network_interface, SubnetId=subnet, Ipv6AddressCount=1)[1]
        self.assertIn("Ipv6AddressCount", message)
        self.assertEqual(ec2.describe_network_interfaces()["NetworkInterfaces"], [])
        self.assertEqual(ec2.describe_addresses()["Addresses"], [])
        self.assertEqual(error_of(ec2.create_network_interface, SubnetId=subnet, DryRun=True)[0], "DryRunOperation")
        self.assertEqual(error_of(ec2.allocate_address, DryRun=True)[0], "DryRunOperation")
        self.assertEqual(ec2.describe_addresses()["Addresses"], [])
        self.assertServerStillAnswers()

    def test_describe_filters_paginate_and_stay_in_their_account(self):
        ec2 = self.server.client()
        a = default_subnet(ec2, "us-east-1a")["SubnetId"]
        b = default_subnet(ec2, "us-east-1b")["SubnetId"]
        in_a = sorted(ec2.create_network_interface(SubnetId=a)["NetworkInterface"]["NetworkInterfaceId"]
                      for _ in range(6))
        in_b = ec2.create_network_interface(SubnetId=b, Description="b")["NetworkInterface"]["NetworkInterfaceId"]
        ec2.create_tags(Resources=[in_b], Tags=[{"Key": "role", "Value": "db"}])
        by_subnet = ec2.describe_network_interfaces(Filters=[{"Name": "subnet-id", "Values": [a]}])
        self.assertEqual([e["NetworkInterfaceId"] for e in by_subnet["NetworkInterfaces"]], in_a)
        self.assertEqual([e["NetworkInterfaceId"] for e in ec2.describe_network_interfaces(
            Filters=[{"Name": "tag:role", "Values": ["db"]}])["NetworkInterfaces"]], [in_b])
        self.assertEqual(len(ec2.describe_network_interfaces(
            Filters=[{"Name": "description", "Values": ["b"]}, {"Name": "status", "Values": ["available"]}])
            ["NetworkInterfaces"]), 1)
        pages = ec2.get_paginator("describe_network_interfaces").paginate(
            Filters=[{"Name": "subnet-id", "Values": [a]}], PaginationConfig={"PageSize": 5})
        sizes = [len(page["NetworkInterfaces"]) for page in pages]
        self.assertEqual(sizes, [5, 1])
        other = self.server.client(access_key="333333333333")
        self.assertEqual(other.describe_network_interfaces()["NetworkInterfaces"], [])
        self.assertEqual(error_of(other.delete_network_interface, NetworkInterfaceId=in_b)[0],
                         "InvalidNetworkInterfaceID.NotFound")


    def test_the_cli_creates_finds_and_deletes_an_interface(self):
        subnet = default_subnet(self.server.client(), "us-east-1c")["SubnetId"]
        created = self.server.cli("create-network-interface", "--subnet-id", subnet, "--description", "cli",
                                  "--private-ip-address", "172.31.32.50")[1]["NetworkInterface"]
        self.assertEqual(created["PrivateIpAddress"], "172.31.32.50")
        found = self.server.cli("describe-network-interfaces", "--filters",
                                "Name=private-ip-address,Values=172.31.32.50")[1]["NetworkInterfaces"]
        self.assertEqual([e["NetworkInterfaceId"] for e in found], [created["NetworkInterfaceId"]])
        code, stderr = self.server.cli("create-network-interface", "--subnet-id", subnet,
                                       "--private-ip-address", "172.31.32.50", check=False)
        self.assertNotEqual(code, 0)
        self.assertIn("InvalidIPAddress.InUse", stderr)
        self.server.cli("delete-network-interface", "--network-interface-id", created["NetworkInterfaceId"])
        self.assertEqual(self.server.cli("describe-network-interfaces")[1]["NetworkInterfaces"], [])


class ElasticIps(ServerTestCase):
    reset_between_tests = True

    def test_an_elastic_ip_is_allocated_associated_moved_and_released(self):
        ec2 = self.server.client()
        subnet = default_subnet(ec2, "us-east-1a")["SubnetId"]
        address = ec2.allocate_address(
            Domain="vpc", TagSpecifications=[{"ResourceType": "elastic-ip", "Tags": [{"Key": "Name", "Value": "lb"}]}])
        self.assertTrue(address["AllocationId"].startswith("eipalloc-"))
        self.assertEqual(address["Domain"], "vpc")
        self.assertEqual(address["NetworkBorderGroup"], "us-east-1")
        self.assertEqual(address["PublicIpv4Pool"], "amazon")
        first = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]
        second = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]
        association = ec2.associate_address(AllocationId=address["AllocationId"],
                                            NetworkInterfaceId=first["NetworkInterfaceId"])["AssociationId"]
        self.assertTrue(association.startswith("eipassoc-"))
        described = ec2.describe_addresses(AllocationIds=[address["AllocationId"]])["Addresses"][0]
        self.assertEqual(described["AssociationId"], association)
        self.assertEqual(described["NetworkInterfaceId"], first["NetworkInterfaceId"])
        self.assertEqual(described["PrivateIpAddress"], first["PrivateIpAddress"])
        self.assertEqual(described["Tags"], [{"Key": "Name", "Value": "lb"}])
        eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[first["NetworkInterfaceId"]])["NetworkInterfaces"][0]
        self.assertEqual(eni["Association"]["PublicIp"], address["PublicIp"])
        self.assertEqual(eni["Association"]["AllocationId"], address["AllocationId"])
        self.assertEqual(eni["Association"]["AssociationId"], association)
        self.assertEqual(eni["PrivateIpAddresses"][0]["Association"]["PublicIp"], address["PublicIp"])
        self.assertEqual([e["NetworkInterfaceId"] for e in ec2.describe_network_interfaces(
            Filters=[{"Name": "association.public-ip", "Values": [address["PublicIp"]]}])["NetworkInterfaces"]],
            [first["NetworkInterfaceId"]])

        self.assertEqual(error_of(ec2.associate_address, AllocationId=address["AllocationId"],
                                  NetworkInterfaceId=second["NetworkInterfaceId"])[0], "Resource.AlreadyAssociated")
        self.assertEqual(error_of(ec2.release_address, AllocationId=address["AllocationId"])[0],
                         "InvalidIPAddress.InUse")
        moved = ec2.associate_address(AllocationId=address["AllocationId"], AllowReassociation=True,
                                      NetworkInterfaceId=second["NetworkInterfaceId"])["AssociationId"]
        self.assertNotIn("Association", ec2.describe_network_interfaces(
            NetworkInterfaceIds=[first["NetworkInterfaceId"]])["NetworkInterfaces"][0])
        self.assertEqual([a["AllocationId"] for a in ec2.describe_addresses(
            Filters=[{"Name": "network-interface-id", "Values": [second["NetworkInterfaceId"]]}])["Addresses"]],
            [address["AllocationId"]])
        ec2.disassociate_address(AssociationId=moved)
        self.assertNotIn("AssociationId", ec2.describe_addresses()["Addresses"][0])
        ec2.release_address(AllocationId=address["AllocationId"])
        self.assertEqual(ec2.describe_addresses()["Addresses"], [])

    def test_five_per_region_and_the_cli(self):
        ec2 = self.server.client()
        for _ in range(5):
            ec2.allocate_address(Domain="vpc")
        self.assertEqual(error_of(ec2.allocate_address, Domain="vpc")[0], "AddressLimitExceeded")
        attributes = {a["AttributeName"]: a["AttributeValues"][0]["AttributeValue"]
                      for a in ec2.describe_account_attributes()["AccountAttributes"]}
        self.assertEqual(attributes["vpc-max-elastic-ips"], "5")
        listed = self.server.cli("describe-addresses")[1]["Addresses"]
        self.assertEqual(len(listed), 5)
        self.assertTrue(all(a["PublicIp"].startswith(("198.51.100.", "203.0.113.")) for a in listed))
        self.assertEqual(len(self.server.client(region="eu-west-1").describe_addresses()["Addresses"]), 0)
        ptr = ec2.describe_addresses_attribute(AllocationIds=[listed[0]["AllocationId"]], Attribute="domain-name")
        self.assertEqual(ptr["Addresses"], [{"AllocationId": listed[0]["AllocationId"], "PublicIp": listed[0]["PublicIp"]}])

    def test_an_instance_with_one_interface_takes_an_elastic_ip_by_instance_id(self):
        ec2 = self.server.client()
        instance = launch(ec2)
        allocation = ec2.allocate_address(Domain="vpc")
        ec2.associate_address(AllocationId=allocation["AllocationId"], InstanceId=instance)
        primary = ec2.describe_network_interfaces(
            Filters=[{"Name": "attachment.instance-id", "Values": [instance]}])["NetworkInterfaces"][0]
        self.assertEqual(primary["Attachment"]["DeviceIndex"], 0)
        self.assertEqual(primary["Association"]["PublicIp"], allocation["PublicIp"])
        self.assertEqual(primary["Association"]["IpOwnerId"], primary["OwnerId"])
        described = ec2.describe_addresses(Filters=[{"Name": "instance-id", "Values": [instance]}])["Addresses"]
        self.assertEqual(described[0]["NetworkInterfaceId"], primary["NetworkInterfaceId"])
        reservation = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]
        self.assertEqual(reservation["Instances"][0].get("PublicIpAddress"), allocation["PublicIp"])
        # A second interface makes the instance id ambiguous.
        subnet = default_subnet(ec2, "us-east-1a")["SubnetId"]
        eni = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
        ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=instance, DeviceIndex=1)
        other = ec2.allocate_address(Domain="vpc")["AllocationId"]
        self.assertEqual(error_of(ec2.associate_address, AllocationId=other, InstanceId=instance)[0],
                         "InvalidInstanceID")


class Persistence(unittest.TestCase):
    def test_interfaces_and_elastic_ips_survive_a_restart(self):
        with LocalEc2() as server:
            ec2 = server.client(region="eu-west-1")
            subnet = default_subnet(ec2, "eu-west-1a")["SubnetId"]
            eni = ec2.create_network_interface(SubnetId=subnet, SecondaryPrivateIpAddressCount=1,
                                               ClientToken="once")["NetworkInterface"]
            allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
            ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=eni["NetworkInterfaceId"])
            interfaces = ec2.describe_network_interfaces()["NetworkInterfaces"]
            addresses = ec2.describe_addresses()["Addresses"]
            available = default_subnet(ec2, "eu-west-1a")["AvailableIpAddressCount"]
            server.restart()
            ec2 = server.client(region="eu-west-1")
            self.assertEqual(ec2.describe_network_interfaces()["NetworkInterfaces"], interfaces)
            self.assertEqual(ec2.describe_addresses()["Addresses"], addresses)
            self.assertEqual(default_subnet(ec2, "eu-west-1a")["AvailableIpAddressCount"], available)
            again = ec2.create_network_interface(SubnetId=subnet, ClientToken="once")["NetworkInterface"]
            self.assertEqual(again["NetworkInterfaceId"], eni["NetworkInterfaceId"])


if __name__ == "__main__":
    unittest.main()
