"""End to end: the default network through boto3 against the real binary — each account's default VPC,
its subnets (one per zone), its default security group and the account attributes naming it."""
import unittest

from harness import ServerTestCase, error_of


class DefaultVpc(ServerTestCase):
    reset_between_tests = True

    def test_default_vpc_subnets_group_and_account_attributes(self):
        ec2 = self.server.client(region="eu-west-1")
        vpcs = ec2.describe_vpcs()["Vpcs"]
        self.assertEqual(len(vpcs), 1)
        self.assertTrue(vpcs[0]["IsDefault"])
        self.assertEqual(vpcs[0]["CidrBlock"], "172.31.0.0/16")
        subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
        self.assertEqual(sorted(s["AvailabilityZone"] for s in subnets), ["eu-west-1a", "eu-west-1b", "eu-west-1c"])
        self.assertEqual(sorted(s["CidrBlock"] for s in subnets), ["172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"])
        attributes = {a["AttributeName"]: [v["AttributeValue"] for v in a["AttributeValues"]]
                      for a in ec2.describe_account_attributes()["AccountAttributes"]}
        self.assertEqual(attributes["default-vpc"], [vpcs[0]["VpcId"]])
        self.assertEqual(attributes["supported-platforms"], ["VPC"])
        default = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]
        self.assertEqual(default["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"], default["GroupId"])
        self.assertEqual(error_of(ec2.delete_security_group, GroupName="default")[0], "CannotDelete")
        # Another account's default VPC is its own.
        other = self.server.client(region="eu-west-1", access_key="333333333333").describe_vpcs()["Vpcs"][0]
        self.assertNotEqual(other["VpcId"], vpcs[0]["VpcId"])
        self.assertEqual(other["OwnerId"], "333333333333")


if __name__ == "__main__":
    unittest.main()
