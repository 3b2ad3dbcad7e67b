"""End to end: security groups through the AWS CLI and boto3 against the real binary — the CLI's flat
parameters, rules with group references, descriptions and rule ids, dependencies, and paginators."""
import unittest

from harness import ServerTestCase, error_of


class SecurityGroups(ServerTestCase):
    reset_between_tests = True

    def test_cli_creates_a_group_and_opens_ssh_with_the_flat_parameters(self):
        _, group = self.server.cli("create-security-group", "--group-name", "web", "--description", "web")
        self.server.cli("authorize-security-group-ingress", "--group-name", "web", "--protocol", "tcp",
                        "--port", "22", "--cidr", "0.0.0.0/0")
        _, out = self.server.cli("describe-security-groups", "--group-ids", group["GroupId"])
        sg = out["SecurityGroups"][0]
        self.assertEqual(sg["GroupName"], "web")
        self.assertEqual(sg["IpPermissions"], [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                                "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
                                                "PrefixListIds": [], "UserIdGroupPairs": []}])
        self.assertEqual(sg["IpPermissionsEgress"][0]["IpProtocol"], "-1")
        code, err = self.server.cli("authorize-security-group-ingress", "--group-name", "web", "--protocol", "tcp",
                                    "--port", "22", "--cidr", "0.0.0.0/0", check=False)
        self.assertNotEqual(code, 0)
        self.assertIn("InvalidPermission.Duplicate", err)

    def test_boto3_rules_with_group_references_descriptions_and_rule_ids(self):
        ec2 = self.server.client()
        web = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        db = ec2.create_security_group(GroupName="db", Description="db")["GroupId"]
        added = ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
             "UserIdGroupPairs": [{"GroupId": web, "Description": "from web"}],
             "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}])["SecurityGroupRules"]
        self.assertEqual(len(added), 2)
        referenced = next(r for r in added if "ReferencedGroupInfo" in r)
        self.assertEqual(referenced["ReferencedGroupInfo"]["GroupId"], web)
        self.assertEqual(referenced["Description"], "from web")
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [db]}])["SecurityGroupRules"]
        self.assertEqual(len(rules), 3)  # two ingress, the default egress
        self.assertEqual(error_of(ec2.delete_security_group, GroupId=web),
                         ("DependencyViolation", f"resource {web} has a dependent object"))
        revoked = ec2.revoke_security_group_ingress(GroupId=db, SecurityGroupRuleIds=[referenced["SecurityGroupRuleId"]])
        self.assertEqual(revoked["RevokedSecurityGroupRules"][0]["ReferencedGroupId"], web)
        ec2.delete_security_group(GroupId=web)
        self.assertEqual(error_of(ec2.describe_security_groups, GroupIds=[web])[0], "InvalidGroup.NotFound")
        self.assertEqual(error_of(ec2.describe_security_groups, GroupIds=["sg-xyz"])[0], "InvalidGroupId.Malformed")

    def test_paginators_walk_every_group_once(self):
        ec2 = self.server.client()
        created = {ec2.create_security_group(GroupName=f"g{i:02}", Description="d")["GroupId"] for i in range(23)}
        pages = list(ec2.get_paginator("describe_security_groups").paginate(PaginationConfig={"PageSize": 5}))
        ids = [g["GroupId"] for p in pages for g in p["SecurityGroups"]]
        self.assertEqual(len(pages), 5)
        self.assertEqual(len(ids), 24)
        self.assertEqual(len(set(ids)), 24)
        self.assertTrue(created <= set(ids))
        self.assertEqual(error_of(ec2.describe_security_groups, MaxResults=5, NextToken="bogus")[0],
                         "InvalidPaginationToken")
        unvalidated = self.server.client(parameter_validation=False)
        self.assertEqual(error_of(unvalidated.describe_security_groups, MaxResults=3)[0], "InvalidParameterValue")


if __name__ == "__main__":
    unittest.main()
