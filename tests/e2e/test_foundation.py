"""End to end: the real binary, the AWS CLI and boto3 — regions, zones, errors, framing, health, shutdown."""
import json
import socket
import unittest

import botocore.exceptions

from harness import LocalEc2, ServerTestCase, error_code


class Foundation(ServerTestCase):
    server_args = ("--max-body-bytes", "65536")

    def assertServerStillAnswers(self):
        regions = self.server.client().describe_regions()["Regions"]
        self.assertEqual(len(regions), 34)

    def test_describe_regions_through_boto3_lists_every_commercial_region(self):
        regions = self.server.client().describe_regions()["Regions"]
        names = [r["RegionName"] for r in regions]
        self.assertEqual(len(names), 34)
        self.assertIn("eu-west-1", names)
        us_east_1 = next(r for r in regions if r["RegionName"] == "us-east-1")
        self.assertEqual(us_east_1, {"RegionName": "us-east-1", "Endpoint": "ec2.us-east-1.amazonaws.com",
                                     "OptInStatus": "opt-in-not-required"})

    def test_describe_regions_through_the_cli_with_names_and_filters(self):
        _, out = self.server.cli("describe-regions", "--region-names", "eu-west-1", "us-west-2")
        self.assertEqual([r["RegionName"] for r in out["Regions"]], ["eu-west-1", "us-west-2"])
        _, out = self.server.cli("describe-regions", "--all-regions", "--filters",
                                 "Name=opt-in-status,Values=opted-in", "Name=region-name,Values=ap-*")
        self.assertEqual(sorted(r["RegionName"] for r in out["Regions"]),
                         ["ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4",
                          "ap-southeast-5", "ap-southeast-6", "ap-southeast-7"])

    def test_describe_regions_with_an_unknown_region_is_invalid_parameter_value(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.server.client().describe_regions(RegionNames=["us-east-1", "mars-north-1"])
        err = ctx.exception.response["Error"]
        self.assertEqual(err["Code"], "InvalidParameterValue")
        self.assertEqual(err["Message"], "Invalid region: [mars-north-1]")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_unknown_filter_name_is_invalid_parameter_value(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.server.client().describe_regions(Filters=[{"Name": "colour", "Values": ["red"]}])
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(ctx.exception.response["Error"]["Message"], "The filter 'colour' is invalid")

    def test_availability_zones_follow_the_signing_region(self):
        _, out = self.server.cli("describe-availability-zones", region="eu-west-1")
        zones = out["AvailabilityZones"]
        self.assertEqual([z["ZoneName"] for z in zones], ["eu-west-1a", "eu-west-1b", "eu-west-1c"])
        self.assertEqual([z["ZoneId"] for z in zones], ["euw1-az3", "euw1-az1", "euw1-az2"])
        self.assertTrue(all(z["RegionName"] == "eu-west-1" and z["State"] == "available" for z in zones))
        zones = self.server.client(region="us-east-1").describe_availability_zones()["AvailabilityZones"]
        self.assertEqual(len(zones), 6)
        self.assertEqual(zones[0]["ZoneType"], "availability-zone")

    def test_availability_zones_by_id_and_filter(self):
        ec2 = self.server.client(region="ap-northeast-1")
        zones = ec2.describe_availability_zones(ZoneIds=["apne1-az4"])["AvailabilityZones"]
        self.assertEqual([z["ZoneName"] for z in zones], ["ap-northeast-1a"])
        zones = ec2.describe_availability_zones(Filters=[{"Name": "zone-name", "Values": ["*-1?"]}])
        self.assertEqual(len(zones["AvailabilityZones"]), 3)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.describe_availability_zones(ZoneNames=["us-east-1a"])
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(ctx.exception.response["Error"]["Message"], "The zone 'us-east-1a' does not exist.")

    def test_unknown_action_is_invalid_action(self):
        status, body = self.server.raw(b"Action=LaunchRockets&Version=2016-11-15")
        self.assertEqual((status, error_code(body)), (400, "InvalidAction"))
        self.assertServerStillAnswers()

    def test_missing_action_is_missing_action(self):
        status, body = self.server.raw(b"Version=2016-11-15")
        self.assertEqual((status, error_code(body)), (400, "MissingAction"))

    def test_missing_required_parameter_is_missing_parameter(self):
        ec2 = self.server.client(parameter_validation=False)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            ec2.run_instances(ImageId="ami-12345678", MaxCount=1)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "MissingParameter")
        self.assertEqual(ctx.exception.response["Error"]["Message"],
                         "The request must contain the parameter MinCount")

    def test_wrong_type_and_unknown_parameter_are_refused(self):
        status, body = self.server.raw(b"Action=DescribeRegions&AllRegions=maybe")
        self.assertEqual((status, error_code(body)), (400, "InvalidParameterValue"))
        status, body = self.server.raw(b"Action=DescribeRegions&Colour=red")
        self.assertEqual((status, error_code(body)), (400, "UnknownParameter"))
        status, body = self.server.raw(b"Action=DescribeRegions&RegionName.1=a&RegionName.1=b")
        self.assertEqual((status, error_code(body)), (400, "InvalidParameterValue"))

    def test_known_but_not_emulated_action_names_itself(self):
        status, body = self.server.raw(b"Action=CreateFleet&Version=2016-11-15&TargetCapacitySpecification."
                                       b"TotalTargetCapacity=1&LaunchTemplateConfigs.1.LaunchTemplateSpecification."
                                       b"LaunchTemplateId=lt-1")
        self.assertEqual((status, error_code(body)), (501, "NotImplemented"))
        self.assertIn("CreateFleet", body)

    def test_malformed_body_is_malformed_query_string(self):
        status, body = self.server.raw(b"Action=DescribeRegions&Filter.1.Name=%zz")
        self.assertEqual((status, error_code(body)), (404, "MalformedQueryString"))
        status, body = self.server.raw(b"Action=DescribeRegions&RegionName.1=%ff%fe")
        self.assertEqual((status, error_code(body)), (404, "MalformedQueryString"))
        self.assertServerStillAnswers()

    def test_oversized_body_is_refused_and_the_server_keeps_serving(self):
        status, body = self.server.raw(b"Action=DescribeRegions&RegionName.1=" + b"x" * 70000)
        self.assertEqual((status, error_code(body)), (413, "RequestEntityTooLarge"))
        self.assertServerStillAnswers()

    def test_broken_http_framing_gets_an_ec2_error_and_the_server_keeps_serving(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n")
            reply = s.recv(65536).decode()
        self.assertTrue(reply.startswith("HTTP/1.1 400"), reply)
        self.assertEqual(error_code(reply.split("\r\n\r\n", 1)[1]), "InvalidRequest")
        self.assertServerStillAnswers()

    def test_get_query_string_requests_work(self):
        status, body = self.server.raw(method="GET", path="/?Action=DescribeRegions&RegionName.1=eu-west-2")
        self.assertEqual(status, 200)
        self.assertIn('<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">', body)
        self.assertIn("<regionName>eu-west-2</regionName>", body)

    def test_region_comes_from_a_presigned_credential(self):
        status, body = self.server.raw(
            method="GET", path="/?Action=DescribeAvailabilityZones&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                               "&X-Amz-Credential=test%2F20260101%2Fsa-east-1%2Fec2%2Faws4_request")
        self.assertEqual(status, 200)
        self.assertIn("<zoneName>sa-east-1a</zoneName>", body)

    def test_unsigned_requests_are_us_east_1(self):
        status, body = self.server.raw(b"Action=DescribeAvailabilityZones")
        self.assertEqual(status, 200)
        self.assertIn("<zoneName>us-east-1f</zoneName>", body)

    def test_a_region_outside_the_catalog_is_auth_failure(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.server.client(region="mars-north-1").describe_regions()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "AuthFailure")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 401)

    def test_dry_run_answers_dry_run_operation(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.server.client().describe_regions(DryRun=True)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "DryRunOperation")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 412)

    def test_health_endpoints_answer_json(self):
        for path in ("/_localec2/health", "/_localstack/health"):
            status, body = self.server.raw(method="GET", path=path)
            self.assertEqual(status, 200)
            health = json.loads(body)
            self.assertEqual(health["status"], "running")
            self.assertEqual(health["services"], {"ec2": "running"})
            self.assertRegex(health["version"], r"^\d+\.\d+\.\d+$")

    def test_every_request_is_logged_on_one_line(self):
        self.server.raw(b"Action=DescribeRegions")
        lines = [l for l in self.server.output().splitlines() if " POST / 200 " in l]
        self.assertTrue(any(l.endswith("DescribeRegions") for l in lines), lines[-3:])


class Lifecycle(unittest.TestCase):
    def test_sigterm_stops_the_server_cleanly(self):
        with LocalEc2() as server:
            self.assertEqual(len(server.client().describe_regions()["Regions"]), 34)
            self.assertEqual(server.stop(), 0)
            self.assertIn("localec2 stopped", server.output())

    def test_bad_configuration_exits_with_a_message(self):
        import subprocess
        from harness import BIN
        proc = subprocess.run([BIN, "--port", "99999"], capture_output=True, text=True, timeout=10)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("invalid value for --port", proc.stderr)
        proc = subprocess.run([BIN, "--help"], capture_output=True, text=True, timeout=10)
        self.assertEqual(proc.returncode, 0)
        self.assertIn("--data-dir", proc.stdout)


if __name__ == "__main__":
    unittest.main()
