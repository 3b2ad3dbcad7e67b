"""End to end: the instance metadata service below /_localec2/imds/INSTANCE_ID — boto3 and the AWS CLI v2
configured only with AWS_EC2_METADATA_SERVICE_ENDPOINT find their role credentials (and the CLI its region) there
and call EC2 as the instance's account; every path of the tree; the IMDSv2 token flow; HttpTokens=required, a disabled endpoint, user data,
public keys and tags as the instance's options and launch decide; malformed requests get a clean 4xx."""
import http.client
import json
import os
import subprocess
import sys
import unittest

import boto3
from botocore.config import Config

from harness import ServerTestCase, StrictServerTestCase, error_of
from test_cli_v2 import AWS_V2_COMMAND, SKIP_REASON as CLI_V2_SKIP

ACCOUNT = "111122223333"


def al2023(ec2):
    return ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-*"]}, {"Name": "architecture", "Values": ["x86_64"]}])["Images"][0]["ImageId"]


class Imds(ServerTestCase):
    reset_between_tests = True

    def launch(self, region="us-east-1", **kwargs):
        ec2 = self.server.client(region=region, access_key=ACCOUNT)
        kwargs.setdefault("MetadataOptions", {"HttpTokens": "optional"})
        instance = ec2.run_instances(ImageId=al2023(ec2), InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                     **kwargs)["Instances"][0]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance["InstanceId"]], WaiterConfig={"Delay": 0.1})
        return ec2, instance["InstanceId"]

    def get(self, iid, path, headers=None, method="GET"):
        return self.server.raw(method=method, path=f"/_localec2/imds/{iid}{path}", headers=headers)

    def token(self, iid, ttl="21600"):
        status, token = self.get(iid, "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": ttl}, "PUT")
        self.assertEqual(status, 200)
        return token

    def only_imds_env(self, iid):
        """The environment of a program on the instance: no keys, no region, no config files, only the endpoint."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_EC2_METADATA_SERVICE_ENDPOINT=f"{self.server.endpoint}/_localec2/imds/{iid}/",
                   AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent", AWS_PAGER="")
        return env

    def test_boto3_finds_role_credentials_and_region_from_the_endpoint_alone(self):
        ec2, iid = self.launch(region="eu-west-1", IamInstanceProfile={"Name": "app-role"},
                               MetadataOptions={"HttpTokens": "required"})
        # boto3 takes its credentials from the metadata service by itself; its region it does not (botocore
        # asks the service for the region only for defaults_mode "auto"), so the program asks botocore's own
        # IMDSRegionProvider, which honours the same variable.
        script = (
            "import boto3, json, botocore.utils\n"
            "session = boto3.Session()\n"
            "region = botocore.utils.IMDSRegionProvider(session._session).provide()\n"
            "credentials = session.get_credentials().get_frozen_credentials()\n"
            "ec2 = session.client('ec2', region_name=region, endpoint_url=%r)\n"
            "ids = [i['InstanceId'] for r in ec2.describe_instances()['Reservations'] for i in r['Instances']]\n"
            "print(json.dumps({'region': region, 'key': credentials.access_key, 'ids': ids}))\n"
        ) % self.server.endpoint
        proc = subprocess.run([sys.executable, "-c", script], env=self.only_imds_env(iid), capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        found = json.loads(proc.stdout)
        self.assertEqual(found["region"], "eu-west-1")
        self.assertRegex(found["key"], r"^ASIA[A-Z2-7]{16}$")
        self.assertEqual(found["ids"], [iid])  # the instance's account and region, not the default account's

    @unittest.skipIf(CLI_V2_SKIP, CLI_V2_SKIP)
    def test_aws_cli_v2_finds_region_and_credentials_from_the_endpoint_alone(self):
        _, iid = self.launch(region="ap-southeast-2", IamInstanceProfile={"Name": "app-role"})
        proc = subprocess.run([*AWS_V2_COMMAND, "--endpoint-url", self.server.endpoint, "--output", "json", "ec2",
                               "describe-instances"], env=self.only_imds_env(iid), capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        ids = [i["InstanceId"] for r in json.loads(proc.stdout)["Reservations"] for i in r["Instances"]]
        self.assertEqual(ids, [iid])

    def test_role_credentials_in_aws_shape(self):
        _, iid = self.launch(IamInstanceProfile={"Name": "app-role"})
        self.assertEqual(self.get(iid, "/latest/meta-data/iam/security-credentials/"), (200, "app-role"))
        status, body = self.get(iid, "/latest/meta-data/iam/security-credentials/app-role")
        self.assertEqual(status, 200)
        credentials = json.loads(body)
        self.assertEqual(list(credentials), ["Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token",
                                             "Expiration"])
        self.assertEqual((credentials["Code"], credentials["Type"]), ("Success", "AWS-HMAC"))
        self.assertRegex(credentials["Expiration"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(len(credentials["SecretAccessKey"]), 40)
        info = json.loads(self.get(iid, "/latest/meta-data/iam/info")[1])
        self.assertEqual(info["InstanceProfileArn"], f"arn:aws:iam::{ACCOUNT}:instance-profile/app-role")
        # The same set within the hour; it acts as the instance's account.
        self.assertEqual(json.loads(self.get(iid, "/latest/meta-data/iam/security-credentials/app-role")[1]),
                         credentials)
        as_role = self.server.client(access_key=credentials["AccessKeyId"], secret_key=credentials["SecretAccessKey"])
        ids = [i["InstanceId"] for r in as_role.describe_instances()["Reservations"] for i in r["Instances"]]
        self.assertEqual(ids, [iid])

    def test_every_listed_path(self):
        ec2, iid = self.launch(KeyName=self.key(ec2_region="us-east-1"))
        instance = ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
        eni = instance["NetworkInterfaces"][0]
        mac = eni["MacAddress"]
        status, listing = self.get(iid, "/latest/meta-data/")
        self.assertEqual(status, 200)
        for entry in ["ami-id", "ami-launch-index", "ami-manifest-path", "block-device-mapping/", "hostname",
                      "instance-action", "instance-id", "instance-life-cycle", "instance-type", "local-hostname",
                      "local-ipv4", "mac", "network/", "placement/", "public-keys/", "reservation-id",
                      "security-groups", "services/"]:
            self.assertIn(entry, listing.split("\n"))
        self.assertNotIn("iam/", listing.split("\n"))  # no instance profile
        self.assertNotIn("tags/", listing.split("\n"))  # InstanceMetadataTags disabled
        expected = {
            "ami-id": instance["ImageId"], "ami-launch-index": "0", "ami-manifest-path": "(unknown)",
            "block-device-mapping/ami": instance["RootDeviceName"], "hostname": instance["PrivateDnsName"],
            "instance-action": "none", "instance-id": iid, "instance-life-cycle": "on-demand",
            "instance-type": "t3.micro", "local-hostname": instance["PrivateDnsName"],
            "local-ipv4": instance["PrivateIpAddress"], "mac": mac,
            "placement/availability-zone": instance["Placement"]["AvailabilityZone"],
            "placement/region": "us-east-1", "reservation-id": ec2.describe_instances(
                InstanceIds=[iid])["Reservations"][0]["ReservationId"],
            "security-groups": "default", "services/domain": "amazonaws.com",
            f"network/interfaces/macs/{mac}/device-number": "0",
            f"network/interfaces/macs/{mac}/interface-id": eni["NetworkInterfaceId"],
            f"network/interfaces/macs/{mac}/subnet-id": eni["SubnetId"],
            f"network/interfaces/macs/{mac}/vpc-id": eni["VpcId"],
            f"network/interfaces/macs/{mac}/security-group-ids": instance["SecurityGroups"][0]["GroupId"],
            f"network/interfaces/macs/{mac}/local-ipv4s": instance["PrivateIpAddress"],
        }
        for path, value in expected.items():
            self.assertEqual(self.get(iid, "/latest/meta-data/" + path), (200, value), path)
        # A leaf answers with or without a trailing '/', as botocore asks for the zone.
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id/"), (200, iid))
        self.assertEqual(self.get(iid, "/latest/meta-data/placement/availability-zone-id")[0], 200)
        self.assertEqual(self.get(iid, "/latest/meta-data/network/interfaces/macs/"), (200, mac + "/"))
        if "PublicIpAddress" in instance:
            self.assertEqual(self.get(iid, "/latest/meta-data/public-ipv4"), (200, instance["PublicIpAddress"]))
        self.assertEqual(self.get(iid, "/latest/"), (200, "dynamic\nmeta-data"))  # no user data: not listed
        self.assertEqual(self.get(iid, "/latest/user-data")[0], 404)
        self.assertEqual(self.get(iid, "/latest/meta-data/nothing-here")[0], 404)
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id/more")[0], 404)
        document = json.loads(self.get(iid, "/latest/dynamic/instance-identity/document")[1])
        self.assertEqual((document["accountId"], document["instanceId"], document["region"],
                          document["privateIp"]), (ACCOUNT, iid, "us-east-1", instance["PrivateIpAddress"]))
        self.assertEqual(self.get(iid, "/latest/dynamic/instance-identity/"), (200, "document\npkcs7\nsignature"))
        for leaf in ["signature", "pkcs7"]:
            self.assertEqual(self.get(iid, "/latest/dynamic/instance-identity/" + leaf)[0], 200)

    def key(self, ec2_region):
        ec2 = self.server.client(region=ec2_region, access_key=ACCOUNT)
        ec2.create_key_pair(KeyName="lab")
        return "lab"

    def test_public_keys_only_when_launched_with_a_key_pair(self):
        ec2, with_key = self.launch(KeyName=self.key("us-east-1"))
        public = ec2.describe_key_pairs(KeyNames=["lab"], IncludePublicKey=True)["KeyPairs"][0]["PublicKey"]
        self.assertEqual(self.get(with_key, "/latest/meta-data/public-keys/"), (200, "0=lab"))
        self.assertEqual(self.get(with_key, "/latest/meta-data/public-keys/0/"), (200, "openssh-key"))
        self.assertEqual(self.get(with_key, "/latest/meta-data/public-keys/0/openssh-key"), (200, public))
        # An image made from that instance carries no key: launched from it without naming one, no public-keys/.
        image = ec2.create_image(InstanceId=with_key, Name="baked")["ImageId"]
        from_image = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1,
                                       MetadataOptions={"HttpTokens": "optional"})["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[from_image], WaiterConfig={"Delay": 0.1})
        self.assertEqual(self.get(from_image, "/latest/meta-data/public-keys/")[0], 404)
        self.assertNotIn("public-keys/", self.get(from_image, "/latest/meta-data/")[1].split("\n"))

    def test_token_flow(self):
        _, iid = self.launch(MetadataOptions={"HttpTokens": "required"})
        _, other = self.launch()
        token = self.token(iid)
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id", {"X-aws-ec2-metadata-token": token}),
                         (200, iid))
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id")[0], 401)  # required: no token, no answer
        self.assertEqual(self.get(other, "/latest/meta-data/instance-id",
                                  {"X-aws-ec2-metadata-token": token})[0], 401)  # another instance's token
        forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id", {"X-aws-ec2-metadata-token": forged})[0], 401)
        for ttl in ["0", "21601", "-1", "abc", "1.5", ""]:
            status, _ = self.get(iid, "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": ttl}, "PUT")
            self.assertEqual(status, 400, ttl)
        self.assertEqual(self.get(iid, "/latest/api/token", method="PUT")[0], 400)  # no TTL
        self.assertEqual(self.get(iid, "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60",
                                                             "X-Forwarded-For": "10.0.0.9"}, "PUT")[0], 403)
        self.assertEqual(self.get(iid, "/latest/api/token")[0], 405)
        self.assertEqual(self.get(iid, "/latest/meta-data/", {"X-aws-ec2-metadata-token": token}, "PUT")[0], 405)
        self.assertEqual(self.token(iid, ttl="1")[:5], "AQAEA")

    def test_metadata_options_decide_what_answers(self):
        ec2, iid = self.launch()
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id"), (200, iid))  # v1 while optional
        ec2.modify_instance_metadata_options(InstanceId=iid, HttpTokens="required")
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id")[0], 401)
        ec2.modify_instance_metadata_options(InstanceId=iid, HttpEndpoint="disabled")
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id")[0], 403)
        self.assertEqual(self.get(iid, "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60"}, "PUT")[0],
                         403)
        ec2.modify_instance_metadata_options(InstanceId=iid, HttpEndpoint="enabled", HttpTokens="optional")
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id"), (200, iid))
        ec2.stop_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig={"Delay": 0.1})
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id")[0], 404)  # only a running instance answers

    def test_launch_template_metadata_options_apply(self):
        # (A template's MetadataOptions.InstanceMetadataTags is refused as not supported yet.)
        ec2 = self.server.client(access_key=ACCOUNT)
        ec2.create_launch_template(LaunchTemplateName="locked", LaunchTemplateData={
            "ImageId": al2023(ec2), "InstanceType": "t3.micro", "MetadataOptions": {"HttpTokens": "required"}})
        iid = ec2.run_instances(LaunchTemplate={"LaunchTemplateName": "locked"}, MinCount=1,
                                MaxCount=1)["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 0.1})
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id")[0], 401)
        self.assertEqual(self.get(iid, "/latest/meta-data/instance-id", {"X-aws-ec2-metadata-token": self.token(iid)}),
                         (200, iid))

    def test_tags_only_when_enabled(self):
        ec2, iid = self.launch(TagSpecifications=[{"ResourceType": "instance", "Tags": [
            {"Key": "Name", "Value": "web"}, {"Key": "team", "Value": "blue"}]}])
        self.assertEqual(self.get(iid, "/latest/meta-data/tags/instance/")[0], 404)
        ec2.modify_instance_metadata_options(InstanceId=iid, InstanceMetadataTags="enabled")
        self.assertEqual(self.get(iid, "/latest/meta-data/tags/instance/"), (200, "Name\nteam"))
        self.assertEqual(self.get(iid, "/latest/meta-data/tags/instance/Name"), (200, "web"))
        ec2.create_tags(Resources=[iid], Tags=[{"Key": "team", "Value": "green"}])
        self.assertEqual(self.get(iid, "/latest/meta-data/tags/instance/team"), (200, "green"))

    def test_user_data_follows_modify_instance_attribute(self):
        ec2, iid = self.launch(UserData="#!/bin/sh\necho one\n")
        self.assertEqual(self.get(iid, "/latest/user-data"), (200, "#!/bin/sh\necho one\n"))
        self.assertEqual(self.get(iid, "/latest/"), (200, "dynamic\nmeta-data\nuser-data"))
        ec2.stop_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_stopped").wait(InstanceIds=[iid], WaiterConfig={"Delay": 0.1})
        ec2.modify_instance_attribute(InstanceId=iid, UserData={"Value": b"#!/bin/sh\necho two\n"})
        ec2.start_instances(InstanceIds=[iid])
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 0.1})
        self.assertEqual(self.get(iid, "/latest/user-data"), (200, "#!/bin/sh\necho two\n"))

    def test_instance_view_names_the_endpoint(self):
        _, iid = self.launch(region="eu-west-1")
        status, body = self.server.raw(method="GET", path=f"/_localec2/instances/{iid}?account={ACCOUNT}&region=eu-west-1")
        self.assertEqual(status, 200)
        view = json.loads(body)
        self.assertEqual(view["ImdsEndpoint"], f"http://127.0.0.1:{self.server.port}/_localec2/imds/{iid}/")
        self.assertEqual((view["AccountId"], view["Region"], view["State"]), (ACCOUNT, "eu-west-1", "running"))
        status, body = self.server.raw(method="GET", path=f"/_localec2/instances/{iid}")  # the default account
        self.assertEqual((status, json.loads(body)["Error"]["Code"]), (404, "InvalidInstanceID.NotFound"))
        self.assertEqual(self.server.raw(method="GET", path=f"/_localec2/instances/{iid}?region=moon-1")[0], 400)
        self.assertEqual(self.server.raw(method="GET", path=f"/_localec2/instances/{iid}?color=red")[0], 400)

    def test_malformed_requests_get_a_clean_4xx(self):
        _, iid = self.launch()
        cases = [
            ("GET", f"/_localec2/imds/{iid}/latest/meta-data/../../x", {}),
            ("GET", f"/_localec2/imds/{iid}//latest//meta-data", {}),
            ("GET", f"/_localec2/imds/{iid}/latest/meta-data/%00", {}),
            ("GET", "/_localec2/imds/", {}),
            ("GET", "/_localec2/imds/i-", {}),
            ("GET", "/_localec2/imds/not-an-id/latest/meta-data/", {}),
            ("GET", "/_localec2/imds/i-0123456789abcdef0/latest/meta-data/", {}),
            ("DELETE", f"/_localec2/imds/{iid}/latest/meta-data/", {}),
            ("GET", f"/_localec2/imds/{iid}/latest/meta-data/", {"X-aws-ec2-metadata-token": "x" * 4000}),
            ("GET", f"/_localec2/imds/{iid}/latest/meta-data/", {"X-aws-ec2-metadata-token": ""}),
            ("GET", f"/_localec2/imds/{iid}/latest/meta-data/", {"X-aws-ec2-metadata-token": "AQAEA.."}),
            ("GET", f"/_localec2/imds/{iid}/latest/meta-data/", {"X-aws-ec2-metadata-token": f"AQAEA99999999999999999999.{iid}.x"}),
            ("PUT", f"/_localec2/imds/{iid}/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "9" * 40}),
            ("GET", f"/_localec2/imds/{iid}/2009-04-04/meta-data/", {}),
            ("GET", "/_localec2/instances/", {}),
            ("GET", "/_localec2/instances/i-zz?account=%zz", {}),
        ]
        for method, path, headers in cases:
            status, _ = self.server.raw(method=method, path=path, headers=headers)
            self.assertTrue(400 <= status < 500, f"{method} {path} {headers}: {status}")
        self.assertServerStillAnswers()


class ImdsLoopbackListener(ServerTestCase):
    """--imds-port: each instance's metadata service at an address of its own in 127.0.0.0/8, for SDKs that keep
    only the host and port of the endpoint."""
    server_args = ("--imds-port", "0")

    def test_each_instance_answers_at_its_own_loopback_address(self):
        ec2 = self.server.client(access_key=ACCOUNT)
        ids = [i["InstanceId"] for i in ec2.run_instances(ImageId=al2023(ec2), MinCount=2, MaxCount=2, MetadataOptions={
            "HttpTokens": "optional"})["Instances"]]
        ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig={"Delay": 0.1})
        endpoints = []
        for iid in ids:
            status, body = self.server.raw(method="GET", path=f"/_localec2/instances/{iid}?account={ACCOUNT}")
            self.assertEqual(status, 200)
            endpoint = json.loads(body)["ImdsLoopbackEndpoint"]
            self.assertRegex(endpoint, r"^http://127\.\d+\.\d+\.\d+:\d+$")
            endpoints.append(endpoint)
            host, port = endpoint[len("http://"):].split(":")
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
            conn.request("PUT", "/latest/api/token", headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"})
            token = conn.getresponse().read().decode()
            conn.request("GET", "/latest/meta-data/instance-id", headers={"X-aws-ec2-metadata-token": token})
            reply = conn.getresponse()
            self.assertEqual((reply.status, reply.read().decode()), (200, iid))
            conn.close()
        self.assertNotEqual(endpoints[0], endpoints[1])
        # The listener's own address names no instance.
        port = int(endpoints[0].rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/latest/meta-data/instance-id")
        self.assertEqual(conn.getresponse().status, 404)
        conn.close()


class ImdsStrict(StrictServerTestCase):
    keys = [{"AccessKeyId": "AKIDSTRICT", "SecretAccessKey": "strict-secret", "AccountId": ACCOUNT}]

    def client(self, key, secret, token=None):
        return boto3.client("ec2", endpoint_url=self.server.endpoint, region_name="us-east-1", aws_access_key_id=key,
                            aws_secret_access_key=secret, aws_session_token=token,
                            config=Config(retries={"max_attempts": 1}))

    def test_role_credentials_are_accepted_with_their_session_token(self):
        ec2 = self.client("AKIDSTRICT", "strict-secret")
        iid = ec2.run_instances(ImageId=al2023(ec2), MinCount=1, MaxCount=1, IamInstanceProfile={"Name": "app"},
                                MetadataOptions={"HttpTokens": "optional"})["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[iid], WaiterConfig={"Delay": 0.1})
        status, body = self.server.raw(method="GET", path=f"/_localec2/imds/{iid}/latest/meta-data/iam/security-credentials/app")
        self.assertEqual(status, 200)
        credentials = json.loads(body)
        key, secret, token = credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["Token"]
        as_role = self.client(key, secret, token)
        ids = [i["InstanceId"] for r in as_role.describe_instances()["Reservations"] for i in r["Instances"]]
        self.assertEqual(ids, [iid])
        # Without its session token, with another token or another secret, the key is refused.
        self.assertEqual(error_of(self.client(key, secret).describe_instances)[0], "AuthFailure")
        self.assertEqual(error_of(self.client(key, secret, token[:-3] + "abc").describe_instances)[0], "AuthFailure")
        self.assertEqual(error_of(self.client(key, "x" * 40, token).describe_instances)[0], "SignatureDoesNotMatch")
        # /_localec2/instances/ takes the signer's account in strict mode; unsigned it is refused.
        self.assertEqual(self.server.raw(method="GET", path=f"/_localec2/instances/{iid}")[0], 401)


if __name__ == "__main__":
    unittest.main()
