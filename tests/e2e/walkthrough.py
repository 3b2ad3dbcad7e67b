"""The AMI seed walkthrough through the AWS CLI, shared by test_images (the pip AWS CLI v1) and test_cli_v2
(Debian 12's AWS CLI v2): the Quick Start image, a key pair, an instance, CreateImage and its waiter, the
snapshots, the encrypted copy to eu-west-1, the key pair that does not follow, DeregisterImage leaving the
snapshots behind. Every step is a plain `aws ec2` call that both CLI majors spell the same way."""
import json


def seed_walkthrough(test, cli, model_lacks=frozenset()):
    """Runs the walkthrough with `cli` (harness.LocalEc2.cli, or it bound to another executable), asserting
    on `test` (a harness.ServerTestCase) against a freshly reset server. `model_lacks` names the Image
    members the CLI's EC2 model predates: the CLI drops them from its output though localec2 sends them, so
    their values are read through boto3 (the pinned botocore) instead, and still asserted."""
    def member(image, name, region="us-east-1"):
        if name in model_lacks and name not in image:
            described = test.server.client(region=region).describe_images(ImageIds=[image["ImageId"]])
            return described["Images"][0][name]
        return image[name]

    _, image = cli("describe-images", "--owners", "amazon", "--filters", "Name=name,Values=al2023-ami-*",
                   "Name=architecture,Values=x86_64")
    source_image = image["Images"][0]["ImageId"]
    cli("create-key-pair", "--key-name", "lab", "--key-type", "ed25519")
    _, run = cli("run-instances", "--image-id", source_image, "--instance-type", "t3.micro", "--key-name", "lab",
                 "--block-device-mappings", "DeviceName=/dev/sdf,Ebs={VolumeSize=20,VolumeType=gp3}")
    iid = run["Instances"][0]["InstanceId"]
    cli("wait", "instance-running", "--instance-ids", iid)
    _, created = cli("create-image", "--instance-id", iid, "--name", "my-instance-ami", "--no-reboot")
    ami = created["ImageId"]
    cli("wait", "image-available", "--image-ids", ami)
    _, described = cli("describe-images", "--image-ids", ami)
    image = described["Images"][0]
    test.assertEqual((image["State"], image["RootDeviceType"], image["RootDeviceName"], image["Architecture"],
                      image["OwnerId"], image["Public"], member(image, "SourceInstanceId")),
                     ("available", "ebs", "/dev/xvda", "x86_64", "000000000000", False, iid))
    mappings = {m["DeviceName"]: m["Ebs"] for m in image["BlockDeviceMappings"]}
    test.assertEqual(sorted(mappings), ["/dev/sdf", "/dev/xvda"])
    test.assertEqual((mappings["/dev/xvda"]["VolumeSize"], mappings["/dev/sdf"]["VolumeSize"]), (8, 20))
    test.assertNotIn("KeyName", json.dumps(image))
    _, snapshots = cli("describe-snapshots", "--owner-ids", "self")
    by_id = {s["SnapshotId"]: s for s in snapshots["Snapshots"]}
    test.assertEqual(set(by_id), {m["SnapshotId"] for m in mappings.values()})
    for snapshot in by_id.values():
        test.assertEqual(snapshot["Description"], f"Created by CreateImage({iid}) for {ami}")
        test.assertEqual(snapshot["State"], "completed")

    # Copy to eu-west-1: new id, new encrypted snapshots there; the key pair does not follow.
    _, copied = cli("copy-image", "--source-region", "us-east-1", "--source-image-id", ami, "--name", "dr-copy",
                    "--encrypted", region="eu-west-1")
    copy = copied["ImageId"]
    test.assertNotEqual(copy, ami)
    cli("wait", "image-available", "--image-ids", copy, region="eu-west-1")
    _, copy_image = cli("describe-images", "--image-ids", copy, region="eu-west-1")
    copy_image = copy_image["Images"][0]
    test.assertEqual((member(copy_image, "SourceImageId", "eu-west-1"),
                      member(copy_image, "SourceImageRegion", "eu-west-1")), (ami, "us-east-1"))
    _, eu_snapshots = cli("describe-snapshots", "--owner-ids", "self", region="eu-west-1")
    test.assertEqual(len(eu_snapshots["Snapshots"]), 2)
    for snapshot in eu_snapshots["Snapshots"]:
        test.assertTrue(snapshot["Encrypted"])
        test.assertRegex(snapshot["KmsKeyId"], r"^arn:aws:kms:eu-west-1:000000000000:key/[0-9a-f-]{36}$")
        test.assertRegex(snapshot["Description"],
                         rf"^Copied for DestinationAmi {copy} from SourceAmi {ami} for SourceSnapshot snap-")
    code, stderr = cli("run-instances", "--image-id", copy, "--instance-type", "t3.micro", "--key-name", "lab",
                       region="eu-west-1", check=False)
    test.assertNotEqual(code, 0)
    test.assertIn("InvalidKeyPair.NotFound", stderr)
    _, launched = cli("run-instances", "--image-id", copy, "--instance-type", "t3.micro", region="eu-west-1")
    instance = launched["Instances"][0]
    test.assertNotIn("KeyName", instance)
    test.assertEqual([g["GroupName"] for g in instance["SecurityGroups"]], ["default"])
    test.assertEqual(sorted(m["DeviceName"] for m in instance["BlockDeviceMappings"]), ["/dev/sdf", "/dev/xvda"])

    # Deregister: not launchable; the snapshots stay (and still cost money) until deleted.
    snapshot_id = next(iter(by_id))
    code, stderr = cli("delete-snapshot", "--snapshot-id", snapshot_id, check=False)
    test.assertIn("InvalidSnapshot.InUse", stderr)
    cli("deregister-image", "--image-id", ami)
    _, after = cli("describe-images", "--image-ids", ami)
    test.assertEqual(after["Images"], [])
    code, stderr = cli("run-instances", "--image-id", ami, "--instance-type", "t3.micro", check=False)
    test.assertIn("InvalidAMIID.NotFound", stderr)
    _, left = cli("describe-snapshots", "--owner-ids", "self")
    test.assertEqual({s["SnapshotId"] for s in left["Snapshots"]}, set(by_id))
    for sid in by_id:
        cli("delete-snapshot", "--snapshot-id", sid)
    _, gone = cli("describe-snapshots", "--owner-ids", "self")
    test.assertEqual(gone["Snapshots"], [])
