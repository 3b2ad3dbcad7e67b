"""The protocol layer against botocore itself, over every operation of the EC2 model.

Input: botocore's EC2 serializer writes a request with every member set; localec2's parser must read
back exactly what was sent. Output: localec2's serializer writes a response with every member set;
botocore's EC2 parser must read back exactly that.
"""
import json
import os
import subprocess
import unittest

import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from wire_samples import as_parsed_input, sample, to_wire_json


class WireTool:
    def __init__(self):
        self.proc = subprocess.Popen([os.environ["LOCALEC2_WIRE_TOOL"]], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def ask(self, request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


class WireProtocolAgainstBotocore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = botocore.session.get_session().get_service_model("ec2")
        cls.tool = WireTool()

    @classmethod
    def tearDownClass(cls):
        cls.tool.close()

    def test_every_operation_input_serialized_by_botocore_parses_back_identically(self):
        serializer = create_serializer("ec2", include_validation=False)
        checked = 0
        for name in self.model.operation_names:
            op = self.model.operation_model(name)
            params = (sample(op.input_shape) if op.input_shape is not None else None) or {}
            request = serializer.serialize_to_request(params, op)
            body = AWSRequest(method="POST", url="http://localhost/", data=request["body"]).prepare().body
            answer = self.tool.ask({"parse": name, "body": body})
            with self.subTest(operation=name):
                self.assertNotIn("error", answer)
                self.assertEqual(answer["input"], as_parsed_input(params))
            checked += 1
        self.assertEqual(checked, 765)

    def test_every_operation_output_serialized_by_localec2_is_read_back_by_botocore(self):
        parser = create_parser("ec2")
        checked = 0
        for name in self.model.operation_names:
            op = self.model.operation_model(name)
            if op.output_shape is None:
                continue
            output = sample(op.output_shape)
            answer = self.tool.ask({"serialize": name, "output": to_wire_json(output)})
            with self.subTest(operation=name):
                self.assertNotIn("error", answer)
                parsed = parser.parse({"body": answer["xml"].encode(), "headers": {}, "status_code": 200},
                                      op.output_shape)
                metadata = parsed.pop("ResponseMetadata")
                self.assertEqual(metadata["RequestId"], "req-1")
                self.assertEqual(parsed, output)
            checked += 1
        self.assertGreater(checked, 700)

    def test_parser_reports_missing_required_member_with_its_wire_name(self):
        answer = self.tool.ask({"parse": "RunInstances", "body": "Action=RunInstances&MaxCount=1"})
        self.assertEqual(answer["error"]["code"], "MissingParameter")
        self.assertEqual(answer["error"]["message"], "The request must contain the parameter MinCount")

    def test_serializer_refuses_a_key_that_is_not_in_the_output_shape(self):
        answer = self.tool.ask({"serialize": "DescribeRegions", "output": {"Regionz": []}})
        self.assertEqual(answer["error"]["code"], "LogicError")


if __name__ == "__main__":
    unittest.main()
