"""End to end: Packer's amazon-ebs build replayed call by call, in packer-plugin-amazon's order and with its
parameters: pre-validation, the source AMI lookup (most_recent), a temporary key pair and security group,
the source instance, stop, CreateImage, an encrypted copy to another region (ami_regions), sharing the
AMIs and their snapshots (ami_users, snapshot_users), tags, and Packer's cleanup. CreateSecurityGroup and
RunInstances go as the raw form Packer's Go SDK writes, empty strings (VpcId=, SubnetId=,
IamInstanceProfile.Name=, UserData=, Placement.AvailabilityZone=) included.

Packer talks SSH to the instance between launch and stop; localec2 runs no guest, so that step is left out
(a Packer build against localec2 uses `communicator = "none"`)."""
import datetime
import unittest
import urllib.parse
import uuid

from cryptography.hazmat.primitives.serialization import load_pem_private_key

from harness import ServerTestCase, error_code

BUILD_REGION = "us-east-1"
COPY_REGION = "eu-west-1"  # ami_regions
SHARED_WITH = "222222222222"  # ami_users and snapshot_users
WAIT = {"Delay": 1, "MaxAttempts": 10}
RUN_TAGS = [{"Key": "Name", "Value": "Packer Builder"}]  # run_tags
SOURCE_AMI_FILTERS = [{"Name": "name", "Values": ["al2023-ami-2023.*-x86_64"]},
                      {"Name": "root-device-type", "Values": ["ebs"]},
                      {"Name": "virtualization-type", "Values": ["hvm"]}]


def by_key(tag):
    return tag["Key"]


class PackerAmazonEbs(ServerTestCase):
    reset_between_tests = True

    def setUp(self):
        super().setUp()
        self.ec2 = self.server.client(region=BUILD_REGION)
        self.eu = self.server.client(region=COPY_REGION)
        self.run_id = uuid.uuid4()
        self.ami_name = f"packer-localec2-{int(datetime.datetime.now().timestamp())}"

    def form(self, action, **params):
        """Sends one EC2 Query request as Packer's Go SDK writes it (unsigned, so in us-east-1); returns the XML."""
        body = urllib.parse.urlencode({"Action": action, "Version": "2016-11-15", **params}).encode()
        status, text = self.server.raw(body)
        self.assertEqual(status, 200, f"{action}: {text}")
        return text

    # Steps 1-2 ------------------------------------------------------------------------------------
    def pre_validate_and_find_source_ami(self):
        """StepPreValidate and StepSourceAMIInfo; returns the source image (most_recent = true)."""
        regions = [r["RegionName"] for r in self.ec2.describe_regions()["Regions"]]
        self.assertTrue({BUILD_REGION, COPY_REGION} <= set(regions))
        taken = self.ec2.describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [self.ami_name]}])
        self.assertEqual(taken["Images"], [])  # any image here stops the build: "AMI Name is used"
        images = self.ec2.describe_images(IncludeDeprecated=False, Owners=["amazon"], Filters=SOURCE_AMI_FILTERS)["Images"]
        self.assertGreaterEqual(len(images), 1)
        newest = max(images, key=lambda i: datetime.datetime.fromisoformat(i["CreationDate"].replace("Z", "+00:00")))
        self.assertEqual((newest["RootDeviceType"], newest["VirtualizationType"], newest["Architecture"]),
                         ("ebs", "hvm", "x86_64"))
        return newest

    # Steps 4-5 ------------------------------------------------------------------------------------
    def temporary_key_pair_and_group(self):
        key_name = f"packer_{self.run_id}"
        key = self.ec2.create_key_pair(KeyName=key_name, KeyType="rsa")
        self.assertEqual(key["KeyName"], key_name)
        # Packer connects with this key: it must be a real RSA private key in PEM.
        private_key = load_pem_private_key(key["KeyMaterial"].encode(), password=None)
        self.assertEqual(private_key.key_size, 2048)
        # CreateSecurityGroup with VpcId empty (no vpc_id configured): the default VPC.
        xml = self.form("CreateSecurityGroup", GroupName=f"packer_{self.run_id}",
                        GroupDescription="Temporary group for Packer", VpcId="")
        group_id = xml.split("<groupId>")[1].split("</groupId>")[0]
        self.ec2.get_waiter("security_group_exists").wait(GroupIds=[group_id], WaiterConfig=WAIT)
        authorized = self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        self.assertTrue(authorized["Return"])
        group = self.ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
        default_vpc = self.ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        self.assertEqual((group["GroupName"], group["Description"], group["VpcId"]),
                         (f"packer_{self.run_id}", "Temporary group for Packer", default_vpc))
        return key_name, group_id

    # Step 7 ---------------------------------------------------------------------------------------
    def run_source_instance(self, source_image, key_name, group_id):
        """RunInstances with what Packer sends with no subnet, instance profile or user data configured and
        run_tags = {Name = "Packer Builder"}: the run tags go to the instance and its network interface, and a
        burstable type gets standard CPU credits."""
        xml = self.form("RunInstances", **{
            "ImageId": source_image, "InstanceType": "t3.micro", "UserData": "", "MinCount": "1", "MaxCount": "1",
            "IamInstanceProfile.Name": "", "Placement.AvailabilityZone": "", "EbsOptimized": "false",
            "EnclaveOptions.Enabled": "false", "CreditSpecification.CpuCredits": "standard",
            "TagSpecification.1.ResourceType": "instance", "TagSpecification.1.Tag.1.Key": "Name",
            "TagSpecification.1.Tag.1.Value": "Packer Builder", "TagSpecification.2.ResourceType": "network-interface",
            "TagSpecification.2.Tag.1.Key": "Name", "TagSpecification.2.Tag.1.Value": "Packer Builder",
            "KeyName": key_name, "SubnetId": "", "SecurityGroupId.1": group_id,
            "InstanceInitiatedShutdownBehavior": "stop"})
        instance_id = xml.split("<instanceId>")[1].split("</instanceId>")[0]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id], WaiterConfig=WAIT)
        instance = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        return instance

    def launch(self):
        """Steps 1 to 7, as a build reaches its SSH step; returns (instance, key name, group id)."""
        source = self.pre_validate_and_find_source_ami()
        key_name, group_id = self.temporary_key_pair_and_group()
        instance = self.run_source_instance(source["ImageId"], key_name, group_id)
        self.assertEqual(instance["ImageId"], source["ImageId"])
        return instance, key_name, group_id

    def stop(self, instance_id):
        """StepStopEBSBackedInstance."""
        stopping = self.ec2.stop_instances(InstanceIds=[instance_id])["StoppingInstances"]
        self.assertEqual([s["InstanceId"] for s in stopping], [instance_id])
        self.ec2.get_waiter("instance_stopped").wait(InstanceIds=[instance_id], WaiterConfig=WAIT)

    def snapshots_of(self, client, image_id):
        image = client.describe_images(ImageIds=[image_id])["Images"][0]
        return sorted(m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"] if "Ebs" in m)

    def test_an_amazon_ebs_build_with_run_tags_ami_regions_users_and_tags(self):
        instance, key_name, group_id = self.launch()
        instance_id = instance["InstanceId"]
        self.assertEqual(instance["State"]["Name"], "running")
        self.assertEqual(instance["KeyName"], key_name)
        self.assertEqual([g["GroupId"] for g in instance["SecurityGroups"]], [group_id])
        self.assertEqual(instance["Tags"], RUN_TAGS)
        self.assertNotIn("IamInstanceProfile", instance)  # IamInstanceProfile.Name= names no profile
        self.assertRegex(instance["PrivateIpAddress"], r"^172\.31\.\d+\.\d+$")  # where Packer would SSH
        self.assertEqual(instance["EbsOptimized"], False)
        self.assertEqual(self.ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="userData")
                         .get("UserData"), {})
        self.assertEqual(self.ec2.describe_instance_attribute(
            InstanceId=instance_id, Attribute="instanceInitiatedShutdownBehavior")["InstanceInitiatedShutdownBehavior"],
            {"Value": "stop"})
        self.stop(instance_id)

        # Step 12: CreateImage with the run tags on the image and its snapshots, then ImageAvailable, then
        # DescribeImages for the snapshot ids.
        ami = self.ec2.create_image(InstanceId=instance_id, Name=self.ami_name, TagSpecifications=[
            {"ResourceType": kind, "Tags": RUN_TAGS} for kind in ("image", "snapshot")])["ImageId"]
        self.ec2.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=WAIT)
        snapshots = {BUILD_REGION: self.snapshots_of(self.ec2, ami)}
        self.assertEqual(len(snapshots[BUILD_REGION]), 1)

        # Step 13: CopyImage from the copy region's client, encrypted, KmsKeyId empty (the default key).
        copy = self.eu.copy_image(SourceRegion=BUILD_REGION, SourceImageId=ami, Name=self.ami_name, Encrypted=True,
                                  KmsKeyId="", CopyImageTags=True)["ImageId"]
        self.eu.get_waiter("image_available").wait(ImageIds=[copy], WaiterConfig=WAIT)
        snapshots[COPY_REGION] = self.snapshots_of(self.eu, copy)
        copied_snapshot = self.eu.describe_snapshots(SnapshotIds=snapshots[COPY_REGION])["Snapshots"][0]
        self.assertEqual(copied_snapshot["Encrypted"], True)
        self.assertRegex(copied_snapshot["KmsKeyId"], rf"^arn:aws:kms:{COPY_REGION}:000000000000:key/")
        amis = {BUILD_REGION: ami, COPY_REGION: copy}
        clients = {BUILD_REGION: self.ec2, COPY_REGION: self.eu}

        # Step 15: ami_users and snapshot_users, one ModifyImageAttribute per AMI and one
        # ModifySnapshotAttribute per snapshot, with the list and the Add both set, no Attribute.
        for region, image_id in amis.items():
            clients[region].modify_image_attribute(ImageId=image_id, UserIds=[SHARED_WITH],
                                                   LaunchPermission={"Add": [{"UserId": SHARED_WITH}]})
            self.assertEqual(clients[region].describe_image_attribute(ImageId=image_id, Attribute="launchPermission")
                             ["LaunchPermissions"], [{"UserId": SHARED_WITH}])
            for snapshot_id in snapshots[region]:
                clients[region].modify_snapshot_attribute(SnapshotId=snapshot_id, UserIds=[SHARED_WITH],
                                                          CreateVolumePermission={"Add": [{"UserId": SHARED_WITH}]})
                self.assertEqual(clients[region].describe_snapshot_attribute(
                    SnapshotId=snapshot_id, Attribute="createVolumePermission")["CreateVolumePermissions"],
                    [{"UserId": SHARED_WITH}])
        for region, image_id in amis.items():
            shared = self.server.client(region=region, access_key=SHARED_WITH)
            self.assertEqual(shared.describe_images(ImageIds=[image_id])["Images"][0]["OwnerId"], "000000000000")

        # Step 16: tags on the AMI and its snapshots, then snapshot_tags on the snapshots, per region.
        tags = [{"Key": "OS_Version", "Value": "Amazon Linux 2023"}, {"Key": "Release", "Value": "Latest"}]
        snapshot_tags = [{"Key": "Purpose", "Value": "packer"}]
        for region, image_id in amis.items():
            client = clients[region]
            self.assertEqual(len(client.describe_images(ImageIds=[image_id])["Images"]), 1)
            client.create_tags(Resources=[image_id, *snapshots[region]], Tags=tags)
            client.create_tags(Resources=snapshots[region], Tags=snapshot_tags)
            image_tags = client.describe_images(ImageIds=[image_id])["Images"][0]["Tags"]
            # The run tags came with CreateImage, and to the copy with CopyImageTags; its snapshots are new.
            self.assertEqual(sorted(image_tags, key=by_key), sorted(RUN_TAGS + tags, key=by_key))
            snapshot_run_tags = RUN_TAGS if region == BUILD_REGION else []
            for snapshot in client.describe_snapshots(SnapshotIds=snapshots[region])["Snapshots"]:
                self.assertEqual(sorted(snapshot["Tags"], key=by_key),
                                 sorted(snapshot_run_tags + tags + snapshot_tags, key=by_key))

        # Cleanup, in Packer's reverse order: the instance, its leftover volumes, the group, the key pair.
        volume_ids = [m["Ebs"]["VolumeId"] for m in instance["BlockDeviceMappings"]]
        terminating = self.ec2.terminate_instances(InstanceIds=[instance_id])["TerminatingInstances"]
        self.assertEqual([t["InstanceId"] for t in terminating], [instance_id])
        self.ec2.get_waiter("instance_terminated").wait(InstanceIds=[instance_id], WaiterConfig=WAIT)
        leftover = self.ec2.describe_volumes(Filters=[{"Name": "volume-id", "Values": volume_ids}])["Volumes"]
        self.assertEqual(leftover, [])  # the root volume was DeleteOnTermination
        self.assertTrue(self.ec2.delete_security_group(GroupId=group_id)["Return"])
        self.assertTrue(self.ec2.delete_key_pair(KeyName=key_name)["Return"])

        # The artifacts stay: one AMI per region with its snapshots; the name is now taken for the next build.
        for region, image_id in amis.items():
            mine = clients[region].describe_images(Owners=["self"], Filters=[{"Name": "name", "Values": [self.ami_name]}])
            self.assertEqual([(i["ImageId"], i["State"]) for i in mine["Images"]], [(image_id, "available")])
            self.assertEqual(sorted(s["SnapshotId"] for s in clients[region].describe_snapshots(OwnerIds=["self"])["Snapshots"]),
                             snapshots[region])
        self.assertEqual(self.ec2.describe_key_pairs()["KeyPairs"], [])
        self.assertEqual([g["GroupName"] for g in self.ec2.describe_security_groups()["SecurityGroups"]], ["default"])

    def test_packers_run_instances_naming_a_missing_key_pair_launches_nothing(self):
        """Packer's RunInstances, empty strings included, with a key pair that does not exist."""
        source = self.pre_validate_and_find_source_ami()
        xml = self.server.raw(urllib.parse.urlencode({
            "Action": "RunInstances", "Version": "2016-11-15", "ImageId": source["ImageId"], "InstanceType": "t3.micro",
            "UserData": "", "MinCount": "1", "MaxCount": "1", "IamInstanceProfile.Name": "",
            "Placement.AvailabilityZone": "", "EbsOptimized": "false", "EnclaveOptions.Enabled": "false",
            "KeyName": f"packer_{self.run_id}", "SubnetId": ""}).encode())
        self.assertEqual((xml[0], error_code(xml[1])), (400, "InvalidKeyPair.NotFound"))
        self.assertEqual(self.ec2.describe_instances()["Reservations"], [])

    def test_enclave_options_false_is_shown_on_the_source_instance(self):
        # AWS shows {"Enabled": false} on every instance (Terraform's Read reads EnclaveOptions.Enabled too).
        instance, _, _ = self.launch()
        self.assertEqual(instance["EnclaveOptions"], {"Enabled": False})

    def test_run_tags_reach_the_source_instances_network_interface(self):
        # Packer's run_tags go to the instance, its volumes and its network interface.
        instance, _, _ = self.launch()
        eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
        tags = self.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [eni]}])["Tags"]
        self.assertEqual([(t["ResourceType"], t["Key"], t["Value"]) for t in tags],
                         [("network-interface", "Name", "Packer Builder")])

    def test_create_image_with_a_larger_root_in_ami_block_device_mappings(self):
        # ami_block_device_mappings grows the root at CreateImage (8 → 20 GiB), as the console does.
        instance, _, _ = self.launch()
        self.stop(instance["InstanceId"])
        ami = self.ec2.create_image(InstanceId=instance["InstanceId"], Name=self.ami_name, BlockDeviceMappings=[
            {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3", "DeleteOnTermination": True}}])["ImageId"]
        self.ec2.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=WAIT)
        root = self.ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]
        self.assertEqual((root["DeviceName"], root["Ebs"]["VolumeSize"], root["Ebs"]["VolumeType"]),
                         ("/dev/xvda", 20, "gp3"))


if __name__ == "__main__":
    unittest.main()
