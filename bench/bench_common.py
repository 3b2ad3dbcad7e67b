"""Shared by the benchmarks: start localec2 or moto_server on a free port, and send raw EC2 Query calls
over one keep-alive connection (so the client's cost stays small next to the server's)."""
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCALEC2 = os.environ.get("LOCALEC2_BIN", os.path.join(ROOT, "build", "server", "localec2"))
# moto routes on the credential scope; neither server verifies the signature.
HEADERS = {"Content-Type": "application/x-www-form-urlencoded",
           "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
                            "SignedHeaders=host, Signature=0"}


def require_tools():
    for tool in ("wrk", "moto_server"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (apt-get install wrk; pip install 'moto[server]')")
    if not os.path.exists(LOCALEC2):
        sys.exit("build first: scripts/build.sh release")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process; `call` sends an EC2 action over a persistent connection."""

    def __init__(self, name, data_dir, *extra, timeout=60, binary=None):
        self.name, self.data_dir, self.extra, self.timeout = name, data_dir, list(extra), timeout
        self.binary = binary or LOCALEC2  # for localec2: which build to run
        self.port = free_port()
        self.proc = None
        self.conn = None

    def start(self):
        if self.name != "moto":
            cmd = [self.binary, "--port", str(self.port), "--data-dir", self.data_dir, "--quiet", *self.extra]
        else:
            cmd = ["moto_server", "-H", "127.0.0.1", "-p", str(self.port)]
        begin = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        while True:
            try:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                status, _ = self.call("DescribeRegions")
                if status == 200:
                    return time.perf_counter() - begin
            except OSError:
                time.sleep(0.0005)
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            if time.perf_counter() - begin > 60:
                raise RuntimeError(f"{self.name} did not answer within 60 s")

    def call(self, action, **params):
        body = urllib.parse.urlencode({"Action": action, "Version": "2016-11-15", **params})
        self.conn.request("POST", "/", body, HEADERS)
        response = self.conn.getresponse()
        return response.status, response.read()

    def timed(self, action, **params):
        begin = time.perf_counter()
        status, body = self.call(action, **params)
        elapsed = time.perf_counter() - begin
        if status != 200:
            raise RuntimeError(f"{self.name} {action} answered {status}: {body[:300]!r}")
        return elapsed

    def stop(self):
        if self.conn:
            self.conn.close()
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        return self.proc.stdout.read() if self.proc and self.proc.stdout else ""


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def ms(seconds):
    return f"{seconds * 1000:.3f}"
