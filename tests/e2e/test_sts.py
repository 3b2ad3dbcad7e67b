"""End to end: STS and IAM at the EC2 endpoint, as Terraform, Packer and Ansible call them before anything
else. botocore's own STS and IAM clients (their parsers are the oracle for the Query protocol's envelopes)
and the AWS CLI get the caller's identity; other STS/IAM operations answer NotImplemented naming service and
action, unknown ones InvalidAction, each in the STS/IAM error envelope; strict mode verifies sts-scoped
signatures; malformed requests get 4xx and the server keeps serving EC2."""
import json
import os
import re
import subprocess
import unittest

import boto3
from botocore.config import Config

from harness import ServerTestCase, StrictServerTestCase, error_of

KEYS = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": "111111111111"}]
STS_ERROR = re.compile(r'<\?xml version="1.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="https://(sts|iam)\.amazonaws\.com/doc/[0-9-]+/"><Error><Type>(\w+)</Type>'
                       r"<Code>([^<]+)</Code><Message>([^<]*)</Message></Error><RequestId>[0-9a-f-]{36}</RequestId>"
                       r"</ErrorResponse>")


def client(server, service, access_key="test", secret_key="test", region="us-east-1"):
    return boto3.client(service, endpoint_url=server.endpoint, region_name=region, aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key, config=Config(retries={"max_attempts": 1}))


class StsAtTheEndpoint(ServerTestCase):
    def test_get_caller_identity_names_the_default_account_as_root(self):
        identity = client(self.server, "sts").get_caller_identity()
        self.assertEqual({k: identity[k] for k in ("Account", "UserId", "Arn")},
                         {"Account": "000000000000", "UserId": "000000000000",
                          "Arn": "arn:aws:iam::000000000000:root"})
        self.assertRegex(identity["ResponseMetadata"]["RequestId"], r"^[0-9a-f-]{36}$")

    def test_a_twelve_digit_access_key_is_the_account(self):
        identity = client(self.server, "sts", access_key="123456789012").get_caller_identity()
        self.assertEqual((identity["Account"], identity["Arn"]), ("123456789012", "arn:aws:iam::123456789012:root"))

    def test_the_aws_cli_gets_the_identity(self):
        env = dict(os.environ, AWS_ACCESS_KEY_ID="444455556666", AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION="eu-west-1", AWS_PAGER="")
        proc = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "sts", "get-caller-identity",
                               "--output", "json"], env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(json.loads(proc.stdout), {"UserId": "444455556666", "Account": "444455556666",
                                                   "Arn": "arn:aws:iam::444455556666:root"})

    def test_other_sts_and_iam_operations_name_service_and_action(self):
        code, message = error_of(client(self.server, "sts").assume_role, RoleArn="arn:aws:iam::000000000000:role/r",
                                 RoleSessionName="session")
        self.assertEqual((code, message), ("NotImplemented", "The action AssumeRole of STS is not emulated by localec2."))
        code, message = error_of(client(self.server, "iam").get_user)
        self.assertEqual((code, message), ("NotImplemented", "The action GetUser of IAM is not emulated by localec2."))

    def test_envelopes_are_the_query_protocols(self):
        status, body = self.server.raw(b"Action=AssumeRole&Version=2011-06-15")
        self.assertEqual(status, 501)
        self.assertEqual(STS_ERROR.fullmatch(body).group(1, 2, 3), ("sts", "Receiver", "NotImplemented"))
        status, body = self.server.raw(b"Action=LaunchRockets&Version=2011-06-15")
        self.assertEqual(status, 400)
        self.assertEqual(STS_ERROR.fullmatch(body).group(1, 2, 3, 4),
                         ("sts", "Sender", "InvalidAction", "Could not find operation LaunchRockets for version 2011-06-15"))
        status, body = self.server.raw(b"Action=ListUsers&Version=2010-05-08")
        self.assertEqual((status, STS_ERROR.fullmatch(body).group(1, 3)), (501, ("iam", "NotImplemented")))
        status, body = self.server.raw(b"Action=GetCallerIdentity")  # no Version: still no EC2 action
        self.assertEqual(status, 200)
        self.assertIn("<Account>000000000000</Account>", body)
        self.assertTrue(body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<GetCallerIdentityResponse '
                                        'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'))

    def test_ec2_is_untouched_and_malformed_sts_requests_get_4xx(self):
        # GetCallerIdentity with EC2's Version is not an EC2 action.
        status, body = self.server.raw(b"Action=GetCallerIdentity&Version=2016-11-15")
        self.assertEqual(status, 400)
        self.assertIn("<Code>InvalidAction</Code>", body)
        for bad in (b"Action=GetCallerIdentity&Version=2011-06-15&Version=2011-06-15",
                    b"Action=GetCallerIdentity&Version=2011-06-15&%zz=1", b"Action=&Version=2011-06-15"):
            status, body = self.server.raw(bad)
            self.assertTrue(400 <= status < 500, (status, bad))
        status, body = self.server.raw(b"Action=GetCallerIdentity&Version=2011-06-15",
                                       headers={"Authorization": "AWS4-HMAC-SHA256 Credential=broken"})
        self.assertEqual(status, 400)
        status, body = self.server.raw(b"Action=GetCallerIdentity&Version=2011-06-15", headers={
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/mars-north-1/sts/aws4_request, "
                             "SignedHeaders=host, Signature=0"})
        self.assertEqual(STS_ERROR.fullmatch(body).group(3), "AuthFailure")
        self.assertEqual(self.server.client().describe_regions(RegionNames=["us-east-1"])["Regions"][0]["RegionName"],
                         "us-east-1")


class StsStrict(StrictServerTestCase):
    keys = KEYS

    def test_a_signed_call_gets_the_keys_account(self):
        identity = client(self.server, "sts", "AKIAALICE0000000001", "alice-secret").get_caller_identity()
        self.assertEqual((identity["Account"], identity["Arn"]), ("111111111111", "arn:aws:iam::111111111111:root"))

    def test_a_wrong_secret_or_no_signature_is_refused(self):
        self.assertEqual(error_of(client(self.server, "sts", "AKIAALICE0000000001", "wrong").get_caller_identity)[0],
                         "SignatureDoesNotMatch")
        status, body = self.server.raw(b"Action=GetCallerIdentity&Version=2011-06-15")
        self.assertEqual(status, 401)
        self.assertIn("<Code>MissingAuthenticationToken</Code>", body)


if __name__ == "__main__":
    unittest.main()
