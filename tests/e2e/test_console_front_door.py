"""The web console's front door (/_localec2/console/…): its embedded files, the redirect for a browser
asking for `/`, and the JSON API the pages call, under malformed input. Every refusal is a clean 4xx."""
import json

from harness import ServerTestCase, StrictServerTestCase


class ConsoleFilesTest(ServerTestCase):
    def test_the_console_page_and_its_modules_are_served_from_the_binary(self):
        status, body = self.server.raw(method="GET", path="/_localec2/console/")
        self.assertEqual(200, status)
        self.assertIn('<script type="module" src="app.js"></script>', body)
        status, body = self.server.raw(method="GET", path="/_localec2/console/pages/instances.js")
        self.assertEqual(200, status)
        self.assertIn("export async function instancesPage", body)

    def test_a_browser_asking_for_the_root_gets_a_page_that_sends_it_to_the_console(self):
        status, body = self.server.raw(method="GET", path="/", headers={"Accept": "text/html,application/xhtml+xml"})
        self.assertEqual(200, status)
        self.assertIn('url=/_localec2/console/', body)

    def test_the_query_api_at_the_root_is_undisturbed(self):
        status, body = self.server.raw(b"Action=DescribeRegions&Version=2016-11-15", headers={"Accept": "text/html"})
        self.assertEqual(200, status)
        self.assertIn("<DescribeRegionsResponse", body)
        status, body = self.server.raw(method="GET", path="/?Action=DescribeRegions&Version=2016-11-15",
                                       headers={"Accept": "text/html"})
        self.assertEqual(200, status)
        self.assertIn("<DescribeRegionsResponse", body)
        status, body = self.server.raw(method="GET", path="/")  # no Accept: the Query API answers as before
        self.assertEqual(400, status)
        self.assertIn("<Code>MissingAction</Code>", body)

    def test_bad_paths_are_refused_cleanly(self):
        for path, status in (("/_localec2/console/../../etc/passwd", 400), ("/_localec2/console/%2e%2e/x", 400),
                             ("/_localec2/console/..%2fserver", 400), ("/_localec2/console//app.js", 400),
                             ("/_localec2/console/pages\\instances.js", 400), ("/_localec2/console/nope.js", 404),
                             ("/_localec2/console/pages/", 404), ("/_localec2/console/" + "a" * 5000, 404)):
            with self.subTest(path=path):
                got, _ = self.server.raw(method="GET", path=path)
                self.assertEqual(status, got)
        got, _ = self.server.raw(b"x", method="PUT", path="/_localec2/console/app.js")
        self.assertEqual(405, got)
        self.assertServerStillAnswers()


class ConsoleApiTest(ServerTestCase):
    def api(self, body, method="POST"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        status, text = self.server.raw(data, method=method, path="/_localec2/console/api",
                                       headers={"Content-Type": "application/json"})
        return status, json.loads(text)

    def test_an_action_answers_its_output_members_as_json(self):
        status, body = self.api({"Action": "DescribeRegions", "Region": "eu-west-1", "Params": {"RegionName.1": "eu-west-1"}})
        self.assertEqual(200, status)
        self.assertEqual(["eu-west-1"], [r["RegionName"] for r in body["Output"]["Regions"]])

    def test_the_region_names_the_partition_the_cli_sees(self):
        status, body = self.api({"Action": "CreateKeyPair", "Region": "ap-south-1", "Params": {"KeyName": "console-key"}})
        self.assertEqual(200, status)
        self.assertEqual("console-key", body["Output"]["KeyName"])
        self.assertIn("BEGIN", body["Output"]["KeyMaterial"])
        names = [k["KeyName"] for k in self.server.client(region="ap-south-1").describe_key_pairs()["KeyPairs"]]
        self.assertEqual(["console-key"], names)
        self.assertEqual([], self.server.client(region="us-east-1").describe_key_pairs()["KeyPairs"])

    def test_errors_carry_aws_code_and_words(self):
        status, body = self.api({"Action": "DescribeInstances", "Region": "us-east-1", "Params": {"InstanceId.1": "i-0123456789abcdef0"}})
        self.assertEqual(400, status)
        self.assertEqual("InvalidInstanceID.NotFound", body["Error"]["Code"])
        self.assertEqual("The instance ID 'i-0123456789abcdef0' does not exist", body["Error"]["Message"])
        status, body = self.api({"Action": "DescribeInstances", "Region": "us-east-1", "Params": {"Bogus": "1"}})
        self.assertEqual((400, "UnknownParameter"), (status, body["Error"]["Code"]))
        status, body = self.api({"Action": "CreateKeyPair", "Region": "us-east-1", "Params": {}})
        self.assertEqual((400, "MissingParameter"), (status, body["Error"]["Code"]))
        status, body = self.api({"Action": "FlyToTheMoon", "Region": "us-east-1"})
        self.assertEqual((400, "InvalidAction"), (status, body["Error"]["Code"]))

    def test_malformed_requests_are_clean_4xx(self):
        cases = [
            (b"{not json", 400, "InvalidRequest"),
            (b"[1, 2]", 400, "InvalidRequest"),
            (b"", 400, "InvalidRequest"),
            (b"\xff\xfe\x00", 400, "InvalidRequest"),
            ({"Region": "us-east-1"}, 400, "MissingAction"),
            ({"Action": 7, "Region": "us-east-1"}, 400, "MissingAction"),
            ({"Action": "DescribeRegions"}, 400, "InvalidParameterValue"),
            ({"Action": "DescribeRegions", "Region": "mars-north-1"}, 400, "InvalidParameterValue"),
            ({"Action": "DescribeRegions", "Region": "us-east-1", "Params": []}, 400, "InvalidRequest"),
            ({"Action": "DescribeRegions", "Region": "us-east-1", "Params": {"RegionName.1": {"x": 1}}}, 400, "InvalidParameterValue"),
            ({"Action": "DescribeRegions", "Region": "us-east-1", "Params": {"": "x"}}, 400, "InvalidParameterValue"),
            ({"Action": "DescribeVolumes", "Region": "us-east-1", "Params": {"MaxResults": "many"}}, 400, "InvalidParameterValue"),
            (b'{"Action": "DescribeRegions", "Region": "us-east-1", "Params": {"x": "\\ud800"}}', 400, "InvalidRequest"),
            (b"[" * 100000, 400, "InvalidRequest"),
        ]
        for body, status, code in cases:
            with self.subTest(body=body[:60] if isinstance(body, bytes) else body):
                got, answer = self.api(body)
                self.assertEqual((status, code), (got, answer["Error"]["Code"]))
        got, answer = self.api(b"", method="GET")
        self.assertEqual((405, "InvalidRequest"), (got, answer["Error"]["Code"]))
        self.assertServerStillAnswers()


class ConsoleApiLimitTest(ServerTestCase):
    # A small body limit, so the oversized request fits in the socket's buffers: the server answers 413 and
    # closes, where a client still sending megabytes would see a broken pipe instead of the answer.
    server_args = ("--max-body-bytes", "65536")

    def test_a_huge_request_is_refused(self):
        status, text = self.server.raw(b'{"Action":"' + b"A" * 70000 + b'"}', path="/_localec2/console/api",
                                       headers={"Content-Type": "application/json"})
        self.assertEqual(413, status)
        self.assertServerStillAnswers()


class ConsoleApiStrictTest(StrictServerTestCase):
    keys = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": "111111111111"}]

    def api(self, body):
        status, text = self.server.raw(json.dumps(body).encode(), path="/_localec2/console/api",
                                       headers={"Content-Type": "application/json"})
        return status, json.loads(text)

    def test_the_console_acts_as_the_account_of_the_keys_entered(self):
        call = {"Action": "CreateKeyPair", "Region": "us-east-1", "Params": {"KeyName": "alices"}}
        status, body = self.api(call)
        self.assertEqual((401, "AuthFailure"), (status, body["Error"]["Code"]))
        status, body = self.api({**call, "AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "wrong"})
        self.assertEqual((401, "AuthFailure"), (status, body["Error"]["Code"]))
        self.assertEqual("AWS was not able to validate the provided access credentials", body["Error"]["Message"])
        status, body = self.api({**call, "AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret"})
        self.assertEqual(200, status)
        alice = self.server.client(access_key="AKIAALICE0000000001", secret_key="alice-secret")
        self.assertEqual(["alices"], [k["KeyName"] for k in alice.describe_key_pairs()["KeyPairs"]])
