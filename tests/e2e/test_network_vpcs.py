"""End to end: VPCs, subnets, DHCP options, VPC attributes and secondary blocks, prefix lists and VPC
endpoints through boto3 and the AWS CLI against the real binary, with AWS's error codes, and their
persistence across a restart."""
import unittest

from harness import LocalEc2, ServerTestCase, error_of


class Vpcs(ServerTestCase):
    reset_between_tests = True

    def test_create_describe_and_delete_a_vpc_with_what_it_comes_with(self):
        ec2 = self.server.client()
        created = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "lab"}]}])["Vpc"]
        vpc_id = created["VpcId"]
        self.assertEqual(created["State"], "pending")
        self.assertEqual(created["CidrBlock"], "10.0.0.0/16")
        self.assertFalse(created["IsDefault"])
        self.assertEqual(created["Tags"], [{"Key": "Name", "Value": "lab"}])
        self.assertEqual(created["CidrBlockAssociationSet"][0]["CidrBlockState"]["State"], "associated")
        ec2.get_waiter("vpc_available").wait(VpcIds=[vpc_id], WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        default = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]
        described = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]
        self.assertEqual(described["State"], "available")
        self.assertEqual(described["DhcpOptionsId"], default["DhcpOptionsId"])
        self.assertEqual(described["InstanceTenancy"], "default")
        self.assertEqual([v["VpcId"] for v in ec2.describe_vpcs(
            Filters=[{"Name": "tag:Name", "Values": ["lab"]}])["Vpcs"]], [vpc_id])
        groups = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]
        self.assertEqual([g["GroupName"] for g in groups], ["default"])
        self.assertEqual(error_of(ec2.delete_security_group, GroupId=groups[0]["GroupId"])[0], "CannotDelete")
        # The same group name is fine in two VPCs, not twice in one.
        web = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc_id)["GroupId"]
        ec2.create_security_group(GroupName="web", Description="web")
        self.assertEqual(error_of(ec2.create_security_group, GroupName="web", Description="web", VpcId=vpc_id)[0],
                         "InvalidGroup.Duplicate")
        self.assertEqual(error_of(ec2.delete_vpc, VpcId=vpc_id)[0], "DependencyViolation")
        ec2.delete_security_group(GroupId=web)
        ec2.delete_vpc(VpcId=vpc_id)
        self.assertEqual(error_of(ec2.describe_vpcs, VpcIds=[vpc_id])[0], "InvalidVpcID.NotFound")
        self.assertEqual(ec2.describe_security_groups(
            Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"], [])
        self.assertEqual(error_of(ec2.delete_vpc, VpcId=default["VpcId"])[0], "OperationNotPermitted")

    def test_bad_vpc_input_answers_aws_codes_and_changes_nothing(self):
        ec2 = self.server.client()
        self.assertEqual(error_of(ec2.create_vpc, CidrBlock="10.0.0.0/8")[0], "InvalidVpc.Range")
        self.assertEqual(error_of(ec2.create_vpc, CidrBlock="10.0.0.0/29")[0], "InvalidVpc.Range")
        self.assertEqual(error_of(ec2.create_vpc, CidrBlock="10.0.0/16")[0], "InvalidParameterValue")
        code, message = error_of(ec2.create_vpc, CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("AmazonProvidedIpv6CidrBlock", message)
        self.assertEqual(error_of(ec2.create_vpc, CidrBlock="10.0.0.0/16", DryRun=True)[0], "DryRunOperation")
        self.assertEqual(error_of(ec2.delete_vpc, VpcId="vpc-nope")[0], "InvalidVpcID.Malformed")
        self.assertEqual(error_of(ec2.delete_vpc, VpcId="vpc-0123456789abcdef0")[0], "InvalidVpcID.NotFound")
        self.assertEqual(error_of(ec2.describe_vpcs, Filters=[{"Name": "bogus", "Values": ["x"]}])[0],
                         "InvalidParameterValue")
        self.assertEqual(len(ec2.describe_vpcs()["Vpcs"]), 1)
        # Terraform sends AmazonProvidedIpv6CidrBlock false: it asks for nothing and is accepted.
        ec2.create_vpc(CidrBlock="10.9.0.0/16", AmazonProvidedIpv6CidrBlock=False)

    def test_vpcs_subnets_and_options_are_per_account_and_region(self):
        ec2 = self.server.client()
        vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.0.0/24")["Subnet"]["SubnetId"]
        dopt = ec2.create_dhcp_options(DhcpConfigurations=[{"Key": "ntp-servers", "Values": ["10.0.0.9"]}])[
            "DhcpOptions"]["DhcpOptionsId"]
        for other in (self.server.client(region="eu-west-1"), self.server.client(access_key="444444444444")):
            self.assertEqual(error_of(other.describe_vpcs, VpcIds=[vpc_id])[0], "InvalidVpcID.NotFound")
            self.assertEqual(error_of(other.delete_subnet, SubnetId=subnet_id)[0], "InvalidSubnetID.NotFound")
            self.assertEqual(error_of(other.delete_dhcp_options, DhcpOptionsId=dopt)[0],
                             "InvalidDhcpOptionID.NotFound")
            self.assertEqual(error_of(other.create_subnet, VpcId=vpc_id, CidrBlock="10.0.1.0/24")[0],
                             "InvalidVpcID.NotFound")
            self.assertEqual(len(other.describe_vpcs()["Vpcs"]), 1)
        self.assertEqual(len(ec2.describe_vpcs()["Vpcs"]), 2)

    def test_attributes_and_secondary_blocks(self):
        ec2 = self.server.client()
        vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/24")["Vpc"]["VpcId"]
        self.assertTrue(ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsSupport")
                        ["EnableDnsSupport"]["Value"])
        self.assertFalse(ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames")
                         ["EnableDnsHostnames"]["Value"])
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
        self.assertTrue(ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames")
                        ["EnableDnsHostnames"]["Value"])
        self.assertEqual(error_of(ec2.modify_vpc_attribute, VpcId=vpc_id, EnableDnsHostnames={"Value": True},
                                  EnableDnsSupport={"Value": True})[0], "InvalidParameterCombination")
        self.assertEqual(error_of(ec2.describe_vpc_attribute, VpcId=vpc_id, Attribute="enableDnsNothing")[0],
                         "InvalidParameterValue")
        # The CLI too.
        _, out = self.server.cli("describe-vpc-attribute", "--vpc-id", vpc_id, "--attribute",
                                 "enableNetworkAddressUsageMetrics")
        self.assertEqual(out, {"VpcId": vpc_id, "EnableNetworkAddressUsageMetrics": {"Value": False}})

        added = ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock="10.0.1.0/24")["CidrBlockAssociation"]
        self.assertEqual(added["CidrBlockState"]["State"], "associating")
        blocks = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["CidrBlockAssociationSet"]
        self.assertEqual([b["CidrBlock"] for b in blocks], ["10.0.0.0/24", "10.0.1.0/24"])
        self.assertEqual(error_of(ec2.associate_vpc_cidr_block, VpcId=vpc_id, CidrBlock="10.0.1.0/25")[0],
                         "InvalidVpc.Range")
        self.assertEqual(error_of(ec2.disassociate_vpc_cidr_block,
                                  AssociationId=blocks[0]["AssociationId"])[0], "OperationNotPermitted")
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/26")["Subnet"]["SubnetId"]
        self.assertEqual(error_of(ec2.disassociate_vpc_cidr_block, AssociationId=added["AssociationId"])[0],
                         "DependencyViolation")
        ec2.delete_subnet(SubnetId=subnet)
        gone = ec2.disassociate_vpc_cidr_block(AssociationId=added["AssociationId"])
        self.assertEqual(gone["CidrBlockAssociation"]["CidrBlockState"]["State"], "disassociating")
        self.assertEqual(len(ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["CidrBlockAssociationSet"]), 1)


class Subnets(ServerTestCase):
    reset_between_tests = True

    def test_create_describe_modify_and_delete_subnets(self):
        ec2 = self.server.client(region="eu-west-1")
        vpc_id = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.1.0/24", AvailabilityZone="eu-west-1b",
                                   TagSpecifications=[{"ResourceType": "subnet",
                                                       "Tags": [{"Key": "tier", "Value": "web"}]}])["Subnet"]
        self.assertEqual(subnet["AvailabilityZone"], "eu-west-1b")
        self.assertEqual(subnet["AvailableIpAddressCount"], 251)
        self.assertFalse(subnet["MapPublicIpOnLaunch"])
        self.assertEqual(subnet["PrivateDnsNameOptionsOnLaunch"]["HostnameType"], "ip-name")
        self.assertTrue(subnet["SubnetArn"].endswith(":subnet/" + subnet["SubnetId"]))
        self.assertIn(":eu-west-1:", subnet["SubnetArn"])
        other = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.2.0/24")["Subnet"]
        self.assertNotEqual(other["AvailabilityZone"], "eu-west-1b")
        self.assertEqual(error_of(ec2.create_subnet, VpcId=vpc_id, CidrBlock="10.1.1.128/25")[0],
                         "InvalidSubnet.Conflict")
        self.assertEqual(error_of(ec2.create_subnet, VpcId=vpc_id, CidrBlock="10.2.0.0/24")[0],
                         "InvalidSubnet.Range")
        self.assertEqual(error_of(ec2.create_subnet, VpcId=vpc_id, CidrBlock="10.1.3.0/24",
                                  AvailabilityZone="us-east-1a")[0], "InvalidParameterValue")
        code, message = error_of(ec2.create_subnet, VpcId=vpc_id, CidrBlock="10.1.3.0/24", Ipv6Native=True)
        self.assertEqual((code, "Ipv6Native" in message), ("InvalidParameterValue", True))

        ec2.modify_subnet_attribute(SubnetId=subnet["SubnetId"], MapPublicIpOnLaunch={"Value": True})
        public = ec2.describe_subnets(Filters=[{"Name": "mapPublicIpOnLaunch", "Values": ["true"]},
                                               {"Name": "vpcId", "Values": [vpc_id]}])["Subnets"]
        self.assertEqual([s["SubnetId"] for s in public], [subnet["SubnetId"]])
        self.assertEqual(error_of(ec2.modify_subnet_attribute, SubnetId=subnet["SubnetId"],
                                  AssignIpv6AddressOnCreation={"Value": True})[0], "InvalidParameterValue")
        self.assertEqual([s["SubnetId"] for s in ec2.describe_subnets(
            Filters=[{"Name": "subnet-arn", "Values": [subnet["SubnetArn"]]}])["Subnets"]], [subnet["SubnetId"]])
        self.assertEqual([s["SubnetId"] for s in ec2.describe_subnets(
            Filters=[{"Name": "tag:tier", "Values": ["web"]}])["Subnets"]], [subnet["SubnetId"]])
        # Paginated: 3 default subnets + 2 of ours.
        first = ec2.describe_subnets(MaxResults=5)
        self.assertEqual(len(first["Subnets"]), 5)
        self.assertNotIn("NextToken", first)
        self.assertEqual(error_of(ec2.describe_subnets, Filters=[{"Name": "cidrBlocks", "Values": ["x"]}])[0],
                         "InvalidParameterValue")

        ec2.delete_subnet(SubnetId=subnet["SubnetId"])
        self.assertEqual(error_of(ec2.delete_subnet, SubnetId=subnet["SubnetId"])[0], "InvalidSubnetID.NotFound")
        self.assertEqual(error_of(ec2.delete_subnet, SubnetId="subnet-!")[0], "InvalidSubnetID.Malformed")
        self.assertEqual(error_of(ec2.delete_vpc, VpcId=vpc_id)[0], "DependencyViolation")
        ec2.delete_subnet(SubnetId=other["SubnetId"])
        ec2.delete_vpc(VpcId=vpc_id)


class ThroughTheCli(ServerTestCase):
    reset_between_tests = True

    def test_a_vpc_and_subnet_through_the_aws_cli(self):
        _, vpc = self.server.cli("create-vpc", "--cidr-block", "10.8.0.0/16", "--tag-specifications",
                                 "ResourceType=vpc,Tags=[{Key=Name,Value=cli}]")
        vpc_id = vpc["Vpc"]["VpcId"]
        _, subnet = self.server.cli("create-subnet", "--vpc-id", vpc_id, "--cidr-block", "10.8.1.0/24",
                                    "--availability-zone-id", "use1-az4")
        self.assertEqual(subnet["Subnet"]["AvailabilityZone"], "us-east-1d")
        _, found = self.server.cli("describe-subnets", "--filters", f"Name=vpc-id,Values={vpc_id}")
        self.assertEqual([s["SubnetId"] for s in found["Subnets"]], [subnet["Subnet"]["SubnetId"]])
        code, stderr = self.server.cli("create-subnet", "--vpc-id", vpc_id, "--cidr-block", "10.8.1.0/25",
                                       check=False)
        self.assertNotEqual(code, 0)
        self.assertIn("InvalidSubnet.Conflict", stderr)
        self.server.cli("modify-vpc-attribute", "--vpc-id", vpc_id, "--enable-dns-hostnames", "{\"Value\":true}")
        _, attribute = self.server.cli("describe-vpc-attribute", "--vpc-id", vpc_id, "--attribute",
                                       "enableDnsHostnames")
        self.assertEqual(attribute["EnableDnsHostnames"], {"Value": True})
        self.server.cli("delete-subnet", "--subnet-id", subnet["Subnet"]["SubnetId"])
        self.server.cli("delete-vpc", "--vpc-id", vpc_id)
        _, left = self.server.cli("describe-vpcs", "--filters", "Name=tag:Name,Values=cli")
        self.assertEqual(left["Vpcs"], [])


class InstancesInAVpc(ServerTestCase):
    reset_between_tests = True

    def test_an_instance_keeps_its_subnet_and_vpc_from_being_deleted(self):
        ec2 = self.server.client()
        vpc_id = ec2.create_vpc(CidrBlock="10.3.0.0/16")["Vpc"]["VpcId"]
        subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.3.1.0/24")["Subnet"]["SubnetId"]
        ec2.create_tags(Resources=[vpc_id, subnet_id], Tags=[{"Key": "Name", "Value": "app"}])
        self.assertEqual(ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["app"]}])["Vpcs"][0]["VpcId"],
                         vpc_id)
        image = ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])["Images"]
        instance = ec2.run_instances(ImageId=image[0]["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                     SubnetId=subnet_id)["Instances"][0]
        self.assertEqual((instance["SubnetId"], instance["VpcId"]), (subnet_id, vpc_id))
        self.assertTrue(instance["PrivateIpAddress"].startswith("10.3.1."))
        vpc_default = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                            {"Name": "group-name", "Values": ["default"]}])
        self.assertEqual([g["GroupId"] for g in instance["SecurityGroups"]],
                         [vpc_default["SecurityGroups"][0]["GroupId"]])
        self.assertEqual(error_of(ec2.delete_subnet, SubnetId=subnet_id)[0], "DependencyViolation")
        self.assertEqual(error_of(ec2.delete_vpc, VpcId=vpc_id)[0], "DependencyViolation")
        ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[instance["InstanceId"]],
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        ec2.delete_subnet(SubnetId=subnet_id)
        ec2.delete_vpc(VpcId=vpc_id)


class DhcpOptionsAndLists(ServerTestCase):
    reset_between_tests = True

    def test_dhcp_options_lifecycle(self):
        ec2 = self.server.client()
        options = ec2.create_dhcp_options(DhcpConfigurations=[
            {"Key": "domain-name", "Values": ["corp.example"]},
            {"Key": "domain-name-servers", "Values": ["10.0.0.2"]}],
            TagSpecifications=[{"ResourceType": "dhcp-options", "Tags": [{"Key": "Name", "Value": "corp"}]}],
        )["DhcpOptions"]
        dopt = options["DhcpOptionsId"]
        self.assertEqual(options["DhcpConfigurations"][0],
                         {"Key": "domain-name", "Values": [{"Value": "corp.example"}]})
        self.assertEqual(error_of(ec2.create_dhcp_options,
                                  DhcpConfigurations=[{"Key": "bogus", "Values": ["x"]}])[0], "InvalidParameterValue")
        vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        ec2.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=vpc_id)
        self.assertEqual(ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["DhcpOptionsId"], dopt)
        self.assertEqual(error_of(ec2.delete_dhcp_options, DhcpOptionsId=dopt)[0], "DependencyViolation")
        found = ec2.describe_dhcp_options(Filters=[{"Name": "key", "Values": ["domain-name"]},
                                                   {"Name": "value", "Values": ["corp.*"]}])["DhcpOptions"]
        self.assertEqual([d["DhcpOptionsId"] for d in found], [dopt])
        self.assertEqual(len(ec2.describe_dhcp_options()["DhcpOptions"]), 2)
        self.assertEqual(error_of(ec2.describe_dhcp_options, DhcpOptionsIds=["dopt-0123456789abcdef0"])[0],
                         "InvalidDhcpOptionID.NotFound")
        ec2.associate_dhcp_options(DhcpOptionsId="default", VpcId=vpc_id)
        self.assertEqual(ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["DhcpOptionsId"], "default")
        ec2.delete_dhcp_options(DhcpOptionsId=dopt)
        self.assertEqual(len(ec2.describe_dhcp_options()["DhcpOptions"]), 1)
        for n in range(6):
            ec2.create_dhcp_options(DhcpConfigurations=[{"Key": "ntp-servers", "Values": [f"10.0.0.{n}"]}])
        first = ec2.describe_dhcp_options(MaxResults=5)
        self.assertEqual(len(first["DhcpOptions"]), 5)
        rest = ec2.describe_dhcp_options(MaxResults=5, NextToken=first["NextToken"])
        self.assertEqual(len(rest["DhcpOptions"]), 2)
        self.assertNotIn("NextToken", rest)

    def test_prefix_lists_and_vpc_endpoints(self):
        ec2 = self.server.client(region="eu-central-1")
        managed = ec2.describe_managed_prefix_lists()["PrefixLists"]
        self.assertEqual(sorted(p["PrefixListName"] for p in managed),
                         ["com.amazonaws.eu-central-1.dynamodb", "com.amazonaws.eu-central-1.s3"])
        self.assertTrue(all(p["OwnerId"] == "AWS" and p["State"] == "create-complete" for p in managed))
        s3 = ec2.describe_prefix_lists(Filters=[{"Name": "prefix-list-name",
                                                 "Values": ["com.amazonaws.eu-central-1.s3"]}])["PrefixLists"]
        self.assertEqual(len(s3), 1)
        self.assertTrue(s3[0]["PrefixListId"].startswith("pl-"))
        self.assertEqual(error_of(ec2.describe_prefix_lists, PrefixListIds=["pl-0000abcd"])[0],
                         "InvalidPrefixListID.NotFound")
        self.assertEqual(ec2.describe_vpc_endpoints()["VpcEndpoints"], [])
        self.assertEqual(error_of(ec2.describe_vpc_endpoints, Filters=[{"Name": "nope", "Values": ["x"]}])[0],
                         "InvalidParameterValue")
        self.assertEqual(error_of(ec2.describe_vpc_endpoints, VpcEndpointIds=["vpce-0123456789abcdef0"])[0],
                         "InvalidVpcEndpointId.NotFound")
        self.assertEqual(error_of(ec2.create_vpc_endpoint, VpcId="vpc-0123456789abcdef0",
                                  ServiceName="com.amazonaws.eu-central-1.s3")[0], "NotImplemented")


class VpcPersistence(unittest.TestCase):
    def test_vpc_subnet_and_dhcp_options_survive_a_restart(self):
        with LocalEc2() as server:
            ec2 = server.client(region="us-west-2")
            vpc_id = ec2.create_vpc(CidrBlock="10.5.0.0/16")["Vpc"]["VpcId"]
            ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock="10.6.0.0/16")
            subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.6.1.0/24")["Subnet"]["SubnetId"]
            dopt = ec2.create_dhcp_options(DhcpConfigurations=[
                {"Key": "domain-name", "Values": ["corp.example"]}])["DhcpOptions"]["DhcpOptionsId"]
            ec2.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=vpc_id)
            ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
            before = (ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"], ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"],
                      ec2.describe_dhcp_options(DhcpOptionsIds=[dopt])["DhcpOptions"])
            server.restart()
            ec2 = server.client(region="us-west-2")
            after = (ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"], ec2.describe_subnets(SubnetIds=[subnet_id])["Subnets"],
                     ec2.describe_dhcp_options(DhcpOptionsIds=[dopt])["DhcpOptions"])
            self.assertEqual(after, before)
            self.assertTrue(ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute="enableDnsHostnames")
                            ["EnableDnsHostnames"]["Value"])
            self.assertEqual(error_of(ec2.delete_vpc, VpcId=vpc_id)[0], "DependencyViolation")
            ec2.delete_subnet(SubnetId=subnet_id)
            ec2.delete_vpc(VpcId=vpc_id)


if __name__ == "__main__":
    unittest.main()
