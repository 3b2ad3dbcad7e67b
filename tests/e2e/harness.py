"""Starts the real localec2 binary on a free loopback port and hands out real clients for it."""
import http.client
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time

import unittest
import urllib.request

import boto3
import botocore.exceptions
from botocore.config import Config

BIN = os.environ.get("LOCALEC2_BIN", os.path.join(os.path.dirname(__file__), "../../build/server/localec2"))


class LocalEc2:
    """One server process. Use as a context manager; `restart()` keeps the data directory."""

    def __init__(self, *args, data_dir=None, file_size_limit=None):
        self.args = list(args)
        self.file_size_limit = file_size_limit  # RLIMIT_FSIZE in bytes: a disk that fills up
        self.owns_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="localec2-test-")
        self.proc = None
        self.port = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        if self.owns_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def start(self):
        self.log_path = os.path.join(self.data_dir, "server.log")
        self.log = open(self.log_path, "ab")
        offset = self.log.tell()  # after a restart, only this run's lines count
        limit = self.file_size_limit
        preexec = (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))) if limit else None
        self.proc = subprocess.Popen([BIN, "--port", "0", "--data-dir", self.data_dir, *self.args],
                                     stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=preexec)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(self.log_path, "rb") as f:
                f.seek(offset)
                found = re.findall(rb"listening on http://[\d.]+:(\d+)", f.read())
            if found:
                self.port = int(found[-1])
                return
            if self.proc.poll() is not None:
                self.log.close()
                raise RuntimeError(f"localec2 exited with {self.proc.returncode}: {self.output()}")
            time.sleep(0.01)
        raise RuntimeError("localec2 did not start listening within 30 s")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)
        if self.proc:
            self.log.close()
        return self.proc.returncode if self.proc else None

    def restart(self):
        self.stop()
        self.start()

    def reset(self, account=None):
        """POST /_localec2/reset, for one account or all; returns the JSON answer's bytes."""
        query = f"?account={account}" if account else ""
        request = urllib.request.Request(f"{self.endpoint}/_localec2/reset{query}", method="POST")
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.read()

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self, region="us-east-1", access_key="test", secret_key="test", **config):
        return boto3.client("ec2", endpoint_url=self.endpoint, region_name=region,
                            aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                            config=Config(retries={"max_attempts": 1}, **config))

    def cli(self, *args, region="us-east-1", access_key="test", check=True, aws_bin="aws"):
        """Runs `aws ec2 ARGS --output json`; returns (exit code, parsed JSON or stderr text).
        aws_bin picks the CLI: the first `aws` on PATH (the pip AWS CLI v1) unless told otherwise; a list is
        the command that runs it."""
        env = dict(os.environ, AWS_ACCESS_KEY_ID=access_key, AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION=region, AWS_PAGER="", AWS_MAX_ATTEMPTS="1")
        env.pop("AWS_PROFILE", None)
        command = [aws_bin] if isinstance(aws_bin, str) else list(aws_bin)
        proc = subprocess.run([*command, "--endpoint-url", self.endpoint, "--region", region, "--output", "json",
                               "ec2", *args], env=env, capture_output=True, text=True, timeout=120)
        if check and proc.returncode != 0:
            raise AssertionError(f"{aws_bin} ec2 {' '.join(args)} failed: {proc.stderr}")
        if proc.returncode == 0:
            return 0, json.loads(proc.stdout) if proc.stdout.strip() else None
        return proc.returncode, proc.stderr

    def raw(self, body=b"", method="POST", path="/", headers=None):
        """Sends one raw HTTP request on a fresh connection; returns (status, body text)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            hdrs = {"Content-Type": "application/x-www-form-urlencoded"}
            hdrs.update(headers or {})
            conn.request(method, path, body=body, headers=hdrs)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()


class ServerTestCase(unittest.TestCase):
    """One server for the whole class, started with `server_args`; `reset_between_tests` wipes its state
    before each test through the admin endpoint."""
    server_args = ()
    reset_between_tests = False

    @classmethod
    def setUpClass(cls):
        cls.server = LocalEc2(*cls.server_args).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def setUp(self):
        if self.reset_between_tests:
            self.server.reset()

    def assertServerStillAnswers(self):
        """After a refused request: an ordinary one is still answered (DescribeRegions lists all 34 regions)."""
        regions = self.server.client().describe_regions()["Regions"]
        self.assertEqual(len(regions), 34)


class StrictServerTestCase(unittest.TestCase):
    """One server for the whole class with --auth strict, accepting `keys` (a list of {AccessKeyId,
    SecretAccessKey, AccountId}, written to its --credentials file)."""
    keys = []

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        path = os.path.join(cls.tmp.name, "credentials.json")
        with open(path, "w") as f:
            json.dump(cls.keys, f)
        cls.server = LocalEc2("--auth", "strict", "--credentials", path).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)
        cls.tmp.cleanup()


def error_of(call, *args, **kwargs):
    """(Code, Message) of the ClientError that `call(*args, **kwargs)` raises; fails if it raises none."""
    try:
        call(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError("expected a ClientError")


def error_code(xml_text):
    match = re.search(r"<Response><Errors><Error><Code>([^<]+)</Code><Message>([^<]*)</Message></Error></Errors>"
                      r"<RequestID>[0-9a-f-]{36}</RequestID></Response>", xml_text)
    return match.group(1) if match else None
