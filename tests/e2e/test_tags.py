"""End to end: tags through boto3 against the real binary — CreateTags and DeleteTags on every resource
type, DescribeTags and tag:* filters, reserved aws: keys, and a refused CreateTags changing nothing."""
import unittest

from harness import ServerTestCase, error_of


class Tags(ServerTestCase):
    reset_between_tests = True

    def test_tags_on_every_resource_type_with_describe_tags_filters(self):
        ec2 = self.server.client()
        sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
        key = ec2.create_key_pair(KeyName="k", KeyType="ed25519")["KeyPairId"]
        ec2.create_tags(Resources=[sg, vpc, key], Tags=[{"Key": "env", "Value": "dev"}])
        tags = ec2.describe_tags(Filters=[{"Name": "key", "Values": ["env"]}])["Tags"]
        self.assertEqual(sorted((t["ResourceType"], t["ResourceId"]) for t in tags),
                         sorted([("security-group", sg), ("vpc", vpc), ("key-pair", key)]))
        self.assertEqual(error_of(ec2.create_tags, Resources=[sg], Tags=[{"Key": "aws:owner", "Value": "x"}])[0],
                         "InvalidParameterValue")
        ec2.delete_tags(Resources=[sg], Tags=[{"Key": "env", "Value": "not-dev"}])  # value differs: kept
        self.assertEqual(len(ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [sg]}])["Tags"]), 1)
        ec2.delete_tags(Resources=[sg], Tags=[{"Key": "env"}])
        self.assertEqual(ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [sg]}])["Tags"], [])
        filtered = ec2.describe_vpcs(Filters=[{"Name": "tag:env", "Values": ["d*"]}])["Vpcs"]
        self.assertEqual([v["VpcId"] for v in filtered], [vpc])

    def test_a_refused_request_changes_nothing(self):
        ec2 = self.server.client()
        sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        code, _ = error_of(ec2.create_tags, Resources=[sg, "sg-0123456789abcdef0"], Tags=[{"Key": "a", "Value": "b"}])
        self.assertEqual(code, "InvalidGroup.NotFound")
        self.assertEqual(ec2.describe_tags()["Tags"], [])


if __name__ == "__main__":
    unittest.main()
