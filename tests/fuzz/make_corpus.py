#!/usr/bin/env python3
"""Regenerates the fuzzers' seed corpus from real client requests: the form bodies botocore's EC2
serializer writes (tests/wire/input_fixtures.json and a few more), and requests signed by botocore's SigV4
signer. Usage: tests/fuzz/make_corpus.py"""
import datetime
import hashlib
import json
import os
from unittest import mock

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

HERE = os.path.dirname(os.path.abspath(__file__))


def write(directory, name, data):
    os.makedirs(os.path.join(HERE, "corpus", directory), exist_ok=True)
    with open(os.path.join(HERE, "corpus", directory, name), "wb") as f:
        f.write(data)


def main():
    with open(os.path.join(HERE, "..", "wire", "input_fixtures.json")) as f:
        bodies = [fixture["body"].encode() for fixture in json.load(f)]
    bodies += [b"Action=DescribeRegions&Version=2016-11-15", b"Action=CreateImage&InstanceId=i-1&Name=golden",
               b"Action=CopyImage&SourceRegion=us-east-1&SourceImageId=ami-12345678&Name=dr&Encrypted=true",
               b"Action=ModifyImageAttribute&ImageId=ami-1&LaunchPermission.Add.1.UserId=123456789012"]
    for n, body in enumerate(bodies):
        name = hashlib.sha1(body).hexdigest()[:12]
        write("input_parser", name, body)
        write("form_decoder", name, b"\n" + body)
        write("form_decoder", name + "-query", body + b"\n")
    credentials = Credentials("AKIDEXAMPLE", "secret")
    when = datetime.datetime(2015, 8, 30, 12, 36, 0)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        for body in bodies[:20]:
            request = AWSRequest(method="POST", url="http://localhost/", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
            SigV4Auth(credentials, "ec2", "us-east-1").add_auth(request)
            data = "\n".join([request.headers["Authorization"], request.headers["X-Amz-Date"], ""]).encode() + b"\n" + body
            write("sigv4", hashlib.sha1(data).hexdigest()[:12], data)
        request = AWSRequest(method="GET", url="http://localhost/?Action=DescribeRegions&Version=2016-11-15")
        SigV4QueryAuth(credentials, "ec2", "us-east-1", expires=60).add_auth(request)
        query = request.url.split("?", 1)[1]
        write("sigv4", "presigned", b"\n\n" + query.encode() + b"\n")


if __name__ == "__main__":
    main()
