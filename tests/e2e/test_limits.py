"""End to end: limits and timeouts. Slow-loris clients cannot hold the server (each request has a read
deadline), connections past --max-connections are refused at once while the others are served, bodies and
headers have size limits, and one call's filter work is bounded (FilterLimitExceeded)."""
import socket
import threading
import time
import unittest

from harness import LocalEc2, error_of


def slow_client(port, results, index, stop):
    """Sends a request's headers one byte at a time, every 0.2 s, until the server closes the connection."""
    request = b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 200
    began = time.time()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            for byte in request:
                if stop.is_set():
                    break
                s.sendall(bytes([byte]))
                time.sleep(0.2)
                s.setblocking(False)
                try:
                    if s.recv(65536) == b"":
                        break
                except BlockingIOError:
                    pass
                finally:
                    s.setblocking(True)
    except OSError:
        pass
    results[index] = time.time() - began


class Limits(unittest.TestCase):
    def test_slow_loris_clients_are_cut_off_and_others_are_served(self):
        with LocalEc2("--read-timeout", "1", "--max-connections", "16", "--quiet") as server:
            results, stop = [None] * 12, threading.Event()
            threads = [threading.Thread(target=slow_client, args=(server.port, results, i, stop)) for i in range(12)]
            for thread in threads:
                thread.start()
            time.sleep(0.3)
            # Twelve slow clients hold twelve of sixteen slots; a real client is still served at once.
            began = time.time()
            self.assertEqual(len(server.client().describe_regions()["Regions"]), 34)
            self.assertLess(time.time() - began, 1.0)
            for thread in threads:
                thread.join(timeout=30)
            stop.set()
            # Each was cut after its one-second read deadline although it kept sending.
            for held in results:
                self.assertIsNotNone(held)
                self.assertLess(held, 3.0)

    def test_connections_past_the_limit_are_refused_and_the_rest_served(self):
        with LocalEc2("--max-connections", "4", "--read-timeout", "5", "--quiet") as server:
            idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(4)]
            time.sleep(0.2)
            extra = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            extra.sendall(b"GET /_localec2/health HTTP/1.1\r\nHost: x\r\n\r\n")
            try:
                refused = extra.recv(100) == b""
            except ConnectionResetError:
                refused = True
            self.assertTrue(refused, "a fifth connection was served past --max-connections 4")
            extra.close()
            for s in idle:
                s.close()
            time.sleep(0.2)
            self.assertEqual(len(server.client().describe_regions()["Regions"]), 34)

    def test_filter_work_is_bounded(self):
        with LocalEc2("--quiet") as server:
            ec2 = server.client()
            many_values = [{"Name": "tag:k", "Values": [f"v{i}" for i in range(201)]}]
            self.assertEqual(error_of(ec2.describe_instances, Filters=many_values)[0], "FilterLimitExceeded")
            many_filters = [{"Name": f"tag:k{i}", "Values": ["v"]} for i in range(51)]
            self.assertEqual(error_of(ec2.describe_images, Filters=many_filters)[0], "FilterLimitExceeded")
            self.assertEqual(ec2.describe_instances(Filters=[{"Name": "tag:k", "Values": ["v"] * 200}])["Reservations"], [])
            self.assertEqual(error_of(ec2.describe_instances, MaxResults=1001)[0], "InvalidParameterValue")


if __name__ == "__main__":
    unittest.main()
