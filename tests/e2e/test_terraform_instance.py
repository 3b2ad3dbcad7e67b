"""End to end: Terraform's aws_instance, replayed through boto3 call by call as the provider makes them
(research issue 11, section 2): create, read, update instance_type (stop, modify, start), destroy; and the
launch options and instance-option actions the provider relies on, with AWS's error codes."""
import unittest

from harness import ServerTestCase, error_code, error_of

WAIT = {"Delay": 1, "MaxAttempts": 10}


def al2023(ec2, arch="x86_64"):
    images = ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": [arch]}])["Images"]
    return images[0]["ImageId"]


def launch(ec2, **extra):
    """RunInstances with the parameters aws_instance always sends."""
    params = dict(ImageId=al2023(ec2), InstanceType="t3.micro", MinCount=1, MaxCount=1, ClientToken=extra.pop(
        "ClientToken", None) or "terraform-token", Monitoring={"Enabled": False}, DisableApiTermination=False,
        EbsOptimized=False, HibernationOptions={"Configured": False}, Placement={"AvailabilityZone": ""},
        CreditSpecification={"CpuCredits": "unlimited"},
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "tf"}]}])
    params.update(extra)
    params = {key: value for key, value in params.items() if value is not None}  # None: not sent
    return ec2.run_instances(**params)["Instances"][0]


class TerraformInstance(ServerTestCase):
    reset_between_tests = True

    def read(self, ec2, iid):
        """The provider's Read (section 2b), in call order; answers the instance as DescribeInstances showed it."""
        instance = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual(instance["InstanceId"], iid)
        self.assertIn("Name", instance["State"])
        self.assertEqual(set(instance["Placement"]) >= {"AvailabilityZone", "GroupName", "Tenancy"}, True)
        self.assertEqual(instance["Placement"]["Tenancy"], "default")
        self.assertEqual(instance["HibernationOptions"], {"Configured": False})
        self.assertEqual(instance["EnclaveOptions"], {"Enabled": False})
        self.assertEqual(instance["MaintenanceOptions"]["AutoRecovery"], "default")
        self.assertEqual(instance["PrivateDnsNameOptions"], {
            "HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
            "EnableResourceNameDnsAAAARecord": False})
        metadata = instance["MetadataOptions"]
        for key in ("HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit", "HttpProtocolIpv6",
                    "InstanceMetadataTags", "State"):
            self.assertIn(key, metadata)
        self.assertEqual(instance["CapacityReservationSpecification"], {"CapacityReservationPreference": "open"})
        self.assertEqual(instance["Monitoring"], {"State": "disabled"})
        for key in ("CpuOptions", "PlatformDetails", "UsageOperation", "BootMode", "CurrentInstanceBootMode"):
            self.assertIn(key, instance)
        types = ec2.describe_instance_types(InstanceTypes=[instance["InstanceType"]])["InstanceTypes"]
        self.assertEqual(len(types), 1)
        self.assertTrue(types[0]["BurstablePerformanceSupported"])
        self.assertEqual(types[0]["ProcessorInfo"]["SupportedArchitectures"], ["x86_64"])
        tags = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [iid]},
                                          {"Name": "key", "Values": ["aws:ec2launchtemplate:id"]}])["Tags"]
        self.assertEqual(tags, [])
        ec2.describe_vpcs(VpcIds=[instance["VpcId"]])
        shutdown = ec2.describe_instance_attribute(InstanceId=iid, Attribute="instanceInitiatedShutdownBehavior")
        self.assertEqual(shutdown["InstanceInitiatedShutdownBehavior"], {"Value": "stop"})
        volume_ids = [m["Ebs"]["VolumeId"] for m in instance["BlockDeviceMappings"]]
        if volume_ids:
            self.assertEqual(len(ec2.describe_volumes(VolumeIds=volume_ids)["Volumes"]), len(volume_ids))
        stop = ec2.describe_instance_attribute(InstanceId=iid, Attribute="disableApiStop")
        self.assertEqual(stop["DisableApiStop"], {"Value": False})
        termination = ec2.describe_instance_attribute(InstanceId=iid, Attribute="disableApiTermination")
        self.assertEqual(termination["DisableApiTermination"], {"Value": False})
        user_data = ec2.describe_instance_attribute(InstanceId=iid, Attribute="userData")
        self.assertNotIn("Value", user_data.get("UserData", {}))
        credits = ec2.describe_instance_credit_specifications(InstanceIds=[iid])["InstanceCreditSpecifications"]
        self.assertEqual(credits, [{"InstanceId": iid, "CpuCredits": "unlimited"}])
        return instance

    def test_create_read_update_type_destroy(self):
        ec2 = self.server.client()
        iid = launch(ec2)["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        self.assertEqual(self.read(ec2, iid)["InstanceType"], "t3.micro")
        # Plan: CustomizeDiff compares the architectures of the old and new type.
        for name in ("t3.micro", "t3.small"):
            info = ec2.describe_instance_types(InstanceTypes=[name])["InstanceTypes"][0]
            self.assertEqual(info["ProcessorInfo"]["SupportedArchitectures"], ["x86_64"])
        ec2.stop_instances(InstanceIds=[iid], Force=False)
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        ec2.modify_instance_attribute(InstanceId=iid, InstanceType={"Value": "t3.small"})
        ec2.start_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        self.assertEqual(self.read(ec2, iid)["InstanceType"], "t3.small")
        # Destroy.
        ec2.modify_instance_attribute(InstanceId=iid, DisableApiTermination={"Value": False})
        ec2.terminate_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        gone = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual(gone["State"]["Name"], "terminated")

    def test_launch_options_are_recorded_and_shown(self):
        ec2 = self.server.client()
        instance = launch(ec2, InstanceType="t2.micro", CreditSpecification={"CpuCredits": "unlimited"},
                          CpuOptions={"CoreCount": 1, "ThreadsPerCore": 1},
                          MaintenanceOptions={"AutoRecovery": "disabled"},
                          PrivateDnsNameOptions={"HostnameType": "resource-name",
                                                 "EnableResourceNameDnsARecord": True},
                          CapacityReservationSpecification={"CapacityReservationPreference": "none"},
                          MetadataOptions={"HttpTokens": "required", "InstanceMetadataTags": "enabled"},
                          HibernationOptions={"Configured": True},
                          BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": True}}],
                          Placement={"AvailabilityZone": "", "Tenancy": "default"})
        iid = instance["InstanceId"]
        shown = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual(shown["CpuOptions"], {"CoreCount": 1, "ThreadsPerCore": 1})
        self.assertEqual(shown["MaintenanceOptions"], {"AutoRecovery": "disabled"})
        self.assertEqual(shown["PrivateDnsNameOptions"]["HostnameType"], "resource-name")
        self.assertTrue(shown["PrivateDnsNameOptions"]["EnableResourceNameDnsARecord"])
        self.assertEqual(shown["CapacityReservationSpecification"]["CapacityReservationPreference"], "none")
        self.assertEqual(shown["MetadataOptions"]["InstanceMetadataTags"], "enabled")
        self.assertEqual(shown["HibernationOptions"], {"Configured": True})
        self.assertEqual(ec2.describe_instance_credit_specifications(InstanceIds=[iid])[
            "InstanceCreditSpecifications"][0]["CpuCredits"], "unlimited")
        t2 = launch(ec2, InstanceType="t2.micro", ClientToken="t2", CreditSpecification=None)["InstanceId"]
        t3 = launch(ec2, InstanceType="t3.micro", ClientToken="t3", CreditSpecification=None)["InstanceId"]
        defaults = ec2.describe_instance_credit_specifications(InstanceIds=[t2, t3])["InstanceCreditSpecifications"]
        self.assertEqual({d["InstanceId"]: d["CpuCredits"] for d in defaults}, {t2: "standard", t3: "unlimited"})

    def test_malformed_launch_options_answer_aws_errors(self):
        ec2 = self.server.client()
        cases = [
            (dict(InstanceType="m5.large"), "InstanceCreditSpecification.NotSupported"),
            (dict(CreditSpecification={"CpuCredits": "turbo"}), "InvalidParameterValue"),
            (dict(CpuOptions={"CoreCount": 8, "ThreadsPerCore": 2}), "InvalidParameterValue"),
            (dict(MaintenanceOptions={"AutoRecovery": "sometimes"}), "InvalidParameterValue"),
            (dict(Placement={"AvailabilityZone": "", "GroupName": "nope"}), "InvalidPlacementGroup.Unknown"),
            (dict(Placement={"Tenancy": "dedicated"}), "InvalidParameterValue"),
            (dict(Placement={"HostId": "h-0123456789abcdef0"}), "InvalidParameterValue"),
            (dict(CapacityReservationSpecification={"CapacityReservationTarget": {
                "CapacityReservationId": "cr-0123456789abcdef0"}}), "InvalidParameterValue"),
        ]
        for n, (extra, code) in enumerate(cases):
            with self.subTest(extra=extra):
                self.assertEqual(error_of(launch, ec2, ClientToken="bad-%d" % n, **extra)[0], code)
        self.assertEqual(error_of(launch, ec2, ClientToken="plain-root", HibernationOptions={"Configured": True})[0],
                         "UnsupportedHibernationConfiguration")
        arm = al2023(ec2, "arm64")
        self.assertEqual(error_of(launch, ec2, ImageId=arm, InstanceType="t4g.micro", ClientToken="arm",
                                  HibernationOptions={"Configured": True})[0], "UnsupportedHibernationConfiguration")
        self.assertEqual(ec2.describe_instances()["Reservations"], [])

    def test_instance_option_actions(self):
        ec2 = self.server.client()
        iid = launch(ec2)["InstanceId"]
        m5 = launch(ec2, InstanceType="m5.large", CreditSpecification=None, ClientToken="m5")["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid, m5], WaiterConfig=WAIT)
        answer = ec2.modify_instance_credit_specification(InstanceCreditSpecifications=[
            {"InstanceId": iid, "CpuCredits": "standard"}, {"InstanceId": m5, "CpuCredits": "standard"},
            {"InstanceId": "i-0000000000000000f", "CpuCredits": "standard"}])
        self.assertEqual(answer["SuccessfulInstanceCreditSpecifications"], [{"InstanceId": iid}])
        self.assertEqual([(u["InstanceId"], u["Error"]["Code"]) for u in answer["UnsuccessfulInstanceCreditSpecifications"]],
                         [(m5, "InstanceCreditSpecification.NotSupported"),
                          ("i-0000000000000000f", "InvalidInstanceID.NotFound")])
        self.assertEqual(ec2.describe_instance_credit_specifications(InstanceIds=[iid])[
            "InstanceCreditSpecifications"], [{"InstanceId": iid, "CpuCredits": "standard"}])
        self.assertEqual(error_of(ec2.describe_instance_credit_specifications, InstanceIds=[m5])[0],
                         "UnsupportedOperation")
        self.assertEqual(error_of(ec2.modify_instance_credit_specification, InstanceCreditSpecifications=[
            {"InstanceId": iid, "CpuCredits": "turbo"}])[0], "InvalidParameterValue")

        metadata = ec2.modify_instance_metadata_options(InstanceId=iid, HttpTokens="optional",
                                                        HttpPutResponseHopLimit=3)["InstanceMetadataOptions"]
        self.assertEqual((metadata["State"], metadata["HttpTokens"], metadata["HttpPutResponseHopLimit"]),
                         ("pending", "optional", 3))
        shown = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["MetadataOptions"]
        self.assertEqual((shown["HttpTokens"], shown["HttpPutResponseHopLimit"]), ("optional", 3))
        self.assertEqual(error_of(ec2.modify_instance_metadata_options, InstanceId=iid,
                                  HttpPutResponseHopLimit=65)[0], "InvalidParameterValue")
        self.assertEqual(error_of(ec2.modify_instance_metadata_options, InstanceId="i-zz")[0],
                         "InvalidInstanceID.Malformed")

        maintenance = ec2.modify_instance_maintenance_options(InstanceId=iid, AutoRecovery="disabled")
        self.assertEqual(maintenance["AutoRecovery"], "disabled")
        self.assertEqual(ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0][
            "MaintenanceOptions"]["AutoRecovery"], "disabled")
        self.assertEqual(error_of(ec2.modify_instance_maintenance_options, InstanceId=iid,
                                  AutoRecovery="never")[0], "InvalidParameterValue")

        ec2.terminate_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        self.assertEqual(error_of(ec2.modify_instance_metadata_options, InstanceId=iid, HttpTokens="required")[0],
                         "IncorrectInstanceState")

    def test_placement_groups(self):
        ec2 = self.server.client()
        group = ec2.create_placement_group(GroupName="web", Strategy="partition", PartitionCount=3, TagSpecifications=[
            {"ResourceType": "placement-group", "Tags": [{"Key": "team", "Value": "a"}]}])["PlacementGroup"]
        self.assertEqual((group["GroupName"], group["Strategy"], group["PartitionCount"], group["State"]),
                         ("web", "partition", 3, "available"))
        self.assertEqual(error_of(ec2.create_placement_group, GroupName="web", Strategy="cluster")[0],
                         "InvalidPlacementGroup.Duplicate")
        listed = ec2.describe_placement_groups(Filters=[{"Name": "tag:team", "Values": ["a"]}])["PlacementGroups"]
        self.assertEqual([g["GroupId"] for g in listed], [group["GroupId"]])
        self.assertEqual(error_of(ec2.describe_placement_groups, GroupNames=["nope"])[0],
                         "InvalidPlacementGroup.Unknown")
        iid = launch(ec2, InstanceType="m5.large", CreditSpecification=None,
                     Placement={"AvailabilityZone": "", "GroupName": "web"})["InstanceId"]
        shown = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        self.assertEqual((shown["Placement"]["GroupName"], shown["Placement"]["PartitionNumber"]), ("web", 1))
        self.assertEqual(error_of(ec2.delete_placement_group, GroupName="web")[0], "InvalidPlacementGroup.InUse")
        ec2.terminate_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_terminated").wait(InstanceIds=[iid], WaiterConfig=WAIT)
        ec2.delete_placement_group(GroupName="web")
        self.assertEqual(error_of(ec2.delete_placement_group, GroupName="web")[0], "InvalidPlacementGroup.Unknown")
        self.assertEqual(error_of(ec2.create_placement_group, GroupName="x", Strategy="huddle")[0],
                         "InvalidParameterValue")

    def test_malformed_wire_input_answers_4xx(self):
        ec2 = self.server.client()
        launch_query = "Action=RunInstances&Version=2016-11-15&ImageId=%s&MinCount=1&MaxCount=1&" % al2023(ec2)
        for query in [launch_query + "CpuOptions.CoreCount=abc",
                      launch_query + "HibernationOptions.Configured=maybe",
                      launch_query + "InstanceType=m5.large&CreditSpecification.CpuCredits=unlimited",
                      "Action=ModifyInstanceCreditSpecification&Version=2016-11-15",
                      "Action=DescribeInstanceCreditSpecifications&Version=2016-11-15&InstanceId.1=i-zz",
                      "Action=CreatePlacementGroup&Version=2016-11-15&GroupName=a&Strategy=partition&PartitionCount=x",
                      "Action=ModifyInstanceMetadataOptions&Version=2016-11-15&InstanceId=i-0123456789abcdef0&"
                      "HttpPutResponseHopLimit=many",
                      "Action=GetInstanceUefiData&Version=2016-11-15"]:
            with self.subTest(query=query):
                status, body = self.server.raw(query.encode())
                self.assertEqual(status, 400, body)
                self.assertTrue(error_code(body))
        self.assertEqual(ec2.describe_instances()["Reservations"], [])


if __name__ == "__main__":
    unittest.main()
