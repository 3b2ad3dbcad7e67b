"""End to end: 1,200 malformed HTTP requests — broken framing, huge and numerous headers, invalid UTF-8,
bad escapes, deep and huge `.N` indexes, huge numbers, wrong types, duplicated and unknown parameters,
random bytes. Every one gets an AWS-shaped 4xx answer, the server keeps serving, and nothing changed."""
import random
import re
import socket
import unittest

from harness import ServerTestCase

ERROR = re.compile(rb"<Response><Errors><Error><Code>([^<]+)</Code><Message>[^<]*</Message></Error></Errors>"
                   rb"<RequestID>[0-9a-f-]{36}</RequestID></Response>")
ACTIONS = [b"DescribeInstances", b"RunInstances", b"CreateSecurityGroup", b"DescribeImages", b"CreateVolume",
           b"CopyImage", b"AuthorizeSecurityGroupIngress", b"CreateTags", b"ModifyImageAttribute", b"DescribeVolumes"]


def form(body, extra_headers=b""):
    return (b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n" + extra_headers +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def malformed_requests(rng):
    """(category, raw request bytes), every one of which EC2 must refuse."""
    def word(n=8):
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ") for _ in range(n)).encode()
    makers = {
        "unknown action": lambda: form(b"Action=" + word(12) + b"&Version=2016-11-15"),
        "unknown parameter": lambda: form(b"Action=" + rng.choice(ACTIONS) + b"&" + word() + b"=1"),
        "invalid utf-8": lambda: form(b"Action=DescribeImages&Owner.1=%" + rng.choice([b"ff", b"c3%28", b"e2%82", b"80"])),
        "bad escape": lambda: form(b"Action=DescribeRegions&RegionName.1=%" + rng.choice([b"zz", b"4", b"g1", b""])),
        "duplicate parameter": lambda: form(b"Action=DescribeRegions&RegionName.1=a&RegionName.1=b"),
        "huge index": lambda: form(b"Action=DescribeInstances&InstanceId." + str(rng.randint(10**15, 10**30)).encode() +
                                   b"=i-12345678"),
        "deep nesting": lambda: form(b"Action=DescribeInstances&Filter" + b".1" * rng.randint(3, 400) + b"=x"),
        "many list members": lambda: form(b"Action=DescribeInstances&" + b"&".join(
            b"InstanceId.%d=bad-%d" % (i, i) for i in range(1, rng.randint(200, 3000)))),
        "huge number": lambda: form(b"Action=RunInstances&ImageId=ami-12345678&MinCount=" +
                                    str(rng.randint(10**20, 10**40)).encode() + b"&MaxCount=1"),
        "wrong type": lambda: form(b"Action=RunInstances&ImageId=ami-12345678&MinCount=" +
                                   rng.choice([b"abc", b"1.5", b"", b"0x10", b"--1", b"1e3"]) + b"&MaxCount=1"),
        "wrong boolean": lambda: form(b"Action=DescribeRegions&AllRegions=" + rng.choice([b"yes", b"2", b"TRUEish", b""])),
        "bad enum": lambda: form(b"Action=CreateKeyPair&KeyName=k&KeyType=" + word(5)),
        "missing required": lambda: form(b"Action=" + rng.choice([b"CreateKeyPair", b"CreateVolume&Size=1",
                                                                  b"CopyImage&Name=x", b"AttachVolume"])),
        "random bytes": lambda: form(bytes(rng.randrange(256) for _ in range(rng.randint(1, 400)))),
        "not a form": lambda: form(b'{"Action": "DescribeRegions"}').replace(b"x-www-form-urlencoded", b"json"),
        "huge header": lambda: form(b"Action=DescribeRegions", b"X-Big: " + b"a" * rng.randint(70000, 200000) + b"\r\n"),
        "many headers": lambda: form(b"Action=DescribeRegions", b"".join(b"X-H%d: v\r\n" % i for i in range(3000))),
        "broken request line": lambda: rng.choice([b"GARBAGE\r\n\r\n", b"POST / HTTP/9.9\r\n\r\n", b"POST\r\n\r\n",
                                                   b" / HTTP/1.1\r\n\r\n", b"POST / HTTP/1.1\r\nHost x\r\n\r\n"]),
        "broken chunking": lambda: b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                   rng.choice([b"zz\r\n", b"5\r\nabc\r\n", b"-1\r\n\r\n", b"fffffffffffffffff\r\n"]),
        "short body": lambda: b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + str(rng.randint(50, 5000)).encode() +
                              b"\r\n\r\nAction=DescribeRegions",
        "negative length": lambda: b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\nAction=DescribeRegions",
    }
    names = sorted(makers)
    for i in range(1200):
        name = names[i % len(names)]
        yield name, makers[name]()


def exchange(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)  # the server sees the end: a short body cannot wait for more
        except OSError:
            pass  # the server answered and closed before reading everything (huge headers): read its answer
        reply = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                return reply
            if not chunk:
                return reply
            reply += chunk


class Malformed(ServerTestCase):
    def test_every_malformed_request_gets_an_aws_shaped_4xx_and_the_server_keeps_serving(self):
        rng = random.Random(42)
        seen = {}
        for n, (category, data) in enumerate(malformed_requests(rng)):
            reply = exchange(self.server.port, data)
            status = re.match(rb"HTTP/1\.[01] (\d{3}) ", reply)
            self.assertIsNotNone(status, f"{category}: no HTTP answer to {data[:120]!r}")
            self.assertTrue(400 <= int(status.group(1)) < 500, f"{category}: {reply[:200]!r}")
            code = ERROR.search(reply)
            self.assertIsNotNone(code, f"{category}: not an EC2 error: {reply[:300]!r}")
            seen.setdefault(category, set()).add(code.group(1).decode())
            if n % 100 == 0:
                self.assertEqual(len(self.server.client().describe_regions()["Regions"]), 34)
        self.assertEqual(sum(1 for _ in malformed_requests(random.Random(42))), 1200)
        self.assertEqual(seen["unknown action"], {"InvalidAction"})
        self.assertEqual(seen["invalid utf-8"], {"MalformedQueryString"})
        self.assertEqual(seen["missing required"], {"MissingParameter"})
        self.assertEqual(seen["huge header"], {"InvalidRequest"})
        # Nothing was created along the way.
        ec2 = self.server.client()
        self.assertEqual([g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]], ["default"])
        self.assertEqual(ec2.describe_instances()["Reservations"], [])


if __name__ == "__main__":
    unittest.main()
