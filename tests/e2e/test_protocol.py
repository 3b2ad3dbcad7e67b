"""End to end: the EC2 Query protocol through boto3 and raw HTTP against the real binary — unknown and
missing actions, missing, mistyped and unknown parameters, unknown filters, actions known but not emulated,
malformed query strings, GET requests, DryRun, and the request id in the body and the x-amzn-RequestId header."""
import unittest

import botocore.exceptions

from harness import ServerTestCase, error_code


class Protocol(ServerTestCase):
    def test_every_answer_carries_its_request_id_in_the_body_and_a_header(self):
        answer = self.server.client().describe_regions(RegionNames=["us-east-1"])["ResponseMetadata"]
        self.assertRegex(answer["RequestId"], r"^[0-9a-f-]{36}$")
        self.assertEqual(answer["HTTPHeaders"]["x-amzn-requestid"], answer["RequestId"])
        try:
            self.server.client().describe_key_pairs(KeyNames=["nope"])
            self.fail("expected InvalidKeyPair.NotFound")
        except botocore.exceptions.ClientError as e:
            meta = e.response["ResponseMetadata"]
            self.assertEqual(meta["HTTPHeaders"]["x-amzn-requestid"], meta["RequestId"])
            self.assertRegex(meta["RequestId"], r"^[0-9a-f-]{36}$")

    def test_unknown_filter_name_is_invalid_parameter_value(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.server.client().describe_regions(Filters=[{"Name": "colour", "Values": ["red"]}])
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidParameterValue")
        self.assertEqual(ctx.exception.response["Error"]["Message"], "The filter 'colour' is invalid")

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

    def test_get_query_string_requests_work(self):
        status, body = self.server.raw(method="GET", path="/?Action=DescribeRegions&RegionName.1=eu-west-2")
        self.assertEqual(status, 200)
        self.assertIn('<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">', body)
        self.assertIn("<regionName>eu-west-2</regionName>", body)

    def test_dry_run_answers_dry_run_operation(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.server.client().describe_regions(DryRun=True)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "DryRunOperation")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 412)


if __name__ == "__main__":
    unittest.main()
