"""End to end: localec2's own endpoints (health, reset) beside the EC2 Query API, through the router. A wrong
method or path falls through to the EC2 front door, a reset query it cannot read is refused and forgets
nothing, strict mode refuses an unsigned reset, every request is logged with its note, and the server keeps
serving."""
import json
import os
import tempfile
import unittest

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from harness import LocalEc2, ServerTestCase, error_code

HEALTH = {"status": "running", "services": {"ec2": "running"}}


class FrontDoors(ServerTestCase):
    def health_ok(self, path="/_localec2/health"):
        status, body = self.server.raw(method="GET", path=path)
        self.assertEqual(status, 200)
        self.assertEqual({k: v for k, v in json.loads(body).items() if k != "version"}, HEALTH)

    def test_health_answers_get_whatever_the_query(self):
        for path in ("/_localec2/health", "/_localstack/health", "/_localec2/health?x=1", "/_localec2/health?%zz&a=&a=",
                     "/_localstack/health?" + "q" * 12000):
            self.health_ok(path)

    def test_a_wrong_method_or_path_is_the_ec2_front_doors_to_answer(self):
        for method, path, expected in [("POST", "/_localec2/health", (400, "MissingAction")),
                                       ("POST", "/_localstack/health", (400, "MissingAction")),
                                       ("DELETE", "/_localec2/health", (400, "InvalidAction")),
                                       ("PUT", "/_localstack/health", (400, "InvalidAction")),
                                       ("GET", "/_localec2/health/", (400, "MissingAction")),
                                       ("GET", "/_LOCALEC2/health", (400, "MissingAction")),
                                       ("GET", "/_localec2/reset", (400, "MissingAction")),
                                       ("PUT", "/_localec2/reset", (400, "InvalidAction")),
                                       ("POST", "/_localec2/reset/", (400, "MissingAction")),
                                       ("POST", "/_localec2/resetx", (400, "MissingAction"))]:
            status, body = self.server.raw(method=method, path=path)
            self.assertEqual((status, error_code(body)), expected, f"{method} {path}")
        status, body = self.server.raw(method="GET", path="/_localec2/reset?Action=DescribeRegions")
        self.assertEqual(status, 200)
        self.assertIn("<DescribeRegionsResponse", body)
        self.health_ok()

    def test_reset_refuses_queries_it_cannot_read_and_forgets_nothing(self):
        ec2 = self.server.client()
        ec2.create_key_pair(KeyName="kept", KeyType="ed25519")
        for query, code in [("account=", "InvalidParameterValue"), ("account", "InvalidParameterValue"),
                            ("account=%41+b", "InvalidParameterValue"), ("account=%zz", "InvalidParameterValue"),
                            ("account=%ff", "InvalidParameterValue"), ("account=a&account=b", "InvalidParameterValue"),
                            ("x=1&x=2&account=1", "InvalidParameterValue"), ("=1", "InvalidParameterValue"),
                            ("acount=000000000000", "UnknownParameter"), ("account=" + "1" * 12000, "InvalidParameterValue")]:
            status, body = self.server.raw(path="/_localec2/reset?" + query)
            self.assertEqual((status, error_code(body)), (400, code), query[:40])
        names = [k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]]
        self.assertEqual(names, ["kept"])  # nothing was forgotten
        for query, expected in [("account=111111111111", "111111111111"), ("&&account=333333333333&", "333333333333"),
                                ("", "all")]:
            status, body = self.server.raw(path="/_localec2/reset?" + query)
            self.assertEqual((status, json.loads(body)), (200, {"reset": expected}), query[:40])
        # Past the header limit the transport refuses it before any route runs.
        status, body = self.server.raw(path="/_localec2/reset?account=" + "2" * 20000)
        self.assertEqual((status, error_code(body)), (400, "InvalidRequest"))
        self.health_ok()
        self.assertEqual(self.server.reset(), b'{"reset":"all"}')

    def test_moto_reset_forgets_everything_as_moto_answers_it(self):
        ec2 = self.server.client()
        ec2.create_key_pair(KeyName="gone", KeyType="ed25519")
        status, body = self.server.raw(method="GET", path="/moto-api/reset")
        self.assertEqual((status, json.loads(body)), (400, {"Error": "Need to POST to reset Moto"}))
        self.assertEqual(len(ec2.describe_key_pairs()["KeyPairs"]), 1)
        status, body = self.server.raw(path="/moto-api/reset")
        self.assertEqual((status, body), (200, '{"status": "ok"}'))
        self.assertEqual(ec2.describe_key_pairs()["KeyPairs"], [])

    def test_requests_are_logged_with_their_notes(self):
        self.server.raw(method="GET", path="/_localstack/health")
        self.server.raw(path="/_localec2/reset?account=999999999999")
        self.server.raw(method="POST", path="/_localec2/health")
        lines = self.server.output().splitlines()
        self.assertTrue(any(" GET /_localstack/health 200 " in l and l.endswith(" health") for l in lines))
        self.assertTrue(any(" POST /_localec2/reset 200 " in l and l.endswith(" reset") for l in lines))
        self.assertTrue(any(" POST /_localec2/health 400 " in l and l.endswith(" - MissingAction") for l in lines))


class StrictFrontDoors(unittest.TestCase):
    KEY = {"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": "111111111111"}

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        path = os.path.join(cls.tmp.name, "credentials.json")
        with open(path, "w") as f:
            json.dump([cls.KEY], f)
        cls.server = LocalEc2("--auth", "strict", "--credentials", path).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)
        cls.tmp.cleanup()

    def signed(self, path, secret=None, region="us-east-1"):
        request = AWSRequest(method="POST", url=f"{self.server.endpoint}{path}", data=b"")
        SigV4Auth(Credentials(self.KEY["AccessKeyId"], secret or self.KEY["SecretAccessKey"]), "ec2",
                  region).add_auth(request)
        return self.server.raw(b"", path=path, headers=dict(request.headers.items()))

    def test_health_needs_no_signature(self):
        status, body = self.server.raw(method="GET", path="/_localec2/health")
        self.assertEqual((status, json.loads(body)["status"]), (200, "running"))

    def test_reset_refusals_are_ec2_errors_and_the_query_is_ignored(self):
        for query in ("", "?account=222222222222", "?account=%zz"):
            status, body = self.server.raw(path="/_localec2/reset" + query)
            self.assertEqual((status, error_code(body)), (401, "MissingAuthenticationToken"), query)
        self.assertEqual(error_code(self.signed("/_localec2/reset", secret="wrong")[1]), "SignatureDoesNotMatch")
        status, body = self.signed("/_localec2/reset", region="moon-1")
        self.assertEqual((status, error_code(body)), (401, "AuthFailure"))
        self.assertIn("not &apos;moon-1&apos;.", body)
        status, body = self.signed("/_localec2/reset?account=222222222222")
        self.assertEqual((status, json.loads(body)), (200, {"reset": "111111111111"}))
        self.assertTrue(any(l.endswith(" reset MissingAuthenticationToken") for l in self.server.output().splitlines()))


if __name__ == "__main__":
    unittest.main()
