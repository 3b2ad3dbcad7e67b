"""End to end: account isolation over every Describe* localec2 supports. Account B sees none of account
A's resources in any listing, gets AWS's NotFound errors (not a hint of existence) when it names them, and
cannot modify or delete them; what A shares is visible exactly as shared; resetting one account keeps the
others."""
import json
import unittest

from harness import ServerTestCase, error_of

A = "111111111111"
B = "222222222222"

# Every Describe* that lists without arguments.
LISTINGS = ["describe_account_attributes", "describe_availability_zones", "describe_iam_instance_profile_associations",
            "describe_images", "describe_instance_status", "describe_instances", "describe_key_pairs",
            "describe_regions", "describe_security_group_rules", "describe_security_groups", "describe_snapshots",
            "describe_subnets", "describe_tags", "describe_volume_status", "describe_volumes",
            "describe_volumes_modifications", "describe_vpcs", "describe_instance_type_offerings",
            "describe_launch_templates", "describe_placement_groups",
            "describe_instance_credit_specifications", "describe_network_interfaces", "describe_addresses",
            "describe_internet_gateways", "describe_egress_only_internet_gateways", "describe_nat_gateways",
            "describe_route_tables", "describe_network_acls", "describe_dhcp_options"]


class Isolation(ServerTestCase):
    reset_between_tests = True

    def setUp(self):
        super().setUp()
        a = self.a = self.server.client(access_key=A)
        self.b = self.server.client(access_key=B)
        image = a.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]
        self.key = a.create_key_pair(KeyName="a-key", KeyType="ed25519")["KeyPairId"]
        self.group = a.create_security_group(GroupName="a-web", Description="a")["GroupId"]
        rule = a.authorize_security_group_ingress(GroupId=self.group, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                  CidrIp="10.0.0.0/8")["SecurityGroupRules"][0]
        self.rule = rule["SecurityGroupRuleId"]
        self.instance = a.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                        IamInstanceProfile={"Name": "a-role"},
                                        TagSpecifications=[{"ResourceType": "instance",
                                                            "Tags": [{"Key": "owner", "Value": "a"}]}])["Instances"][0]["InstanceId"]
        self.image = a.create_image(InstanceId=self.instance, Name="a-private")["ImageId"]
        self.volume = a.create_volume(AvailabilityZone="us-east-1a", Size=2)["VolumeId"]
        a.modify_volume(VolumeId=self.volume, Size=3)
        self.snapshot = a.create_snapshot(VolumeId=self.volume)["SnapshotId"]
        self.vpc = a.describe_vpcs()["Vpcs"][0]["VpcId"]
        self.subnet = a.describe_subnets()["Subnets"][0]["SubnetId"]
        self.association = a.describe_iam_instance_profile_associations()["IamInstanceProfileAssociations"][0]["AssociationId"]
        self.template = a.create_launch_template(LaunchTemplateName="a-template",
                                                 LaunchTemplateData={"InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        self.placement_group = a.create_placement_group(GroupName="a-pg", Strategy="spread")["PlacementGroup"]["GroupId"]
        # The network family: a VPC of its own with everything in it.
        self.own_vpc = a.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
        own_subnet = a.create_subnet(VpcId=self.own_vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
        self.igw = a.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        a.attach_internet_gateway(InternetGatewayId=self.igw, VpcId=self.own_vpc)
        self.eigw = a.create_egress_only_internet_gateway(VpcId=self.own_vpc)["EgressOnlyInternetGateway"][
            "EgressOnlyInternetGatewayId"]
        self.table = a.create_route_table(VpcId=self.own_vpc)["RouteTable"]["RouteTableId"]
        self.acl = a.create_network_acl(VpcId=self.own_vpc)["NetworkAcl"]["NetworkAclId"]
        self.dhcp = a.create_dhcp_options(DhcpConfigurations=[{"Key": "domain-name", "Values": ["a.internal"]}])[
            "DhcpOptions"]["DhcpOptionsId"]
        self.eni = a.create_network_interface(SubnetId=own_subnet)["NetworkInterface"]["NetworkInterfaceId"]
        self.allocation = a.allocate_address(Domain="vpc")["AllocationId"]
        self.nat = a.create_nat_gateway(SubnetId=own_subnet, AllocationId=self.allocation)["NatGateway"]["NatGatewayId"]
        self.ids = [self.key, self.group, self.rule, self.instance, self.image, self.volume, self.snapshot, self.vpc,
                    self.subnet, self.association, self.template, self.placement_group, self.own_vpc, own_subnet,
                    self.igw, self.eigw, self.table, self.acl, self.dhcp, self.eni, self.allocation, self.nat]

    def test_no_listing_shows_another_accounts_resources(self):
        a_text = "".join(json.dumps(getattr(self.a, name)(), default=str) for name in LISTINGS)
        for resource_id in self.ids:
            self.assertIn(resource_id, a_text)  # the check below could not pass by accident
        for name in LISTINGS:
            text = json.dumps(getattr(self.b, name)(), default=str)
            for resource_id in self.ids:
                self.assertNotIn(resource_id, text, f"{name} shows {resource_id} to another account")
            self.assertNotIn(A, text, f"{name} mentions account A")
        # Versions of every template the caller has, by alias.
        self.assertIn(self.template, json.dumps(self.a.describe_launch_template_versions(Versions=["$Latest"]), default=str))
        self.assertEqual(self.b.describe_launch_template_versions(Versions=["$Latest"])["LaunchTemplateVersions"], [])

    def test_naming_another_accounts_resources_is_not_found(self):
        b = self.b
        expectations = [
            (b.describe_instances, {"InstanceIds": [self.instance]}, "InvalidInstanceID.NotFound"),
            (b.describe_instance_status, {"InstanceIds": [self.instance]}, "InvalidInstanceID.NotFound"),
            (b.describe_instance_attribute, {"InstanceId": self.instance, "Attribute": "userData"}, "InvalidInstanceID.NotFound"),
            (b.describe_key_pairs, {"KeyPairIds": [self.key]}, "InvalidKeyPair.NotFound"),
            (b.describe_key_pairs, {"KeyNames": ["a-key"]}, "InvalidKeyPair.NotFound"),
            (b.describe_security_groups, {"GroupIds": [self.group]}, "InvalidGroup.NotFound"),
            (b.describe_security_group_rules, {"SecurityGroupRuleIds": [self.rule]}, "InvalidSecurityGroupRuleId.NotFound"),
            (b.describe_vpcs, {"VpcIds": [self.vpc]}, "InvalidVpcID.NotFound"),
            (b.describe_subnets, {"SubnetIds": [self.subnet]}, "InvalidSubnetID.NotFound"),
            (b.describe_images, {"ImageIds": [self.image]}, "InvalidAMIID.NotFound"),
            (b.describe_image_attribute, {"ImageId": self.image, "Attribute": "description"}, "InvalidAMIID.NotFound"),
            (b.describe_snapshots, {"SnapshotIds": [self.snapshot]}, "InvalidSnapshot.NotFound"),
            (b.describe_snapshot_attribute, {"SnapshotId": self.snapshot, "Attribute": "createVolumePermission"},
             "InvalidSnapshot.NotFound"),
            (b.describe_volumes, {"VolumeIds": [self.volume]}, "InvalidVolume.NotFound"),
            (b.describe_volume_status, {"VolumeIds": [self.volume]}, "InvalidVolume.NotFound"),
            (b.describe_volumes_modifications, {"VolumeIds": [self.volume]}, "InvalidVolume.NotFound"),
            (b.describe_iam_instance_profile_associations, {"AssociationIds": [self.association]},
             "InvalidAssociationID.NotFound"),
            (b.describe_launch_templates, {"LaunchTemplateIds": [self.template]}, "InvalidLaunchTemplateId.NotFound"),
            (b.describe_launch_templates, {"LaunchTemplateNames": ["a-template"]},
             "InvalidLaunchTemplateName.NotFoundException"),
            (b.describe_placement_groups, {"GroupNames": ["a-pg"]}, "InvalidPlacementGroup.Unknown"),
            (b.describe_instance_credit_specifications, {"InstanceIds": [self.instance]}, "InvalidInstanceID.NotFound"),
            # Changes.
            (b.terminate_instances, {"InstanceIds": [self.instance]}, "InvalidInstanceID.NotFound"),
            (b.stop_instances, {"InstanceIds": [self.instance]}, "InvalidInstanceID.NotFound"),
            (b.modify_instance_attribute, {"InstanceId": self.instance, "DisableApiStop": {"Value": True}},
             "InvalidInstanceID.NotFound"),
            (b.delete_security_group, {"GroupId": self.group}, "InvalidGroup.NotFound"),
            (b.authorize_security_group_ingress, {"GroupId": self.group, "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"},
             "InvalidGroup.NotFound"),
            (b.create_tags, {"Resources": [self.instance], "Tags": [{"Key": "x", "Value": "y"}]}, "InvalidInstanceID.NotFound"),
            (b.create_tags, {"Resources": [self.image], "Tags": [{"Key": "x", "Value": "y"}]}, "InvalidAMIID.NotFound"),
            (b.deregister_image, {"ImageId": self.image}, "InvalidAMIID.NotFound"),
            (b.modify_image_attribute, {"ImageId": self.image, "Description": {"Value": "x"}}, "InvalidAMIID.NotFound"),
            (b.copy_image, {"SourceRegion": "us-east-1", "SourceImageId": self.image, "Name": "steal"}, "InvalidAMIID.NotFound"),
            (b.run_instances, {"ImageId": self.image, "MinCount": 1, "MaxCount": 1}, "InvalidAMIID.NotFound"),
            (b.delete_snapshot, {"SnapshotId": self.snapshot}, "InvalidSnapshot.NotFound"),
            (b.copy_snapshot, {"SourceRegion": "us-east-1", "SourceSnapshotId": self.snapshot}, "InvalidSnapshot.NotFound"),
            (b.create_volume, {"AvailabilityZone": "us-east-1a", "SnapshotId": self.snapshot}, "InvalidSnapshot.NotFound"),
            (b.delete_volume, {"VolumeId": self.volume}, "InvalidVolume.NotFound"),
            (b.attach_volume, {"VolumeId": self.volume, "InstanceId": self.instance, "Device": "/dev/sdf"},
             "InvalidVolume.NotFound"),
            (b.modify_volume, {"VolumeId": self.volume, "Size": 9}, "InvalidVolume.NotFound"),
            (b.create_snapshot, {"VolumeId": self.volume}, "InvalidVolume.NotFound"),
            (b.disassociate_iam_instance_profile, {"AssociationId": self.association}, "InvalidAssociationID.NotFound"),
            (b.delete_launch_template, {"LaunchTemplateId": self.template}, "InvalidLaunchTemplateId.NotFound"),
            (b.run_instances, {"LaunchTemplate": {"LaunchTemplateId": self.template}, "ImageId": self.image,
                               "MinCount": 1, "MaxCount": 1}, "InvalidLaunchTemplateId.NotFound"),
            (b.delete_placement_group, {"GroupName": "a-pg"}, "InvalidPlacementGroup.Unknown"),
            (b.modify_instance_metadata_options, {"InstanceId": self.instance, "HttpTokens": "required"},
             "InvalidInstanceID.NotFound"),
            # The network family.
            (b.describe_network_interfaces, {"NetworkInterfaceIds": [self.eni]}, "InvalidNetworkInterfaceID.NotFound"),
            (b.delete_network_interface, {"NetworkInterfaceId": self.eni}, "InvalidNetworkInterfaceID.NotFound"),
            (b.describe_addresses, {"AllocationIds": [self.allocation]}, "InvalidAllocationID.NotFound"),
            (b.release_address, {"AllocationId": self.allocation}, "InvalidAllocationID.NotFound"),
            (b.describe_internet_gateways, {"InternetGatewayIds": [self.igw]}, "InvalidInternetGatewayID.NotFound"),
            (b.detach_internet_gateway, {"InternetGatewayId": self.igw, "VpcId": self.own_vpc},
             "InvalidInternetGatewayID.NotFound"),
            (b.describe_route_tables, {"RouteTableIds": [self.table]}, "InvalidRouteTableID.NotFound"),
            (b.delete_route_table, {"RouteTableId": self.table}, "InvalidRouteTableID.NotFound"),
            (b.describe_network_acls, {"NetworkAclIds": [self.acl]}, "InvalidNetworkAclID.NotFound"),
            (b.describe_dhcp_options, {"DhcpOptionsIds": [self.dhcp]}, "InvalidDhcpOptionID.NotFound"),
            (b.describe_nat_gateways, {"NatGatewayIds": [self.nat]}, "NatGatewayNotFound"),
            (b.delete_vpc, {"VpcId": self.own_vpc}, "InvalidVpcID.NotFound"),
            (b.create_subnet, {"VpcId": self.own_vpc, "CidrBlock": "10.9.2.0/24"}, "InvalidVpcID.NotFound"),
        ]
        for call, params, code in expectations:
            with self.subTest(call=call.__name__, params=params):
                self.assertEqual(error_of(call, **params)[0], code)
        # Deleting a key pair that is not there succeeds on AWS, and must leave A's alone.
        b.delete_key_pair(KeyPairId=self.key)
        self.assertEqual([k["KeyPairId"] for k in self.a.describe_key_pairs()["KeyPairs"]], [self.key])
        self.assertEqual(self.a.describe_instances(InstanceIds=[self.instance])["Reservations"][0]["Instances"][0]
                         ["State"]["Name"], "running")

    def test_shared_and_public_images_and_snapshots_are_visible_exactly_as_shared(self):
        a, b = self.a, self.b
        c = self.server.client(access_key="333333333333")
        a.modify_image_attribute(ImageId=self.image, LaunchPermission={"Add": [{"UserId": B}]})
        a.modify_snapshot_attribute(SnapshotId=self.snapshot, CreateVolumePermission={"Add": [{"UserId": B}]})
        self.assertEqual([i["ImageId"] for i in b.describe_images(Owners=[A])["Images"]], [self.image])
        self.assertEqual([s["SnapshotId"] for s in b.describe_snapshots(OwnerIds=[A])["Snapshots"]], [self.snapshot])
        self.assertEqual(c.describe_images(Owners=[A])["Images"], [])
        self.assertEqual(c.describe_snapshots(OwnerIds=[A])["Snapshots"], [])
        a.modify_image_attribute(ImageId=self.image, LaunchPermission={"Add": [{"Group": "all"}]})
        a.modify_snapshot_attribute(SnapshotId=self.snapshot, CreateVolumePermission={"Add": [{"Group": "all"}]})
        self.assertEqual([i["ImageId"] for i in c.describe_images(Owners=[A])["Images"]], [self.image])
        self.assertEqual([s["SnapshotId"] for s in c.describe_snapshots(RestorableByUserIds=["all"])["Snapshots"]],
                         [self.snapshot])
        # Visible is not writable.
        self.assertEqual(error_of(c.deregister_image, ImageId=self.image)[0], "AuthFailure")
        self.assertEqual(error_of(c.delete_snapshot, SnapshotId=self.snapshot)[0], "InvalidSnapshot.NotFound")
        # The instances, volumes and key pairs behind them stay private.
        self.assertEqual(c.describe_instances()["Reservations"], [])
        self.assertEqual(c.describe_volumes()["Volumes"], [])


class Accounts(ServerTestCase):
    reset_between_tests = True

    def test_accounts_never_see_each_other(self):
        alice, bob = self.server.client(access_key="111111111111"), self.server.client(access_key="222222222222")
        sg = alice.create_security_group(GroupName="secret", Description="d")["GroupId"]
        self.assertEqual(error_of(bob.describe_security_groups, GroupIds=[sg])[0], "InvalidGroup.NotFound")
        self.assertEqual(error_of(bob.delete_security_group, GroupId=sg)[0], "InvalidGroup.NotFound")
        self.assertEqual(error_of(bob.create_tags, Resources=[sg], Tags=[{"Key": "a", "Value": "b"}])[0],
                         "InvalidGroup.NotFound")
        self.assertEqual([g["GroupName"] for g in bob.describe_security_groups()["SecurityGroups"]], ["default"])

    def test_reset_of_one_account_keeps_the_others(self):
        alice, bob = self.server.client(access_key="111111111111"), self.server.client(access_key="222222222222")
        alice.create_security_group(GroupName="a", Description="d")
        bob.create_security_group(GroupName="b", Description="d")
        self.assertEqual(self.server.reset("111111111111"), b'{"reset":"111111111111"}')
        self.assertEqual(len(alice.describe_security_groups()["SecurityGroups"]), 1)
        self.assertEqual(len(bob.describe_security_groups()["SecurityGroups"]), 2)


if __name__ == "__main__":
    unittest.main()
