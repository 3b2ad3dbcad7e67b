"""End to end: key pairs, security groups, the default VPC, tags, filters, pagination, persistence,
isolation and reset — through the AWS CLI, boto3 and raw HTTP, against the real binary."""
import base64
import hashlib
import os
import subprocess
import tempfile
import unittest

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from harness import LocalEc2, ServerTestCase, error_of


class KeyPairs(ServerTestCase):
    reset_between_tests = True

    def test_cli_key_material_is_a_real_private_key_with_aws_fingerprint(self):
        _, out = self.server.cli("create-key-pair", "--key-name", "lab")
        with tempfile.TemporaryDirectory() as tmp:
            pem = os.path.join(tmp, "lab.pem")
            with open(pem, "w") as f:
                f.write(out["KeyMaterial"])
            os.chmod(pem, 0o600)
            public = subprocess.run(["ssh-keygen", "-y", "-f", pem], capture_output=True, text=True, check=True)
        self.assertTrue(public.stdout.startswith("ssh-rsa AAAA"))
        self.assertTrue(out["KeyMaterial"].startswith("-----BEGIN RSA PRIVATE KEY-----"))
        key = serialization.load_pem_private_key(out["KeyMaterial"].encode(), password=None)
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        sha1 = hashlib.sha1(der).hexdigest()
        self.assertEqual(out["KeyFingerprint"], ":".join(sha1[i:i + 2] for i in range(0, 40, 2)))
        self.assertRegex(out["KeyPairId"], r"^key-0[0-9a-f]{16}$")
        # The private key is never stored: describing the key gives only the public half.
        described = self.server.client().describe_key_pairs(KeyNames=["lab"], IncludePublicKey=True)["KeyPairs"][0]
        self.assertEqual(described["PublicKey"].split()[1], public.stdout.split()[1])
        self.assertNotIn("KeyMaterial", described)
        self.assertNotIn(b"PRIVATE KEY", open(os.path.join(self.server.data_dir, "localec2.db"), "rb").read())

    def test_ed25519_key_is_openssh_and_fingerprint_is_sha256_of_the_blob(self):
        out = self.server.client().create_key_pair(KeyName="ed", KeyType="ed25519")
        key = serialization.load_ssh_private_key(out["KeyMaterial"].encode(), password=None)
        blob = base64.b64decode(key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                                              serialization.PublicFormat.OpenSSH).split()[1])
        self.assertEqual(out["KeyFingerprint"], base64.b64encode(hashlib.sha256(blob).digest()).decode())

    def test_imported_keys_get_aws_fingerprints(self):
        ec2 = self.server.client()
        rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
        line = rsa_key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        out = ec2.import_key_pair(KeyName="laptop", PublicKeyMaterial=line + b" me@laptop")
        md5 = hashlib.md5(rsa_key.public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)).hexdigest()
        self.assertEqual(out["KeyFingerprint"], ":".join(md5[i:i + 2] for i in range(0, 32, 2)))
        ed = ed25519.Ed25519PrivateKey.generate().public_key()
        ed_line = ed.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        out = ec2.import_key_pair(KeyName="ed", PublicKeyMaterial=ed_line)
        blob = base64.b64decode(ed_line.split()[1])
        self.assertEqual(out["KeyFingerprint"], base64.b64encode(hashlib.sha256(blob).digest()).decode())
        self.assertEqual(error_of(ec2.import_key_pair, KeyName="bad", PublicKeyMaterial=b"ssh-rsa nope")[0],
                         "InvalidKey.Format")

    def test_key_pairs_are_per_region_and_per_account(self):
        self.server.client(region="us-east-1").create_key_pair(KeyName="lab", KeyType="ed25519")
        code, message = error_of(self.server.client(region="eu-west-1").describe_key_pairs, KeyNames=["lab"])
        self.assertEqual((code, message), ("InvalidKeyPair.NotFound", "The key pair 'lab' does not exist"))
        other_account = self.server.client(access_key="222222222222")
        self.assertEqual(other_account.describe_key_pairs()["KeyPairs"], [])
        self.assertEqual(error_of(self.server.client().create_key_pair, KeyName="lab")[0],
                         "InvalidKeyPair.Duplicate")

    def test_deleting_a_missing_key_succeeds_and_filters_work(self):
        ec2 = self.server.client()
        self.assertTrue(ec2.delete_key_pair(KeyName="ghost")["Return"])
        ec2.create_key_pair(KeyName="a", KeyType="ed25519",
                            TagSpecifications=[{"ResourceType": "key-pair", "Tags": [{"Key": "team", "Value": "red"}]}])
        ec2.create_key_pair(KeyName="b", KeyType="ed25519")
        names = [k["KeyName"] for k in ec2.describe_key_pairs(
            Filters=[{"Name": "tag:team", "Values": ["red"]}])["KeyPairs"]]
        self.assertEqual(names, ["a"])
        self.assertEqual(len(ec2.describe_key_pairs(Filters=[{"Name": "key-name", "Values": ["?"]}])["KeyPairs"]), 2)
        ec2.delete_key_pair(KeyName="a")
        self.assertEqual([k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]], ["b"])


class SecurityGroupsAndNetwork(ServerTestCase):
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

    def test_accounts_never_see_each_other(self):
        alice, bob = self.server.client(access_key="111111111111"), self.server.client(access_key="222222222222")
        sg = alice.create_security_group(GroupName="secret", Description="d")["GroupId"]
        self.assertEqual(error_of(bob.describe_security_groups, GroupIds=[sg])[0], "InvalidGroup.NotFound")
        self.assertEqual(error_of(bob.delete_security_group, GroupId=sg)[0], "InvalidGroup.NotFound")
        self.assertEqual(error_of(bob.create_tags, Resources=[sg], Tags=[{"Key": "a", "Value": "b"}])[0],
                         "InvalidGroup.NotFound")
        self.assertEqual([g["GroupName"] for g in bob.describe_security_groups()["SecurityGroups"]], ["default"])

    def test_reset_of_one_account_keeps_the_others(self):
        alice, bob = self.server.client(access_key="111111111111"), self.server.client(access_key="222222222222")
        alice.create_security_group(GroupName="a", Description="d")
        bob.create_security_group(GroupName="b", Description="d")
        self.assertEqual(self.server.reset("111111111111"), b'{"reset":"111111111111"}')
        self.assertEqual(len(alice.describe_security_groups()["SecurityGroups"]), 1)
        self.assertEqual(len(bob.describe_security_groups()["SecurityGroups"]), 2)


class Persistence(unittest.TestCase):
    def test_state_survives_a_restart_and_in_memory_mode_keeps_nothing(self):
        with LocalEc2() as server:
            ec2 = server.client(region="ap-southeast-2")
            key_id = ec2.create_key_pair(KeyName="lab", KeyType="ed25519")["KeyPairId"]
            sg = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=sg, IpProtocol="tcp", FromPort=443, ToPort=443,
                                                 CidrIp="0.0.0.0/0")
            ec2.create_tags(Resources=[sg], Tags=[{"Key": "Name", "Value": "web"}])
            before = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"]
            server.restart()
            self.assertIn("2 resources loaded", server.output())
            ec2 = server.client(region="ap-southeast-2")
            self.assertEqual(ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"], before)
            self.assertEqual(ec2.describe_key_pairs()["KeyPairs"][0]["KeyPairId"], key_id)
        with LocalEc2("--in-memory") as server:
            server.client().create_security_group(GroupName="web", Description="web")
            self.assertFalse(os.path.exists(os.path.join(server.data_dir, "localec2.db")))
            server.restart()
            self.assertEqual(len(server.client().describe_security_groups()["SecurityGroups"]), 1)

    def test_an_unwritable_data_dir_is_a_clear_start_up_error(self):
        from harness import BIN
        with tempfile.TemporaryDirectory() as tmp:
            blocker = os.path.join(tmp, "file")
            open(blocker, "w").close()
            proc = subprocess.run([BIN, "--port", "0", "--data-dir", os.path.join(blocker, "sub")],
                                  capture_output=True, text=True, timeout=10)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("cannot create data directory", proc.stderr)


if __name__ == "__main__":
    unittest.main()
