"""End to end: --auth strict. Real clients (boto3, the AWS CLI, a presigned URL) and hand-signed requests
with the right secret pass; a changed byte, a wrong secret, an unknown key, another service's scope, clock
skew and missing signatures fail with AWS's codes and HTTP statuses; each key acts in its own account."""
import datetime
import hashlib
import hmac
import http.client
import json
import os
import subprocess
import unittest
import urllib.parse

from harness import LocalEc2, StrictServerTestCase, error_code, error_of

KEYS = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": "111111111111"},
        {"AccessKeyId": "AKIABOB00000000002", "SecretAccessKey": "bob-secret", "AccountId": "222222222222"}]
BODY = "Action=DescribeRegions&Version=2016-11-15"


def hand_signed(port, key, secret, body=BODY, service="ec2", region="us-east-1", when=None, tamper=None):
    """Signs a POST the long way (SigV4 from its definition) and sends it; `tamper` edits the body after
    signing. Returns (status, body text)."""
    when = when or datetime.datetime.now(datetime.timezone.utc)
    amz_date, date = when.strftime("%Y%m%dT%H%M%SZ"), when.strftime("%Y%m%d")
    host = f"127.0.0.1:{port}"
    content_type = "application/x-www-form-urlencoded; charset=utf-8"
    canonical = "\n".join(["POST", "/", "", f"content-type:{content_type}", f"host:{host}", f"x-amz-date:{amz_date}",
                           "", "content-type;host;x-amz-date", hashlib.sha256(body.encode()).hexdigest()])
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    signing_key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        signing_key = hmac.new(signing_key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(signing_key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers = {"Content-Type": content_type, "X-Amz-Date": amz_date, "Host": host,
               "Authorization": f"AWS4-HMAC-SHA256 Credential={key}/{scope}, "
                                f"SignedHeaders=content-type;host;x-amz-date, Signature={signature}"}
    sent = tamper(body) if tamper else body
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/", body=sent, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


class StrictAuth(StrictServerTestCase):
    keys = KEYS

    def client(self, index=0, secret=None, region="us-east-1"):
        key = KEYS[index]
        return self.server.client(region=region, access_key=key["AccessKeyId"],
                                  secret_key=secret or key["SecretAccessKey"])

    def test_real_clients_pass_and_each_key_has_its_account(self):
        alice, bob = self.client(0), self.client(1)
        self.assertEqual(len(alice.describe_regions(AllRegions=True)["Regions"]), 34)
        alice.create_key_pair(KeyName="alice-key", KeyType="ed25519")
        self.assertEqual([k["KeyName"] for k in alice.describe_key_pairs()["KeyPairs"]], ["alice-key"])
        self.assertEqual(bob.describe_key_pairs()["KeyPairs"], [])
        self.assertEqual(alice.describe_security_groups()["SecurityGroups"][0]["OwnerId"], "111111111111")
        env = dict(os.environ, AWS_ACCESS_KEY_ID=KEYS[1]["AccessKeyId"], AWS_SECRET_ACCESS_KEY=KEYS[1]["SecretAccessKey"],
                   AWS_DEFAULT_REGION="eu-west-1", AWS_PAGER="")
        proc = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "--output", "json", "ec2",
                               "describe-availability-zones"], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(json.loads(proc.stdout)["AvailabilityZones"][0]["ZoneName"], "eu-west-1a")
        proc = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "ec2", "describe-regions"],
                              env=dict(env, AWS_SECRET_ACCESS_KEY="wrong"), capture_output=True, text=True, timeout=60)
        self.assertIn("SignatureDoesNotMatch", proc.stderr)

    def test_refusals_have_aws_codes_and_statuses(self):
        self.assertEqual(error_of(self.client(0, secret="wrong").describe_regions)[0], "SignatureDoesNotMatch")
        unknown = self.server.client(access_key="AKIAUNKNOWN000000000", secret_key="x")
        self.assertEqual(error_of(unknown.describe_regions)[0], "AuthFailure")
        status, body = self.server.raw(BODY.encode())
        self.assertEqual((status, error_code(body)), (401, "MissingAuthenticationToken"))
        port, key, secret = self.server.port, KEYS[0]["AccessKeyId"], KEYS[0]["SecretAccessKey"]
        self.assertEqual(hand_signed(port, key, secret)[0], 200)
        status, body = hand_signed(port, key, secret, tamper=lambda b: b.replace("Regions", "Regionz"))
        self.assertEqual((status, error_code(body)), (403, "SignatureDoesNotMatch"))
        status, body = hand_signed(port, key, "wrong-secret")
        self.assertEqual((status, error_code(body)), (403, "SignatureDoesNotMatch"))
        status, body = hand_signed(port, "AKIANOBODY", secret)
        self.assertEqual((status, error_code(body)), (401, "AuthFailure"))
        status, body = hand_signed(port, key, secret, service="s3")
        self.assertEqual((status, error_code(body)), (403, "SignatureDoesNotMatch"))
        skewed = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=6)
        status, body = hand_signed(port, key, secret, when=skewed)
        self.assertEqual((status, error_code(body)), (400, "RequestExpired"))
        status, body = hand_signed(port, key, secret, region="mars-1")
        self.assertEqual((status, error_code(body)), (401, "AuthFailure"))

    def test_presigned_url(self):
        url = self.client(0).generate_presigned_url("describe_regions", Params={}, ExpiresIn=60, HttpMethod="GET")
        parsed = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        conn.request("GET", f"{parsed.path or '/'}?{parsed.query}")
        response = conn.getresponse()
        self.assertEqual(response.status, 200, response.read())
        conn.close()
        tampered = parsed.query.replace("DescribeRegions", "DescribeRegionz")
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        conn.request("GET", f"/?{tampered}")
        response = conn.getresponse()
        self.assertEqual((response.status, error_code(response.read().decode())), (403, "SignatureDoesNotMatch"))
        conn.close()

    def test_marketplace_subscriptions_need_a_signature_and_act_on_the_signers_account(self):
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        path = "/_localec2/marketplace/subscriptions"
        body = json.dumps({"ProductCode": "b3u2m7os5af3r09fquo6sbegz"}).encode()
        status, text = self.server.raw(body, path=path + "?account=222222222222",
                                       headers={"Content-Type": "application/json"})
        self.assertEqual(status, 401)
        request = AWSRequest(method="POST", url=f"{self.server.endpoint}{path}?account=222222222222", data=body,
                             headers={"Content-Type": "application/json"})
        SigV4Auth(Credentials(KEYS[0]["AccessKeyId"], KEYS[0]["SecretAccessKey"]), "ec2", "us-east-1").add_auth(request)
        status, text = self.server.raw(body, path=path + "?account=222222222222",
                                       headers=dict(request.headers.items()))
        self.assertEqual(status, 200, text)
        self.assertEqual(json.loads(text)["AccountId"], "111111111111")
        image = self.client(0).describe_images(Owners=["aws-marketplace"], Filters=[
            {"Name": "product-code", "Values": ["b3u2m7os5af3r09fquo6sbegz"]}])["Images"][0]["ImageId"]
        self.client(0).run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)
        self.assertEqual(error_of(self.client(1).run_instances, ImageId=image, InstanceType="t3.micro",
                                  MinCount=1, MaxCount=1)[0], "OptInRequired")

    def test_reset_needs_a_signature_and_resets_only_the_signers_account(self):
        alice, bob = self.client(0), self.client(1)
        alice.create_key_pair(KeyName="a-reset", KeyType="ed25519")
        bob.create_key_pair(KeyName="b-reset", KeyType="ed25519")
        status, _ = self.server.raw(b"", path="/_localec2/reset")
        self.assertEqual(status, 401)
        # A signed reset, hand-signed against the reset path, forgets only the signer's account.
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        request = AWSRequest(method="POST", url=f"{self.server.endpoint}/_localec2/reset", data=b"")
        SigV4Auth(Credentials(KEYS[0]["AccessKeyId"], KEYS[0]["SecretAccessKey"]), "ec2", "us-east-1").add_auth(request)
        status, body = self.server.raw(b"", path="/_localec2/reset", headers=dict(request.headers.items()))
        self.assertEqual((status, json.loads(body)), (200, {"reset": "111111111111"}))
        self.assertNotIn("a-reset", [k["KeyName"] for k in alice.describe_key_pairs()["KeyPairs"]])
        self.assertIn("b-reset", [k["KeyName"] for k in bob.describe_key_pairs()["KeyPairs"]])


class StrictNeedsKeys(unittest.TestCase):
    def test_strict_without_keys_refuses_to_start(self):
        with self.assertRaisesRegex(RuntimeError, "needs keys"):
            LocalEc2("--auth", "strict").__enter__()


if __name__ == "__main__":
    unittest.main()
