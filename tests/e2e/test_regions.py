"""End to end: regions and availability zones through the AWS CLI, boto3 and raw HTTP against the real
binary — DescribeRegions and DescribeAvailabilityZones with names, ids and filters, and the region a request
acts in: from its signature, from a presigned credential, us-east-1 when unsigned, refused outside the catalog."""
import unittest

import botocore.exceptions

from harness import ServerTestCase


class RegionsAndZones(ServerTestCase):
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


if __name__ == "__main__":
    unittest.main()
