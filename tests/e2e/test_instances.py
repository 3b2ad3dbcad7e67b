"""End to end: instances through boto3 and the AWS CLI — launch options, waiters in both timing modes,
lifecycle refusals, attributes, filters, a paginator over 1,100 instances, and persistence."""
import base64
import os
import tempfile
import time
import unittest

import botocore.exceptions

from harness import LocalEc2, ServerTestCase, error_of


def al2023(ec2, arch="x86_64"):
    images = ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": [arch]}])["Images"]
    return images[0]["ImageId"]


class Instances(ServerTestCase):
    reset_between_tests = True

    def test_boto3_lifecycle_with_waiters(self):
        ec2 = self.server.client()
        launched = ec2.run_instances(ImageId=al2023(ec2), InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                     UserData="#!/bin/sh\necho hi\n")["Instances"][0]
        iid = launched["InstanceId"]
        self.assertEqual(launched["State"], {"Code": 0, "Name": "pending"})
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        attribute = ec2.describe_instance_attribute(InstanceId=iid, Attribute="userData")
        self.assertEqual(base64.b64decode(attribute["UserData"]["Value"]), b"#!/bin/sh\necho hi\n")
        self.assertEqual(error_of(ec2.modify_instance_attribute, InstanceId=iid, UserData={"Value": b"new"})[0],
                         "IncorrectInstanceState")
        stopping = ec2.stop_instances(InstanceIds=[iid])["StoppingInstances"][0]
        self.assertEqual((stopping["PreviousState"]["Name"], stopping["CurrentState"]["Name"]), ("running", "stopping"))
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        ec2.modify_instance_attribute(InstanceId=iid, UserData={"Value": b"new"})
        ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "t3.large"})
        self.assertEqual(base64.b64decode(ec2.describe_instance_attribute(
            InstanceId=iid, Attribute="userData")["UserData"]["Value"]), b"new")
        self.assertEqual(ec2.describe_instance_attribute(InstanceId=iid, Attribute="instanceType")["InstanceType"],
                         {"Value": "t3.large"})
        ec2.modify_instance_attribute(InstanceId=iid, SourceDestCheck={"Value": False})
        ec2.reset_instance_attribute(InstanceId=iid, Attribute="sourceDestCheck")
        self.assertEqual(ec2.describe_instance_attribute(InstanceId=iid, Attribute="sourceDestCheck")["SourceDestCheck"],
                         {"Value": True})
        ec2.start_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        self.assertEqual(error_of(ec2.reset_instance_attribute, InstanceId=iid, Attribute="kernel")[0],
                         "IncorrectInstanceState")
        ec2.terminate_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
        self.assertEqual(error_of(ec2.start_instances, InstanceIds=[iid]),
                         ("IncorrectInstanceState", f"The instance '{iid}' is not in a state from which it can be started."))

    def test_cli_launch_with_every_option_of_the_walkthrough(self):
        ec2 = self.server.client()
        ec2.create_key_pair(KeyName="lab", KeyType="ed25519")
        sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as boot:
            boot.write("#!/bin/sh\necho boot\n")
        try:
            _, out = self.server.cli(
                "run-instances", "--image-id", al2023(ec2), "--instance-type", "t3.micro", "--key-name", "lab",
                "--security-group-ids", sg, "--user-data", f"file://{boot.name}",
                "--block-device-mappings",
                '[{"DeviceName":"/dev/xvda","Ebs":{"VolumeSize":30}},{"DeviceName":"/dev/sdf","Ebs":{"VolumeSize":100}}]',
                "--iam-instance-profile", "Name=lab-role",
                "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=web}]")
        finally:
            os.unlink(boot.name)
        iid = out["Instances"][0]["InstanceId"]
        self.server.cli("wait", "instance-running", "--instance-ids", iid)
        _, out = self.server.cli("describe-instances", "--instance-ids", iid)
        instance = out["Reservations"][0]["Instances"][0]
        self.assertEqual(instance["State"]["Name"], "running")
        self.assertEqual(instance["KeyName"], "lab")
        self.assertEqual(instance["SecurityGroups"], [{"GroupId": sg, "GroupName": "web"}])
        self.assertEqual(instance["IamInstanceProfile"]["Arn"], "arn:aws:iam::000000000000:instance-profile/lab-role")
        self.assertEqual(instance["Tags"], [{"Key": "Name", "Value": "web"}])
        self.assertEqual([m["DeviceName"] for m in instance["BlockDeviceMappings"]], ["/dev/xvda", "/dev/sdf"])
        self.assertRegex(instance["PrivateIpAddress"], r"^172\.31\.\d+\.\d+$")
        self.assertEqual(instance["PrivateDnsName"], "ip-" + instance["PrivateIpAddress"].replace(".", "-") + ".ec2.internal")
        code, err = self.server.cli("modify-instance-attribute", "--instance-id", iid, "--attribute", "userData",
                                    "--value", "SGVsbG8=", check=False)
        self.assertIn("IncorrectInstanceState", err)
        self.server.cli("stop-instances", "--instance-ids", iid)
        self.server.cli("wait", "instance-stopped", "--instance-ids", iid)
        self.server.cli("modify-instance-attribute", "--instance-id", iid, "--attribute", "userData", "--value", "SGVsbG8=")
        self.assertEqual(error_of(ec2.delete_security_group, GroupId=sg)[0], "DependencyViolation")

    def test_network_interfaces_place_the_instance_and_nothing_is_dropped(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        subnet = sorted(ec2.describe_subnets()["Subnets"], key=lambda s: s["AvailabilityZone"])[-1]
        group = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        # What Ansible's ec2_instance always sends.
        launched = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1, NetworkInterfaces=[
            {"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "Groups": [group], "DeleteOnTermination": True,
             "AssociatePublicIpAddress": False}])["Instances"][0]
        self.assertEqual((launched["SubnetId"], launched["Placement"]["AvailabilityZone"]),
                         (subnet["SubnetId"], subnet["AvailabilityZone"]))
        self.assertEqual([g["GroupId"] for g in launched["SecurityGroups"]], [group])
        self.assertNotIn("PublicIpAddress", launched)  # AssociatePublicIpAddress=False overrides the subnet's mapping
        [eni] = launched["NetworkInterfaces"]
        self.assertEqual((eni["SubnetId"], eni["PrivateIpAddress"], eni["Attachment"]["DeviceIndex"],
                          eni["Attachment"]["DeleteOnTermination"], [g["GroupId"] for g in eni["Groups"]]),
                         (subnet["SubnetId"], launched["PrivateIpAddress"], 0, True, [group]))
        refusals = [
            ({"NetworkInterfaces": [{"DeviceIndex": 1, "SubnetId": subnet["SubnetId"]}]},
             ("InvalidParameterValue", "When specifying network interfaces, you must include a device at index 0.")),
            ({"NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"]},
                                    {"DeviceIndex": 0, "SubnetId": subnet["SubnetId"]}]},
             ("InvalidParameterValue", "Each network interface requires a unique device index: 0 is repeated.")),
            ({"NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "AssociatePublicIpAddress": True},
                                    {"DeviceIndex": 1, "SubnetId": subnet["SubnetId"]}]},
             ("InvalidParameterCombination", "The associatePublicIPAddress parameter cannot be specified when "
                                             "launching with multiple network interfaces.")),
            ({"NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "Ipv6AddressCount": 1}]},
             ("InvalidParameterValue", "The parameter NetworkInterface.1.Ipv6AddressCount is not supported by localec2.")),
            ({"NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "InterfaceType": "efa"}]},
             ("InvalidParameterValue", "The parameter NetworkInterface.1.InterfaceType is not supported by localec2.")),
            ({"NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"]}], "SubnetId": subnet["SubnetId"]},
             ("InvalidParameterCombination",
              "Network interfaces and an instance-level subnet ID may not be specified on the same request")),
            ({"NetworkInterfaces": [{"DeviceIndex": 0}], "SecurityGroupIds": [group]},
             ("InvalidParameterCombination",
              "Network interfaces and an instance-level security groups may not be specified on the same request")),
            ({"PrivateIpAddress": "10.9.9.9"},
             ("InvalidParameterValue", "Address 10.9.9.9 does not fall within the subnet's address range")),
            ({"PrivateIpAddress": launched["PrivateIpAddress"], "SubnetId": subnet["SubnetId"]},
             ("InvalidIPAddress.InUse", "Address " + launched["PrivateIpAddress"] + " is in use.")),
            ({"PrivateIpAddress": "172.31.0.10", "MaxCount": 2},
             ("InvalidParameterCombination",
              "Private IP addresses cannot be specified when launching more than one instance.")),
            ({"Ipv6AddressCount": 1}, ("InvalidParameterValue", "The parameter Ipv6AddressCount is not supported by localec2.")),
            ({"InstanceMarketOptions": {"MarketType": "spot"}},
             ("InvalidParameterValue", "The parameter InstanceMarketOptions is not supported by localec2.")),
        ]
        for extra, expected in refusals:
            with self.subTest(extra=extra):
                arguments = {"MaxCount": 1, **extra}
                self.assertEqual(error_of(ec2.run_instances, ImageId=image, InstanceType="t3.micro", MinCount=1,
                                          **arguments), expected)
        self.assertEqual(len(ec2.describe_instances()["Reservations"]), 1)  # the refused launches recorded nothing

    def test_key_pairs_and_images_are_per_region_at_launch(self):
        us, eu = self.server.client(region="us-east-1"), self.server.client(region="eu-west-1")
        us.create_key_pair(KeyName="lab", KeyType="ed25519")
        self.assertEqual(error_of(eu.run_instances, ImageId=al2023(eu), MinCount=1, MaxCount=1, KeyName="lab"),
                         ("InvalidKeyPair.NotFound", "The key pair 'lab' does not exist"))
        self.assertEqual(error_of(eu.run_instances, ImageId=al2023(us), MinCount=1, MaxCount=1)[0],
                         "InvalidAMIID.NotFound")
        self.assertEqual(error_of(us.run_instances, ImageId=al2023(us), InstanceType="t4g.micro", MinCount=1,
                                  MaxCount=1)[0], "InvalidParameterValue")

    def test_instance_store_instances_cannot_be_stopped_and_dry_run_is_412(self):
        ec2 = self.server.client()
        image = ec2.describe_images(Filters=[{"Name": "root-device-type", "Values": ["instance-store"]}])["Images"][0]
        iid = ec2.run_instances(ImageId=image["ImageId"], InstanceType="m3.medium", MinCount=1,
                                MaxCount=1)["Instances"][0]["InstanceId"]
        self.assertEqual(error_of(ec2.stop_instances, InstanceIds=[iid])[0], "UnsupportedOperation")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.terminate_instances(InstanceIds=[iid], DryRun=True)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "DryRunOperation")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 412)
        ec2.modify_instance_attribute(InstanceId=iid, DisableApiTermination={"Value": True})
        self.assertEqual(error_of(ec2.terminate_instances, InstanceIds=[iid])[0], "OperationNotPermitted")

    def test_paginator_over_1100_instances_and_filters(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        ids = set()
        for tier, count in (("web", 600), ("db", 500)):
            launched = ec2.run_instances(ImageId=image, InstanceType="t3.nano", MinCount=count, MaxCount=count,
                                         TagSpecifications=[{"ResourceType": "instance",
                                                             "Tags": [{"Key": "tier", "Value": tier}]}])
            ids |= {i["InstanceId"] for i in launched["Instances"]}
        self.assertEqual(len(ids), 1100)
        pages = list(ec2.get_paginator("describe_instances").paginate(PaginationConfig={"PageSize": 200}))
        seen = [i["InstanceId"] for p in pages for r in p["Reservations"] for i in r["Instances"]]
        self.assertEqual(len(pages), 6)
        self.assertEqual(len(seen), 1100)
        self.assertEqual(set(seen), ids)
        web = ec2.describe_instances(Filters=[{"Name": "tag:tier", "Values": ["web"]},
                                              {"Name": "instance-state-name", "Values": ["running"]}])
        self.assertEqual(sum(len(r["Instances"]) for r in web["Reservations"]), 600)
        self.assertEqual(len(web["Reservations"]), 1)


class InstanceInformation(ServerTestCase):
    reset_between_tests = True

    def test_status_console_output_types_and_offerings(self):
        ec2 = self.server.client(region="eu-west-1")
        running, stopped = [i["InstanceId"] for i in ec2.run_instances(
            ImageId=al2023(ec2), InstanceType="t3.small", MinCount=2, MaxCount=2)["Instances"]]
        ec2.stop_instances(InstanceIds=[stopped])
        statuses = ec2.describe_instance_status()["InstanceStatuses"]
        self.assertEqual([s["InstanceId"] for s in statuses], [running])
        self.assertEqual(statuses[0]["InstanceStatus"]["Status"], "ok")
        self.assertEqual(statuses[0]["InstanceState"], {"Code": 16, "Name": "running"})
        everything = ec2.describe_instance_status(IncludeAllInstances=True)["InstanceStatuses"]
        self.assertEqual({s["InstanceId"]: s["InstanceState"]["Name"] for s in everything},
                         {running: "running", stopped: "stopped"})
        console = ec2.get_console_output(InstanceId=running)
        self.assertIn("Cloud-init", console["Output"])  # boto3 decodes the base64 for us
        self.assertIn(".eu-west-1.compute.internal", console["Output"])
        types = ec2.describe_instance_types(InstanceTypes=["t3.micro", "m7g.large"])["InstanceTypes"]
        by_name = {t["InstanceType"]: t for t in types}
        self.assertEqual(by_name["t3.micro"]["VCpuInfo"]["DefaultVCpus"], 2)
        self.assertEqual(by_name["t3.micro"]["MemoryInfo"]["SizeInMiB"], 1024)
        self.assertEqual(by_name["m7g.large"]["ProcessorInfo"]["SupportedArchitectures"], ["arm64"])
        arm = ec2.describe_instance_types(Filters=[{"Name": "processor-info.supported-architecture",
                                                    "Values": ["arm64"]}, {"Name": "instance-type", "Values": ["t4g.*"]}])
        self.assertEqual(len(arm["InstanceTypes"]), 7)
        # Unknown names, in the EC2 model's enum or not, are InvalidInstanceType as on AWS; RunInstances keeps
        # the enum check and AWS's InvalidParameterValue.
        self.assertEqual(error_of(ec2.describe_instance_types, InstanceTypes=["t3.micro", "z9.huge"]),
                         ("InvalidInstanceType", "The following supplied instance types do not exist: [z9.huge]"))
        self.assertEqual(error_of(ec2.run_instances, ImageId=al2023(ec2), InstanceType="z9.huge", MinCount=1,
                                  MaxCount=1)[0], "InvalidParameterValue")
        self.assertEqual(error_of(ec2.describe_instance_types, InstanceTypes=["p5.48xlarge"]),
                         ("InvalidInstanceType", "The following supplied instance types do not exist: [p5.48xlarge]"))
        pages = list(ec2.get_paginator("describe_instance_types").paginate(PaginationConfig={"PageSize": 20}))
        self.assertEqual(sum(len(p["InstanceTypes"]) for p in pages), 84)
        offerings = ec2.describe_instance_type_offerings(
            LocationType="availability-zone", Filters=[{"Name": "instance-type", "Values": ["t3.micro"]}])
        self.assertEqual(sorted(o["Location"] for o in offerings["InstanceTypeOfferings"]),
                         ["eu-west-1a", "eu-west-1b", "eu-west-1c"])

    def test_iam_instance_profile_associations(self):
        ec2 = self.server.client()
        iid = ec2.run_instances(ImageId=al2023(ec2), MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        associated = ec2.associate_iam_instance_profile(
            InstanceId=iid, IamInstanceProfile={"Name": "app"})["IamInstanceProfileAssociation"]
        self.assertEqual(associated["State"], "associating")
        self.assertEqual(associated["IamInstanceProfile"]["Arn"], "arn:aws:iam::000000000000:instance-profile/app")
        self.assertRegex(associated["IamInstanceProfile"]["Id"], r"^AIPA[0-9A-F]{16}$")
        self.assertEqual(error_of(ec2.associate_iam_instance_profile, InstanceId=iid,
                                  IamInstanceProfile={"Name": "other"})[0], "IncorrectState")
        listed = ec2.describe_iam_instance_profile_associations(
            Filters=[{"Name": "instance-id", "Values": [iid]}])["IamInstanceProfileAssociations"]
        self.assertEqual([(a["AssociationId"], a["State"]) for a in listed], [(associated["AssociationId"], "associated")])
        replaced = ec2.replace_iam_instance_profile_association(
            AssociationId=associated["AssociationId"],
            IamInstanceProfile={"Arn": "arn:aws:iam::000000000000:instance-profile/ops"})["IamInstanceProfileAssociation"]
        self.assertNotEqual(replaced["AssociationId"], associated["AssociationId"])
        instance = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual(instance["IamInstanceProfile"]["Arn"], "arn:aws:iam::000000000000:instance-profile/ops")
        ec2.disassociate_iam_instance_profile(AssociationId=replaced["AssociationId"])
        self.assertNotIn("IamInstanceProfile",
                         ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0])
        self.assertEqual(error_of(ec2.disassociate_iam_instance_profile, AssociationId=replaced["AssociationId"])[0],
                         "InvalidAssociationID.NotFound")
        self.assertEqual(error_of(ec2.associate_iam_instance_profile, InstanceId=iid,
                                  IamInstanceProfile={"Arn": "arn:aws:iam::000000000000:role/nope"})[0],
                         "InvalidParameterValue")


class RealisticTiming(ServerTestCase):
    server_args = ("--transition-delay", "1")

    def test_states_take_the_configured_time_and_waiters_wait_for_them(self):
        ec2 = self.server.client()
        iid = ec2.run_instances(ImageId=al2023(ec2), MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        begin = time.monotonic()
        state = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"]
        self.assertEqual(state, "pending")
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 10})
        self.assertGreaterEqual(time.monotonic() - begin, 0.5)
        ec2.stop_instances(InstanceIds=[iid])
        self.assertEqual(error_of(ec2.start_instances, InstanceIds=[iid])[0], "IncorrectInstanceState")
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig={"Delay": 1, "MaxAttempts": 10})


class InstancePersistence(unittest.TestCase):
    def test_instances_and_their_states_survive_a_restart(self):
        with LocalEc2() as server:
            ec2 = server.client()
            image = al2023(ec2)
            running, stopped = [i["InstanceId"] for i in ec2.run_instances(
                ImageId=image, MinCount=2, MaxCount=2)["Instances"]]
            ec2.stop_instances(InstanceIds=[stopped])
            server.restart()
            ec2 = server.client()
            states = {i["InstanceId"]: i["State"]["Name"] for r in ec2.describe_instances()["Reservations"]
                      for i in r["Instances"]}
            self.assertEqual(states, {running: "running", stopped: "stopped"})


if __name__ == "__main__":
    unittest.main()
