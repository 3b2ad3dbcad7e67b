#!/usr/bin/env python3
"""Regenerates tests/wire/input_fixtures.json: requests as botocore's own EC2 serializer writes them.

Each fixture: the operation, the params a boto3 user passes, the form body botocore sends, and the
input localec2's parser must produce (the params, with timestamps as sent and blobs as raw text).
"""
import datetime
import json
import os

import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.serialize import create_serializer

CASES = [
    ("DescribeRegions", {"RegionNames": ["eu-west-1", "us-east-2"], "AllRegions": True,
                         "Filters": [{"Name": "opt-in-status", "Values": ["opted-in", "not-*"]}]}),
    ("DescribeInstances", {"InstanceIds": ["i-0123456789abcdef0"], "MaxResults": 5, "NextToken": "a b+c/=",
                           "Filters": [{"Name": "tag:Name", "Values": ["web", "db?"]},
                                       {"Name": "instance-state-name", "Values": ["running"]}]}),
    ("RunInstances", {"ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 3,
                      "InstanceType": "t3.micro", "KeyName": "lab", "SecurityGroupIds": ["sg-1", "sg-2"],
                      "UserData": "IyEvYmluL3NoCmVjaG8gaGk=", "EbsOptimized": False,
                      "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30}},
                                              {"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 100,
                                               "DeleteOnTermination": True, "VolumeType": "gp3"}},
                                              {"DeviceName": "/dev/sdg", "NoDevice": ""}],
                      "IamInstanceProfile": {"Name": "lab-role"},
                      "TagSpecifications": [{"ResourceType": "instance",
                                             "Tags": [{"Key": "Name", "Value": "web & <db>"}]}],
                      "Placement": {"AvailabilityZone": "us-east-1a"}}),
    ("AuthorizeSecurityGroupIngress", {"GroupName": "web", "IpPermissions": [
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
         "Ipv6Ranges": [{"CidrIpv6": "::/0", "Description": "ssh"}],
         "UserIdGroupPairs": [{"GroupId": "sg-12345678"}]}]}),
    ("ImportKeyPair", {"KeyName": "mine", "PublicKeyMaterial": b"ssh-ed25519 AAAAC3Nz test@host"}),
    ("CreateTags", {"Resources": ["i-1", "vol-2"], "Tags": [{"Key": "a", "Value": ""}, {"Key": "b=c", "Value": "é"}]}),
    ("DescribeSpotPriceHistory", {"StartTime": datetime.datetime(2026, 1, 2, 3, 4, 5,
                                                                 tzinfo=datetime.timezone.utc),
                                  "InstanceTypes": ["t3.micro"]}),
    ("ModifyInstanceAttribute", {"InstanceId": "i-1", "UserData": {"Value": b"#!/bin/sh"},
                                 "InstanceType": {"Value": "t3.large"}}),
    ("DescribeImages", {"Owners": ["self", "amazon"], "ExecutableUsers": ["all"], "IncludeDeprecated": True}),
]


def expected(value):
    if isinstance(value, dict):
        return {k: expected(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expected(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, bytes):
        return value.decode()
    return value


def main():
    model = botocore.session.get_session().get_service_model("ec2")
    serializer = create_serializer("ec2")
    fixtures = []
    for operation, params in CASES:
        request = serializer.serialize_to_request(params, model.operation_model(operation))
        body = AWSRequest(method="POST", url="http://localhost/", data=request["body"]).prepare().body
        fixtures.append({"operation": operation, "body": body, "expected_input": expected(params)})
    out = os.path.join(os.path.dirname(__file__), "input_fixtures.json")
    with open(out, "w") as f:
        json.dump(fixtures, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
