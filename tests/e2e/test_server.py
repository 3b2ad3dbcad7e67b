"""End to end: the HTTP server around the EC2 API, against the real binary — body size limit, broken
framing, health endpoints, the request log, SIGTERM and command-line errors."""
import json
import socket
import unittest

from harness import LocalEc2, ServerTestCase, error_code


class Server(ServerTestCase):
    server_args = ("--max-body-bytes", "65536")

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
