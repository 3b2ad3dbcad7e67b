"""End to end: launch templates through boto3 and the AWS CLI against the real binary — Terraform's
aws_launch_template lifecycle (create, read, new version + SetDefaultVersion, delete), RunInstances from a
template with an override and AWS's own aws:ec2launchtemplate:* tags, and malformed input."""
import base64
import unittest

from harness import ServerTestCase, error_of


def al2023(ec2):
    images = ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])["Images"]
    return sorted(images, key=lambda i: i["CreationDate"])[-1]["ImageId"]


class LaunchTemplates(ServerTestCase):
    reset_between_tests = True

    def test_terraform_lifecycle_create_read_update_delete(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        created = ec2.create_launch_template(
            ClientToken="terraform-1", LaunchTemplateName="web", VersionDescription="first",
            TagSpecifications=[{"ResourceType": "launch-template", "Tags": [{"Key": "Name", "Value": "web"}]}],
            LaunchTemplateData={
                "UserData": "", "ImageId": image, "InstanceType": "t3.micro",
                "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
                "Monitoring": {"Enabled": True},
                "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3"}}],
                "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "web"}]}],
            })["LaunchTemplate"]
        lt_id = created["LaunchTemplateId"]
        self.assertRegex(lt_id, r"^lt-0[0-9a-f]{16}$")
        self.assertEqual((created["DefaultVersionNumber"], created["LatestVersionNumber"]), (1, 1))
        # A retry with the same ClientToken answers the same template.
        again = ec2.create_launch_template(ClientToken="terraform-1", LaunchTemplateName="web",
                                           LaunchTemplateData={"ImageId": image})["LaunchTemplate"]
        self.assertEqual(again["LaunchTemplateId"], lt_id)

        # Read, as the provider does.
        described = ec2.describe_launch_templates(LaunchTemplateIds=[lt_id])["LaunchTemplates"]
        self.assertEqual(len(described), 1)
        self.assertEqual(described[0]["LaunchTemplateName"], "web")
        self.assertEqual(described[0]["Tags"], [{"Key": "Name", "Value": "web"}])
        versions = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, Versions=["1"])[
            "LaunchTemplateVersions"]
        self.assertEqual(len(versions), 1)
        data = versions[0]["LaunchTemplateData"]
        self.assertEqual(versions[0]["VersionDescription"], "first")
        self.assertTrue(versions[0]["DefaultVersion"])
        self.assertEqual(data["ImageId"], image)
        self.assertEqual(data["InstanceType"], "t3.micro")
        self.assertEqual(data["MetadataOptions"], {"HttpTokens": "required", "HttpPutResponseHopLimit": 2})
        self.assertEqual(data["Monitoring"], {"Enabled": True})
        self.assertEqual(data["BlockDeviceMappings"],
                         [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3"}}])
        self.assertEqual(data["TagSpecifications"],
                         [{"ResourceType": "instance", "Tags": [{"Key": "role", "Value": "web"}]}])
        self.assertNotIn("UserData", data)

        # Update: a new version, then SetDefaultVersion.
        v2 = ec2.create_launch_template_version(
            ClientToken="terraform-2", LaunchTemplateId=lt_id, VersionDescription="second", SourceVersion="1",
            LaunchTemplateData={"InstanceType": "t3.small"})["LaunchTemplateVersion"]
        self.assertEqual(v2["VersionNumber"], 2)
        self.assertFalse(v2["DefaultVersion"])
        self.assertEqual(v2["LaunchTemplateData"]["InstanceType"], "t3.small")
        self.assertEqual(v2["LaunchTemplateData"]["ImageId"], image)
        modified = ec2.modify_launch_template(LaunchTemplateId=lt_id, DefaultVersion="2")["LaunchTemplate"]
        self.assertEqual((modified["DefaultVersionNumber"], modified["LatestVersionNumber"]), (2, 2))
        defaults = ec2.describe_launch_template_versions(
            LaunchTemplateName="web", Filters=[{"Name": "is-default-version", "Values": ["true"]}])[
            "LaunchTemplateVersions"]
        self.assertEqual([v["VersionNumber"] for v in defaults], [2])
        self.assertEqual(ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, Versions=["$Latest"])[
            "LaunchTemplateVersions"][0]["VersionNumber"], 2)

        # The default version cannot be deleted; version 1 can.
        deleted = ec2.delete_launch_template_versions(LaunchTemplateId=lt_id, Versions=["2", "1", "9"])
        self.assertEqual([v["VersionNumber"] for v in deleted["SuccessfullyDeletedLaunchTemplateVersions"]], [1])
        failures = {v["VersionNumber"]: v["ResponseError"]["Code"]
                    for v in deleted["UnsuccessfullyDeletedLaunchTemplateVersions"]}
        self.assertEqual(failures, {2: "unexpectedError", 9: "launchTemplateVersionDoesNotExist"})

        # Delete, through the AWS CLI; afterwards the template is gone.
        _, out = self.server.cli("delete-launch-template", "--launch-template-id", lt_id)
        self.assertEqual(out["LaunchTemplate"]["LaunchTemplateId"], lt_id)
        self.assertEqual(error_of(ec2.describe_launch_templates, LaunchTemplateIds=[lt_id])[0],
                         "InvalidLaunchTemplateId.NotFound")
        self.assertEqual(error_of(ec2.delete_launch_template, LaunchTemplateId=lt_id)[0],
                         "InvalidLaunchTemplateId.NotFound")

    def test_run_instances_from_a_template_with_an_override(self):
        ec2 = self.server.client()
        image = al2023(ec2)
        ec2.create_key_pair(KeyName="lab")
        user_data = base64.b64encode(b"#!/bin/sh\necho hi\n").decode()
        lt_id = ec2.create_launch_template(LaunchTemplateName="app", LaunchTemplateData={
            "ImageId": image, "InstanceType": "t3.micro", "KeyName": "lab", "UserData": user_data,
            "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "team", "Value": "blue"}]}],
        })["LaunchTemplate"]["LaunchTemplateId"]
        reservation = ec2.run_instances(MinCount=1, MaxCount=1, InstanceType="t3.small",
                                        LaunchTemplate={"LaunchTemplateName": "app"})
        instance = reservation["Instances"][0]
        self.assertEqual(instance["ImageId"], image)
        self.assertEqual(instance["InstanceType"], "t3.small")
        self.assertEqual(instance["KeyName"], "lab")
        iid = instance["InstanceId"]
        described = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        tags = {t["Key"]: t["Value"] for t in described["Tags"]}
        self.assertEqual(tags, {"team": "blue", "aws:ec2launchtemplate:id": lt_id,
                                "aws:ec2launchtemplate:version": "1"})
        rows = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [iid]},
                                          {"Name": "key", "Values": ["aws:ec2launchtemplate:version"]}])["Tags"]
        self.assertEqual([(r["ResourceType"], r["Value"]) for r in rows], [("instance", "1")])
        attribute = ec2.describe_instance_attribute(InstanceId=iid, Attribute="userData")
        self.assertEqual(attribute["UserData"]["Value"], user_data)
        # GetLaunchTemplateData reads the launch parameters back from the instance.
        data = ec2.get_launch_template_data(InstanceId=iid)["LaunchTemplateData"]
        self.assertEqual((data["ImageId"], data["InstanceType"], data["KeyName"]), (image, "t3.small", "lab"))
        self.assertEqual(data["NetworkInterfaces"], [{"DeviceIndex": 0, "SubnetId": described["SubnetId"],
                                                      "Groups": [g["GroupId"] for g in described["SecurityGroups"]],
                                                      "DeleteOnTermination": True}])
        self.assertEqual(data["BlockDeviceMappings"], [{"DeviceName": "/dev/xvda", "Ebs": {"DeleteOnTermination": True}}])
        # What it answers is template data again: a new template from it launches the same way.
        copy = ec2.create_launch_template(LaunchTemplateName="copy", LaunchTemplateData=data)["LaunchTemplate"]
        self.assertEqual(copy["LatestVersionNumber"], 1)
        self.assertEqual(error_of(ec2.run_instances, MinCount=1, MaxCount=1,
                                  LaunchTemplate={"LaunchTemplateId": lt_id, "Version": "4"})[0],
                         "InvalidLaunchTemplateId.VersionNotFound")

    def test_the_primary_network_interface_places_the_instance(self):
        ec2 = self.server.client()
        subnet = sorted(ec2.describe_subnets()["Subnets"], key=lambda s: s["AvailabilityZone"])[-1]
        group = ec2.create_security_group(GroupName="app", Description="app", VpcId=subnet["VpcId"])["GroupId"]
        ec2.create_launch_template(LaunchTemplateName="eni", LaunchTemplateData={
            "ImageId": al2023(ec2), "InstanceType": "t3.micro",
            "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "Groups": [group],
                                   "DeleteOnTermination": True}]})
        data = ec2.describe_launch_template_versions(LaunchTemplateName="eni")["LaunchTemplateVersions"][0][
            "LaunchTemplateData"]
        self.assertEqual(data["NetworkInterfaces"], [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"],
                                                      "Groups": [group], "DeleteOnTermination": True}])
        instance = ec2.run_instances(MinCount=1, MaxCount=1, LaunchTemplate={"LaunchTemplateName": "eni"})[
            "Instances"][0]
        self.assertEqual(instance["SubnetId"], subnet["SubnetId"])
        self.assertEqual(instance["Placement"]["AvailabilityZone"], subnet["AvailabilityZone"])
        self.assertEqual([g["GroupId"] for g in instance["SecurityGroups"]], [group])
        # What Terraform's network_interfaces block sends: a public address asked for, a second interface.
        ec2.create_launch_template(LaunchTemplateName="public", LaunchTemplateData={
            "ImageId": al2023(ec2), "NetworkInterfaces": [
                {"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "AssociatePublicIpAddress": True,
                 "Description": "front"},
                {"DeviceIndex": 1, "SubnetId": subnet["SubnetId"], "DeleteOnTermination": False}]})
        self.assertEqual(error_of(ec2.run_instances, MinCount=1, MaxCount=1,
                                  LaunchTemplate={"LaunchTemplateName": "public"})[0], "InvalidParameterCombination")
        ec2.create_launch_template_version(LaunchTemplateName="public", SourceVersion="1", LaunchTemplateData={
            "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "AssociatePublicIpAddress": True,
                                   "Description": "front"}]})
        public = ec2.run_instances(MinCount=1, MaxCount=1, LaunchTemplate={"LaunchTemplateName": "public",
                                                                            "Version": "2"})["Instances"][0]
        self.assertIn("PublicIpAddress", public)
        self.assertEqual(public["NetworkInterfaces"][0]["Description"], "front")
        data = ec2.get_launch_template_data(InstanceId=public["InstanceId"])["LaunchTemplateData"]
        self.assertEqual([(i["DeviceIndex"], i["SubnetId"], i["Description"]) for i in data["NetworkInterfaces"]],
                         [(0, subnet["SubnetId"], "front")])
        code, message = error_of(ec2.create_launch_template, LaunchTemplateName="efa", LaunchTemplateData={
            "NetworkInterfaces": [{"DeviceIndex": 0, "InterfaceType": "efa"}]})
        self.assertEqual(code, "UnsupportedOperation")
        self.assertIn("LaunchTemplateData.NetworkInterface.InterfaceType", message)

    def test_malformed_and_unknown_input_is_refused_with_aws_codes(self):
        ec2 = self.server.client()
        self.assertEqual(error_of(ec2.describe_launch_templates, LaunchTemplateIds=["lt-zzz"])[0],
                         "InvalidLaunchTemplateId.Malformed")
        self.assertEqual(error_of(ec2.describe_launch_templates, LaunchTemplateNames=["nope"])[0],
                         "InvalidLaunchTemplateName.NotFoundException")
        self.assertEqual(error_of(ec2.create_launch_template, LaunchTemplateName="x" * 5000,
                                  LaunchTemplateData={"InstanceType": "t3.micro"})[0], "InvalidLaunchTemplateName.MalformedException")
        ec2.create_launch_template(LaunchTemplateName="dup", LaunchTemplateData={"InstanceType": "t3.micro"})
        self.assertEqual(error_of(ec2.create_launch_template, LaunchTemplateName="dup", LaunchTemplateData={"InstanceType": "t3.micro"})[0],
                         "InvalidLaunchTemplateName.AlreadyExistsException")
        self.assertEqual(error_of(ec2.describe_launch_template_versions, LaunchTemplateName="dup",
                                  Versions=["7"])[0], "InvalidLaunchTemplateId.VersionNotFound")
        self.assertEqual(error_of(ec2.modify_launch_template, LaunchTemplateName="dup", DefaultVersion="3")[0],
                         "InvalidLaunchTemplateId.VersionNotFound")
        self.assertEqual(error_of(ec2.run_instances, MinCount=1, MaxCount=1,
                                  LaunchTemplate={"LaunchTemplateId": "lt-0123456789abcdef0"})[0],
                         "InvalidLaunchTemplateId.NotFound")
        # A member RunInstances cannot apply is refused by name, not stored and dropped.
        code, message = error_of(ec2.create_launch_template, LaunchTemplateName="spot", LaunchTemplateData={
            "InstanceMarketOptions": {"MarketType": "spot"}})
        self.assertEqual(code, "UnsupportedOperation")
        self.assertIn("LaunchTemplateData.InstanceMarketOptions", message)
        code, message = error_of(ec2.create_launch_template, LaunchTemplateName="managed",
                                 Operator={"Principal": "eks"}, LaunchTemplateData={"InstanceType": "t3.micro"})
        self.assertEqual((code, message), ("UnsupportedOperation",
                                           "The parameter Operator is not supported by localec2 yet."))
        self.assertEqual(error_of(ec2.describe_launch_template_versions, Versions=["1"])[0], "MissingParameter")
        self.assertEqual(error_of(ec2.create_launch_template_version, LaunchTemplateName="dup",
                                  VersionDescription="d" * 256, LaunchTemplateData={"InstanceType": "t3.micro"})[0],
                         "InvalidParameterValue")
        self.assertEqual(error_of(ec2.create_launch_template, LaunchTemplateName="ssm", LaunchTemplateData={
            "ImageId": "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"})[0],
                         "UnsupportedOperation")
        # DeleteLaunchTemplateVersions reports a missing template per version, with AWS's LaunchTemplateErrorCode.
        missing = ec2.delete_launch_template_versions(LaunchTemplateId="lt-0123456789abcdef0", Versions=["1"])
        self.assertEqual(missing["SuccessfullyDeletedLaunchTemplateVersions"], [])
        self.assertEqual([(v["LaunchTemplateId"], v["VersionNumber"], v["ResponseError"]["Code"])
                          for v in missing["UnsuccessfullyDeletedLaunchTemplateVersions"]],
                         [("lt-0123456789abcdef0", 1, "launchTemplateIdDoesNotExist")])
        self.assertServerStillAnswers()

    def test_versions_are_listed_newest_first_and_paginate(self):
        ec2 = self.server.client()
        lt_id = ec2.create_launch_template(LaunchTemplateName="paged", LaunchTemplateData={
            "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        for instance_type in ("t3.small", "t3.medium"):
            ec2.create_launch_template_version(LaunchTemplateId=lt_id, LaunchTemplateData={"InstanceType": instance_type})
        first = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, MaxResults=2)
        self.assertEqual([v["VersionNumber"] for v in first["LaunchTemplateVersions"]], [3, 2])
        rest = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, MaxResults=2, NextToken=first["NextToken"])
        self.assertEqual([(v["VersionNumber"], v["LaunchTemplateData"]["InstanceType"])
                          for v in rest["LaunchTemplateVersions"]], [(1, "t3.micro")])
        self.assertNotIn("NextToken", rest)
        ranged = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, MinVersion="2", MaxVersion="2")
        self.assertEqual([v["VersionNumber"] for v in ranged["LaunchTemplateVersions"]], [2])

    def test_latest_versions_of_every_template_without_naming_one(self):
        ec2 = self.server.client()
        for name in ("a-one", "b-two"):
            lt_id = ec2.create_launch_template(LaunchTemplateName=name, LaunchTemplateData={
                "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
            ec2.create_launch_template_version(LaunchTemplateId=lt_id, LaunchTemplateData={"InstanceType": "t3.large"})
        _, out = self.server.cli("describe-launch-template-versions", "--versions", "$Latest")
        latest = sorted((v["LaunchTemplateName"], v["VersionNumber"]) for v in out["LaunchTemplateVersions"])
        self.assertEqual(latest, [("a-one", 2), ("b-two", 2)])

    def test_templates_and_their_versions_survive_a_restart(self):
        ec2 = self.server.client()
        lt_id = ec2.create_launch_template(LaunchTemplateName="kept", LaunchTemplateData={
            "InstanceType": "t3.micro", "EbsOptimized": True,
            "BlockDeviceMappings": [{"DeviceName": "/dev/xvdb", "Ebs": {"VolumeSize": 30, "DeleteOnTermination": False}}],
        })["LaunchTemplate"]["LaunchTemplateId"]
        ec2.create_launch_template_version(LaunchTemplateId=lt_id, LaunchTemplateData={"InstanceType": "t3.large"})
        ec2.modify_launch_template(LaunchTemplateId=lt_id, DefaultVersion="2")
        self.server.restart()
        ec2 = self.server.client()
        described = ec2.describe_launch_templates(LaunchTemplateNames=["kept"])["LaunchTemplates"][0]
        self.assertEqual((described["DefaultVersionNumber"], described["LatestVersionNumber"]), (2, 2))
        first = ec2.describe_launch_template_versions(LaunchTemplateId=lt_id, Versions=["1"])[
            "LaunchTemplateVersions"][0]["LaunchTemplateData"]
        self.assertTrue(first["EbsOptimized"])
        self.assertEqual(first["BlockDeviceMappings"],
                         [{"DeviceName": "/dev/xvdb", "Ebs": {"VolumeSize": 30, "DeleteOnTermination": False}}])

    def test_templates_are_tagged_through_create_tags_and_listed_by_describe_tags(self):
        ec2 = self.server.client()
        lt_id = ec2.create_launch_template(LaunchTemplateName="tagme", LaunchTemplateData={
            "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        ec2.create_tags(Resources=[lt_id], Tags=[{"Key": "env", "Value": "dev"}])
        rows = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["launch-template"]}])["Tags"]
        self.assertEqual([(r["ResourceId"], r["Key"], r["Value"]) for r in rows], [(lt_id, "env", "dev")])
        tagged = ec2.describe_launch_templates(Filters=[{"Name": "tag:env", "Values": ["dev"]}])["LaunchTemplates"]
        self.assertEqual([t["LaunchTemplateId"] for t in tagged], [lt_id])
        self.assertEqual(error_of(ec2.create_tags, Resources=["lt-0123456789abcdef0"],
                                  Tags=[{"Key": "a", "Value": "b"}])[0], "InvalidLaunchTemplateId.NotFound")

    def test_templates_are_per_account_and_region(self):
        ec2 = self.server.client()
        ec2.create_launch_template(LaunchTemplateName="mine", LaunchTemplateData={"InstanceType": "t3.micro"})
        self.assertEqual(self.server.client(region="eu-west-1").describe_launch_templates()["LaunchTemplates"], [])
        other = self.server.client(access_key="333333333333")
        self.assertEqual(other.describe_launch_templates()["LaunchTemplates"], [])


if __name__ == "__main__":
    unittest.main()
