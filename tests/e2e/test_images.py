"""End to end: AMIs, snapshots and volumes through the AWS CLI and boto3 — the seed walkthrough (create an
image, copy it to another region, launch there, deregister, find the snapshots left behind), sharing across
accounts, protection, deprecation, disabling, volumes and their waiters, the catalog and --catalog."""
import json
import os
import tempfile
import time
import unittest

from harness import LocalEc2, ServerTestCase, error_of
from walkthrough import seed_walkthrough

ALICE = "111111111111"
BOB = "222222222222"
WAIT = {"Delay": 1, "MaxAttempts": 5}


def al2023(ec2):
    return ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])["Images"][0]["ImageId"]


class Images(ServerTestCase):
    reset_between_tests = True

    def launch(self, ec2, image_id=None, **kwargs):
        kwargs.setdefault("InstanceType", "t3.micro")
        return ec2.run_instances(ImageId=image_id or al2023(ec2), MinCount=1, MaxCount=1, **kwargs)["Instances"][0]

    def test_cli_seed_walkthrough(self):
        seed_walkthrough(self, self.server.cli)  # the pip AWS CLI v1; test_cli_v2 runs it through v2

    def test_launch_from_image_gets_only_what_the_launch_names(self):
        ec2 = self.server.client()
        ec2.create_key_pair(KeyName="lab", KeyType="ed25519")
        sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        iid = self.launch(ec2, KeyName="lab", SecurityGroupIds=[sg],
                          BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 12}}])["InstanceId"]
        ami = ec2.create_image(InstanceId=iid, Name="golden (v1)")["ImageId"]
        ec2.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=WAIT)
        bare = self.launch(ec2, ami)
        self.assertNotIn("KeyName", bare)
        self.assertEqual([g["GroupName"] for g in bare["SecurityGroups"]], ["default"])
        volume_id = bare["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        volume = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
        root_snapshot = ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
        self.assertEqual((volume["Size"], volume["SnapshotId"], volume["State"]), (12, root_snapshot, "in-use"))
        self.assertEqual(volume["Attachments"][0]["InstanceId"], bare["InstanceId"])
        grown = self.launch(ec2, ami, BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30}}])
        grown_volume = grown["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        self.assertEqual(ec2.describe_volumes(VolumeIds=[grown_volume])["Volumes"][0]["Size"], 30)
        self.assertEqual(error_of(self.launch, ec2, ami,
                                  BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}}])[0],
                         "InvalidBlockDeviceMapping")
        self.assertEqual(error_of(ec2.create_image, InstanceId=iid, Name="golden (v1)")[0], "InvalidAMIName.Duplicate")
        self.assertEqual(error_of(ec2.create_image, InstanceId=iid, Name="bad!name")[0], "InvalidAMIName.Malformed")
        self.assertEqual(error_of(ec2.create_image, InstanceId="i-0123456789abcdef0", Name="abc")[0],
                         "InvalidInstanceID.NotFound")
        self.assertEqual(ec2.describe_images(ImageIds=[ami])["Images"][0]["LastLaunchedTime"][:4], time.strftime("%Y"))
        store = ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "root-device-type", "Values": ["instance-store"]}])["Images"][0]["ImageId"]
        store_instance = self.launch(ec2, store, InstanceType="m5d.large")["InstanceId"]
        self.assertEqual(error_of(ec2.create_image, InstanceId=store_instance, Name="nope")[0], "UnsupportedOperation")

    def test_create_image_with_a_larger_gp3_root(self):
        # What the console and Packer's ami_block_device_mappings send: the image's root is 20 GiB gp3.
        ec2 = self.server.client()
        iid = self.launch(ec2)["InstanceId"]
        root = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [iid]}])["Volumes"][0]
        self.assertEqual(root["Size"], 8)
        ami = ec2.create_image(InstanceId=iid, Name="grown", BlockDeviceMappings=[
            {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3", "Iops": 4000,
                                                "Throughput": 250}}])["ImageId"]
        ec2.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=WAIT)
        ebs = ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]
        self.assertEqual((ebs["VolumeSize"], ebs["VolumeType"], ebs["Iops"], ebs["Throughput"]),
                         (20, "gp3", 4000, 250))
        snapshot = ec2.describe_snapshots(SnapshotIds=[ebs["SnapshotId"]])["Snapshots"][0]
        self.assertEqual(snapshot["VolumeSize"], 8)
        launched = self.launch(ec2, ami)
        volume_id = launched["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        volume = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
        self.assertEqual((volume["Size"], volume["VolumeType"], volume["Iops"], volume["Throughput"]),
                         (20, "gp3", 4000, 250))
        code, message = error_of(ec2.create_image, InstanceId=iid, Name="shrunk", BlockDeviceMappings=[
            {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 4}}])
        self.assertEqual(code, "InvalidBlockDeviceMapping")
        self.assertRegex(message, r"^Volume of size 4GB is smaller than snapshot 'snap-[0-9a-f]{17}', expect size >= 8GB$")
        self.assertEqual(error_of(ec2.create_image, InstanceId=iid, Name="encrypted", BlockDeviceMappings=[
            {"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": True}}])[0], "InvalidBlockDeviceMapping")
        self.assertEqual(error_of(ec2.create_image, InstanceId=iid, Name="slow", BlockDeviceMappings=[
            {"DeviceName": "/dev/xvda", "Ebs": {"VolumeType": "gp3", "Iops": 100}}])[0], "InvalidParameterValue")

    def test_resolve_ssm_image_ids_launch_the_catalogs_current_image(self):
        al2023_param = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
        ec2 = self.server.client(region="eu-west-1")
        launched = self.launch(ec2, "resolve:ssm:" + al2023_param)
        self.assertEqual(launched["ImageId"], al2023(ec2))
        ubuntu = self.launch(ec2, "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/"
                                  "ebs-gp2/ami-id")
        name = ec2.describe_images(ImageIds=[ubuntu["ImageId"]])["Images"][0]["Name"]
        self.assertEqual(name, "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20251105")
        code, message = error_of(self.launch, ec2, "resolve:ssm:/golden-ami")
        self.assertEqual(code, "InvalidParameterValue")
        self.assertIn("/golden-ami", message)
        # DescribeImages takes ids only, as on AWS.
        self.assertEqual(error_of(ec2.describe_images, ImageIds=["resolve:ssm:" + al2023_param])[0],
                         "InvalidAMIID.Malformed")
        # The AWS CLI, in another region: that region's own catalog image.
        _, run = self.server.cli("run-instances", "--image-id",
                                 "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
                                 "--instance-type", "t4g.micro", region="us-west-2")
        west = self.server.client(region="us-west-2")
        arm = west.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["arm64"]}])["Images"]
        self.assertEqual(run["Instances"][0]["ImageId"], arm[0]["ImageId"])
        self.assertNotEqual(arm[0]["ImageId"], ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["arm64"]}])["Images"][0]["ImageId"])
        rc, err = self.server.cli("run-instances", "--image-id", "resolve:ssm:/no/such/parameter",
                                  "--instance-type", "t3.micro", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("InvalidParameterValue", err)

    def test_sharing_between_accounts(self):
        alice = self.server.client(access_key=ALICE)
        bob = self.server.client(access_key=BOB)
        iid = self.launch(alice)["InstanceId"]
        ami = alice.create_image(InstanceId=iid, Name="shared", TagSpecifications=[
            {"ResourceType": "image", "Tags": [{"Key": "team", "Value": "a"}]}])["ImageId"]
        self.assertEqual(error_of(bob.describe_images, ImageIds=[ami])[0], "InvalidAMIID.NotFound")
        self.assertEqual(error_of(self.launch, bob, ami)[0], "InvalidAMIID.NotFound")
        alice.modify_image_attribute(ImageId=ami, LaunchPermission={"Add": [{"UserId": BOB}]})
        seen = bob.describe_images(ImageIds=[ami])["Images"][0]
        self.assertEqual((seen["OwnerId"], seen["Public"], seen.get("Tags")), (ALICE, False, None))
        self.assertEqual([i["ImageId"] for i in bob.describe_images(ExecutableUsers=["self"])["Images"]], [ami])
        self.launch(bob, ami)
        self.assertEqual(error_of(bob.deregister_image, ImageId=ami)[0], "AuthFailure")
        self.assertEqual(error_of(bob.modify_image_attribute, ImageId=ami, Description={"Value": "x"})[0], "AuthFailure")
        self.assertEqual(alice.describe_image_attribute(ImageId=ami, Attribute="launchPermission")["LaunchPermissions"],
                         [{"UserId": BOB}])
        alice.reset_image_attribute(ImageId=ami, Attribute="launchPermission")
        self.assertEqual(error_of(bob.describe_images, ImageIds=[ami])[0], "InvalidAMIID.NotFound")
        # Public: everyone sees it; the CLI's --attribute/--operation-type spelling works too.
        self.server.cli("modify-image-attribute", "--image-id", ami, "--attribute", "launchPermission",
                        "--operation-type", "add", "--user-groups", "all", access_key=ALICE)
        self.assertIn(ami, [i["ImageId"] for i in bob.describe_images(ExecutableUsers=["all"], Owners=[ALICE])["Images"]])
        # Snapshots of the image stay private to Alice.
        self.assertEqual(bob.describe_snapshots(OwnerIds=[ALICE])["Snapshots"], [])
        # A copy by Bob is Bob's, with snapshots in Bob's account.
        copy = bob.copy_image(SourceRegion="us-east-1", SourceImageId=ami, Name="bobs-copy")["ImageId"]
        self.assertEqual(bob.describe_images(ImageIds=[copy])["Images"][0]["OwnerId"], BOB)
        self.assertEqual(len(bob.describe_snapshots(OwnerIds=["self"])["Snapshots"]), 1)

    def test_protection_deprecation_and_disabling(self):
        ec2 = self.server.client()
        iid = self.launch(ec2)["InstanceId"]
        ami = ec2.create_image(InstanceId=iid, Name="protected")["ImageId"]
        self.assertEqual(ec2.enable_image_deregistration_protection(ImageId=ami, WithCooldown=True)["Return"], "true")
        self.assertEqual(ec2.describe_images(ImageIds=[ami])["Images"][0]["DeregistrationProtection"],
                         "enabled-with-cooldown")
        self.assertEqual(error_of(ec2.deregister_image, ImageId=ami)[0], "OperationNotPermitted")
        ec2.disable_image_deregistration_protection(ImageId=ami)
        self.assertEqual(error_of(ec2.deregister_image, ImageId=ami)[0], "OperationNotPermitted")  # 24 h cooldown
        other = ec2.create_image(InstanceId=iid, Name="unprotected")["ImageId"]
        ec2.enable_image_deregistration_protection(ImageId=other)
        ec2.disable_image_deregistration_protection(ImageId=other)
        snapshot = ec2.describe_images(ImageIds=[other])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
        result = ec2.deregister_image(ImageId=other, DeleteAssociatedSnapshots=True)
        self.assertEqual(result["DeleteSnapshotResults"], [{"SnapshotId": snapshot, "ReturnCode": "success"}])
        self.assertEqual(error_of(ec2.describe_snapshots, SnapshotIds=[snapshot])[0], "InvalidSnapshot.NotFound")
        self.assertEqual(error_of(ec2.deregister_image, ImageId=other)[0], "InvalidAMIID.Unavailable")

        self.assertEqual(error_of(ec2.enable_image_deprecation, ImageId=ami, DeprecateAt="2001-01-01T00:00:00Z")[0],
                         "InvalidParameterValue")
        ec2.enable_image_deprecation(ImageId=ami, DeprecateAt="2030-05-01T10:00:20Z")
        self.assertEqual(ec2.describe_images(ImageIds=[ami])["Images"][0]["DeprecationTime"], "2030-05-01T10:00:00.000Z")
        ec2.disable_image_deprecation(ImageId=ami)
        self.assertNotIn("DeprecationTime", ec2.describe_images(ImageIds=[ami])["Images"][0])

        ec2.disable_image(ImageId=ami)
        self.assertNotIn(ami, [i["ImageId"] for i in ec2.describe_images(Owners=["self"])["Images"]])
        disabled = ec2.describe_images(Owners=["self"], IncludeDisabled=True)["Images"]
        self.assertEqual([(i["ImageId"], i["State"]) for i in disabled], [(ami, "disabled")])
        self.assertEqual(error_of(self.launch, ec2, ami)[0], "InvalidAMIID.Unavailable")
        self.assertEqual(error_of(ec2.disable_image, ImageId=ami)[0], "IncorrectState")
        ec2.enable_image(ImageId=ami)
        self.launch(ec2, ami)

    def test_register_image_from_a_snapshot_and_from_a_manifest(self):
        ec2 = self.server.client()
        volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=10)["VolumeId"]
        snapshot = ec2.create_snapshot(VolumeId=volume, Description="root")["SnapshotId"]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot], WaiterConfig=WAIT)
        ami = ec2.register_image(Name="from-snapshot", RootDeviceName="/dev/xvda", Architecture="arm64",
                                 EnaSupport=True, BootMode="uefi",
                                 BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])["ImageId"]
        image = ec2.describe_images(ImageIds=[ami])["Images"][0]
        self.assertEqual((image["Architecture"], image["BootMode"], image["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"]),
                         ("arm64", "uefi", 10))
        self.launch(ec2, ami, InstanceType="t4g.micro")
        store = ec2.register_image(Name="bundle", ImageLocation="my-bucket/bundle.manifest.xml")["ImageId"]
        self.assertEqual(ec2.describe_images(ImageIds=[store])["Images"][0]["RootDeviceType"], "instance-store")
        self.assertEqual(error_of(ec2.register_image, Name="no-root",
                                  BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}])[0],
                         "MissingParameter")
        self.assertEqual(error_of(ec2.register_image, Name="bad-snap", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
            {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-0123456789abcdef0"}}])[0], "InvalidSnapshot.NotFound")

    def test_volumes_attach_detach_modify_and_waiters(self):
        ec2 = self.server.client()
        instance = self.launch(ec2, Placement={"AvailabilityZone": "us-east-1b"})
        iid = instance["InstanceId"]
        volume = ec2.create_volume(AvailabilityZone="us-east-1b", Size=10, VolumeType="gp3")
        vid = volume["VolumeId"]
        self.assertEqual((volume["State"], volume["Iops"], volume["Throughput"]), ("creating", 3000, 125))
        ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=WAIT)
        elsewhere = ec2.create_volume(AvailabilityZone="us-east-1a", Size=10)["VolumeId"]
        self.assertEqual(error_of(ec2.attach_volume, VolumeId=elsewhere, InstanceId=iid, Device="/dev/sdg")[0],
                         "InvalidVolume.ZoneMismatch")
        self.assertEqual(error_of(ec2.attach_volume, VolumeId=vid, InstanceId=iid, Device="/dev/xvda")[0],
                         "InvalidParameterValue")
        attached = ec2.attach_volume(VolumeId=vid, InstanceId=iid, Device="/dev/sdf")
        self.assertEqual((attached["State"], attached["Device"]), ("attaching", "/dev/sdf"))
        ec2.get_waiter("volume_in_use").wait(VolumeIds=[vid], WaiterConfig=WAIT)
        self.assertEqual(ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [iid]},
                                                       {"Name": "attachment.device", "Values": ["/dev/sdf"]}])["Volumes"][0]["VolumeId"], vid)
        self.assertEqual(error_of(ec2.attach_volume, VolumeId=vid, InstanceId=iid, Device="/dev/sdh")[0], "VolumeInUse")
        self.assertEqual(error_of(ec2.delete_volume, VolumeId=vid)[0], "VolumeInUse")
        modification = ec2.modify_volume(VolumeId=vid, Size=20)["VolumeModification"]
        self.assertEqual((modification["OriginalSize"], modification["TargetSize"], modification["ModificationState"]),
                         (10, 20, "modifying"))
        self.assertEqual(error_of(ec2.modify_volume, VolumeId=vid, Size=30)[0], "VolumeModificationRateExceeded")
        self.assertEqual(ec2.describe_volumes_modifications(VolumeIds=[vid])["VolumesModifications"][0]["ModificationState"],
                         "completed")
        self.assertEqual(error_of(ec2.modify_volume, VolumeId=elsewhere, Size=5)[0], "InvalidParameterValue")
        root = instance["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        self.assertEqual(error_of(ec2.detach_volume, VolumeId=root)[0], "IncorrectState")
        self.assertEqual(ec2.detach_volume(VolumeId=vid)["State"], "detaching")
        ec2.get_waiter("volume_available").wait(VolumeIds=[vid], WaiterConfig=WAIT)
        self.assertEqual(error_of(ec2.detach_volume, VolumeId=vid)[0], "IncorrectState")
        ec2.delete_volume(VolumeId=vid)
        ec2.get_waiter("volume_deleted").wait(VolumeIds=[vid], WaiterConfig=WAIT)
        self.assertEqual(error_of(ec2.describe_volumes, VolumeIds=[vid])[0], "InvalidVolume.NotFound")
        status = ec2.describe_volume_status(VolumeIds=[elsewhere])["VolumeStatuses"][0]
        self.assertEqual(status["VolumeStatus"]["Status"], "ok")
        # Terminating: DeleteOnTermination volumes go, the others stay behind, available.
        kept = self.launch(ec2, BlockDeviceMappings=[{"DeviceName": "/dev/sdf",
                                                      "Ebs": {"VolumeSize": 5, "DeleteOnTermination": False}}])
        kept_volumes = {m["DeviceName"]: m["Ebs"]["VolumeId"] for m in kept["BlockDeviceMappings"]}
        ec2.terminate_instances(InstanceIds=[kept["InstanceId"]])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[kept["InstanceId"]], WaiterConfig=WAIT)
        self.assertEqual(ec2.describe_volumes(VolumeIds=[kept_volumes["/dev/sdf"]])["Volumes"][0]["State"], "available")
        self.assertEqual(error_of(ec2.describe_volumes, VolumeIds=[kept_volumes["/dev/xvda"]])[0], "InvalidVolume.NotFound")
        self.assertEqual(error_of(ec2.create_volume, AvailabilityZone="us-east-1z", Size=1)[0], "InvalidZone.NotFound")
        self.assertEqual(error_of(ec2.create_volume, AvailabilityZone="us-east-1a", Size=10, VolumeType="io2")[0],
                         "MissingParameter")

    def test_snapshots_copy_share_and_restore(self):
        alice = self.server.client(access_key=ALICE)
        bob = self.server.client(access_key=BOB)
        vid = alice.create_volume(AvailabilityZone="us-east-1a", Size=4, TagSpecifications=[
            {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "data"}]}])["VolumeId"]
        snap = alice.create_snapshot(VolumeId=vid, Description="nightly")
        self.assertEqual((snap["State"], snap["VolumeSize"], snap["Progress"]), ("pending", 4, "0%"))
        alice.get_waiter("snapshot_completed").wait(SnapshotIds=[snap["SnapshotId"]], WaiterConfig=WAIT)
        eu = self.server.client(region="eu-central-1", access_key=ALICE)
        copied = eu.copy_snapshot(SourceRegion="us-east-1", SourceSnapshotId=snap["SnapshotId"], Encrypted=True)
        copy = eu.describe_snapshots(SnapshotIds=[copied["SnapshotId"]])["Snapshots"][0]
        self.assertEqual((copy["Encrypted"], copy["Description"]),
                         (True, f"[Copied {snap['SnapshotId']} from us-east-1]"))
        self.assertEqual(error_of(eu.copy_snapshot, SourceRegion="us-east-1", SourceSnapshotId=snap["SnapshotId"],
                                  KmsKeyId="alias/mine")[0], "InvalidParameterDependency")
        self.assertEqual(error_of(bob.describe_snapshots, SnapshotIds=[snap["SnapshotId"]])[0], "InvalidSnapshot.NotFound")
        alice.modify_snapshot_attribute(SnapshotId=snap["SnapshotId"], Attribute="createVolumePermission",
                                        OperationType="add", UserIds=[BOB])
        self.assertEqual(alice.describe_snapshot_attribute(SnapshotId=snap["SnapshotId"], Attribute="createVolumePermission")
                         ["CreateVolumePermissions"], [{"UserId": BOB}])
        shared = bob.describe_snapshots(RestorableByUserIds=["self"], OwnerIds=[ALICE])["Snapshots"]
        self.assertEqual([s["SnapshotId"] for s in shared], [snap["SnapshotId"]])
        restored = bob.create_volume(AvailabilityZone="us-east-1c", SnapshotId=snap["SnapshotId"])
        self.assertEqual((restored["Size"], restored["SnapshotId"]), (4, snap["SnapshotId"]))
        self.assertEqual(error_of(bob.delete_snapshot, SnapshotId=snap["SnapshotId"])[0], "InvalidSnapshot.NotFound")
        alice.reset_snapshot_attribute(SnapshotId=snap["SnapshotId"], Attribute="createVolumePermission")
        self.assertEqual(bob.describe_snapshots(RestorableByUserIds=["self"])["Snapshots"], [])
        many = alice.create_snapshots(InstanceSpecification={"InstanceId": self.launch(alice)["InstanceId"]},
                                      CopyTagsFromSource="volume")["Snapshots"]
        self.assertEqual(len(many), 1)
        paged = alice.get_paginator("describe_snapshots").paginate(OwnerIds=["self"], PaginationConfig={"PageSize": 5})
        self.assertEqual(sum(len(p["Snapshots"]) for p in paged), 2)


class Catalog(ServerTestCase):
    def test_catalog_owners_names_and_regions(self):
        ec2 = self.server.client()
        amazon = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*"]}])["Images"]
        self.assertEqual(sorted(i["Architecture"] for i in amazon), ["arm64", "x86_64"])
        self.assertEqual({i["ImageOwnerAlias"] for i in amazon}, {"amazon"})
        marketplace = ec2.describe_images(Owners=["aws-marketplace"])["Images"]
        self.assertEqual(len(marketplace), 7)
        for image in marketplace:
            self.assertEqual(image["ProductCodes"][0]["ProductCodeType"], "marketplace")
        self.assertEqual(len(ec2.describe_images(Owners=["099720109477"])["Images"]), 4)  # Canonical's Ubuntu
        rhel = ec2.describe_images(Filters=[{"Name": "platform-details", "Values": ["Red Hat Enterprise Linux"]}])
        self.assertEqual(len(rhel["Images"]), 3)  # RHEL 9 x86_64 and arm64, and the Beacon Marketplace stand-in
        windows = ec2.describe_images(Filters=[{"Name": "platform", "Values": ["windows"]}])["Images"]
        self.assertEqual(len(windows), 3)  # Windows Server 2022 and 2025, and the Ledgerline stand-in
        community = [i for i in ec2.describe_images(ExecutableUsers=["all"])["Images"] if "ImageOwnerAlias" not in i]
        self.assertGreaterEqual(len(community), 6)
        west = self.server.client(region="us-west-2").describe_images(
            Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-*"]}])["Images"]
        self.assertFalse({i["ImageId"] for i in west} & {i["ImageId"] for i in amazon})
        self.assertEqual(ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"], [])  # no fake snapshots
        self.assertEqual(error_of(ec2.describe_images, Owners=["nobody"])[0], "InvalidUserID.Malformed")


class CustomCatalog(unittest.TestCase):
    def test_catalog_file_adds_or_replaces_images(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "catalog.json")
            with open(path, "w") as f:
                json.dump({"IncludeBuiltin": False, "Images": [
                    {"ImageId": "ami-0123456789abcdef0", "Name": "lab-base-1", "OwnerId": "123456789012",
                     "Architecture": "x86_64", "Regions": ["us-east-1"],
                     "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 16}}]}]}, f)
            with LocalEc2("--catalog", path) as server:
                ec2 = server.client()
                images = ec2.describe_images()["Images"]
                self.assertEqual([(i["ImageId"], i["Name"]) for i in images], [("ami-0123456789abcdef0", "lab-base-1")])
                instance = ec2.run_instances(ImageId="ami-0123456789abcdef0", InstanceType="t3.micro", MinCount=1,
                                             MaxCount=1)["Instances"][0]
                volume = instance["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
                self.assertEqual(ec2.describe_volumes(VolumeIds=[volume])["Volumes"][0]["Size"], 16)
                self.assertEqual(server.client(region="eu-west-1").describe_images()["Images"], [])
            with open(path, "w") as f:
                f.write("{not json")
            with self.assertRaises(Exception):
                LocalEc2("--catalog", path).__enter__()


class TimedImages(ServerTestCase):
    server_args = ("--transition-delay", "1")

    def test_pending_image_is_not_launchable_until_available(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        iid = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        ami = ec2.create_image(InstanceId=iid, Name="slow")["ImageId"]
        self.assertEqual(ec2.describe_images(ImageIds=[ami])["Images"][0]["State"], "pending")
        self.assertEqual(error_of(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1)[0], "InvalidAMIID.Unavailable")
        ec2.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=WAIT)
        snapshot = ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"][0]
        self.assertEqual(snapshot["State"], "completed")


class Persistence(unittest.TestCase):
    def test_images_snapshots_and_volumes_survive_a_restart(self):
        with tempfile.TemporaryDirectory() as tmp, LocalEc2(data_dir=tmp) as server:
            ec2 = server.client()
            iid = ec2.run_instances(ImageId=al2023(ec2), InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
            ami = ec2.create_image(InstanceId=iid, Name="kept")["ImageId"]
            ec2.modify_image_attribute(ImageId=ami, LaunchPermission={"Add": [{"Group": "all"}]})
            vid = ec2.create_volume(AvailabilityZone="us-east-1a", Size=3)["VolumeId"]
            before = (ec2.describe_images(ImageIds=[ami])["Images"], ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"],
                      ec2.describe_volumes()["Volumes"])
            server.restart()
            ec2 = server.client()
            after = (ec2.describe_images(ImageIds=[ami])["Images"], ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"],
                     ec2.describe_volumes()["Volumes"])
            self.assertEqual(before, after)
            self.assertTrue(after[0][0]["Public"])
            self.assertIn(vid, [v["VolumeId"] for v in after[2]])


if __name__ == "__main__":
    unittest.main()
