"""End to end: crash safety. Concurrent writers while the server is killed with SIGKILL at random moments,
20 times over the same data directory: every change whose answer reached a client is there after the
restart, nothing half-applied is visible, and SQLite's integrity check passes. A full disk and a data
directory that cannot be written give a clear error, on the request and at start-up."""
import os
import random
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

import botocore.exceptions

from harness import BIN, LocalEc2, error_of

CYCLES = 20
TAGS = [{"Key": f"k{i}", "Value": f"v{i}"} for i in range(3)]


class Writers:
    """Four kinds of writes in parallel; records what each acknowledged."""

    def __init__(self, server, cycle, image):
        self.server, self.cycle, self.image = server, cycle, image
        self.groups, self.reservations, self.volumes, self.keys = [], [], [], []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run(self, kind, thread):
        client = self.server.client()
        n = 0
        while not self.stop.is_set():
            n += 1
            name = f"c{self.cycle}-t{thread}-{n}"
            try:
                if kind == "group":
                    client.create_security_group(GroupName=name, Description=name, TagSpecifications=[
                        {"ResourceType": "security-group", "Tags": TAGS}])
                    with self.lock:
                        self.groups.append(name)
                elif kind == "instances":
                    reservation = client.run_instances(ImageId=self.image, InstanceType="t3.micro", MinCount=3,
                                                       MaxCount=3, ClientToken=name)
                    with self.lock:
                        self.reservations.append([i["InstanceId"] for i in reservation["Instances"]])
                elif kind == "volume":
                    volume = client.create_volume(AvailabilityZone="us-east-1a", Size=1, TagSpecifications=[
                        {"ResourceType": "volume", "Tags": TAGS}])
                    with self.lock:
                        self.volumes.append(volume["VolumeId"])
                else:
                    client.create_key_pair(KeyName=name, KeyType="ed25519")
                    with self.lock:
                        self.keys.append(name)
            except (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
                    botocore.exceptions.ReadTimeoutError, ConnectionError):
                return  # the server is gone: this write's fate is unknown, which is allowed
            except botocore.exceptions.HTTPClientError:
                return


class CrashSafety(unittest.TestCase):
    def test_sigkill_at_random_moments_loses_nothing_acknowledged(self):
        rng = random.Random(20261127)
        with tempfile.TemporaryDirectory() as data_dir:
            server = LocalEc2("--quiet", data_dir=data_dir)
            server.start()
            image = server.client().describe_images(Owners=["amazon"], Filters=[
                {"Name": "name", "Values": ["al2023-ami-*-x86_64"]}])["Images"][0]["ImageId"]
            acknowledged = {"groups": set(), "instances": set(), "volumes": set(), "keys": set()}
            for cycle in range(CYCLES):
                writers = Writers(server, cycle, image)
                threads = [threading.Thread(target=writers.run, args=(kind, t))
                           for t, kind in enumerate(["group", "instances", "volume", "key"])]
                for thread in threads:
                    thread.start()
                time.sleep(rng.uniform(0.15, 0.6))
                server.stop(signal.SIGKILL)
                writers.stop.set()
                for thread in threads:
                    thread.join(timeout=60)
                acknowledged["groups"].update(writers.groups)
                acknowledged["instances"].update(i for r in writers.reservations for i in r)
                acknowledged["volumes"].update(writers.volumes)
                acknowledged["keys"].update(writers.keys)

                db = sqlite3.connect(os.path.join(data_dir, "localec2.db"))
                try:
                    self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                finally:
                    db.close()  # the server locks its database exclusively
                server.start()
                self.check(server.client(), acknowledged, cycle)
            server.stop()
            self.assertGreater(len(acknowledged["instances"]), 30)
            self.assertGreater(len(acknowledged["groups"]), 20)

    def check(self, ec2, acknowledged, cycle):
        groups = {g["GroupName"]: g for page in ec2.get_paginator("describe_security_groups").paginate()
                  for g in page["SecurityGroups"]}
        self.assertLessEqual(acknowledged["groups"], set(groups), f"cycle {cycle}: acknowledged groups lost")
        for name, group in groups.items():
            if name != "default":  # created with three tags, all or nothing
                self.assertEqual(len(group.get("Tags", [])), 3, f"cycle {cycle}: {name} half-applied")
        reservations = [r for page in ec2.get_paginator("describe_instances").paginate() for r in page["Reservations"]]
        instances = {i["InstanceId"] for r in reservations for i in r["Instances"]}
        self.assertLessEqual(acknowledged["instances"], instances, f"cycle {cycle}: acknowledged instances lost")
        for reservation in reservations:
            self.assertEqual(len(reservation["Instances"]), 3, f"cycle {cycle}: a launch half-applied")
        volumes = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
        self.assertLessEqual(acknowledged["volumes"], set(volumes), f"cycle {cycle}: acknowledged volumes lost")
        for volume in volumes.values():  # each instance's root volume, or a created volume with its tags
            self.assertIn(len(volume.get("Tags", [])), (0, 3) if volume["Attachments"] else (3,))
        keys = {k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]}
        self.assertLessEqual(acknowledged["keys"], keys, f"cycle {cycle}: acknowledged key pairs lost")


class FullOrReadOnlyDisk(unittest.TestCase):
    def test_a_full_disk_fails_the_request_clearly_and_changes_nothing(self):
        with LocalEc2("--quiet", file_size_limit=300_000) as server:
            ec2 = server.client()
            created, refusal = 0, None
            for n in range(2000):
                try:
                    ec2.create_security_group(GroupName=f"g{n}", Description="d" * 255, TagSpecifications=[
                        {"ResourceType": "security-group", "Tags": [{"Key": f"k{i}", "Value": "v" * 200} for i in range(10)]}])
                    created += 1
                except botocore.exceptions.ClientError as e:
                    refusal = e.response
                    break
            self.assertIsNotNone(refusal, "the disk never filled")
            self.assertEqual((refusal["Error"]["Code"], refusal["ResponseMetadata"]["HTTPStatusCode"]),
                             ("ServiceUnavailable", 503))
            self.assertIn("cannot write its data directory", refusal["Error"]["Message"])
            names = {g["GroupName"] for p in ec2.get_paginator("describe_security_groups").paginate()
                     for g in p["SecurityGroups"]}
            self.assertEqual(len(names), created + 1)  # the default group and every acknowledged one
            self.assertNotIn(f"g{created}", names)
            self.assertEqual(len(ec2.describe_regions()["Regions"]), 34)  # still serving

    def test_a_data_directory_turned_read_only_fails_requests_clearly(self):
        with LocalEc2("--quiet") as server:
            ec2 = server.client()
            ec2.create_key_pair(KeyName="before", KeyType="ed25519")
            files = [os.path.join(server.data_dir, f) for f in os.listdir(server.data_dir) if f.startswith("localec2.db")]
            if subprocess.run(["chattr", "+i", *files], capture_output=True).returncode != 0:
                self.skipTest("chattr +i is not supported on this file system")
            try:
                code, message = error_of(ec2.create_key_pair, KeyName="after", KeyType="ed25519")
                self.assertEqual(code, "ServiceUnavailable")
                self.assertIn("cannot write its data directory", message)
                self.assertEqual([k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]], ["before"])
            finally:
                subprocess.run(["chattr", "-i", *files])
            ec2.create_key_pair(KeyName="after", KeyType="ed25519")  # writable again: works again

    def test_a_second_server_on_the_same_data_directory_is_refused(self):
        with LocalEc2("--quiet") as first:
            proc = subprocess.run([BIN, "--port", "0", "--data-dir", first.data_dir], capture_output=True, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("is another localec2 using this data directory?", proc.stderr)
            self.assertEqual(len(first.client().describe_regions()["Regions"]), 34)

    def test_start_up_reports_an_unusable_data_directory(self):
        for args, limit, expected in [(["--data-dir", "/proc/localec2"], None, "cannot create data directory"),
                                      ([], 1000, "cannot open database")]:
            with tempfile.TemporaryDirectory() as data_dir:
                full_args = [BIN, "--port", "0", "--data-dir", data_dir, *args]
                preexec = None
                if limit:
                    import resource
                    preexec = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
                proc = subprocess.run(full_args, capture_output=True, text=True, timeout=30, preexec_fn=preexec)
                self.assertEqual(proc.returncode, 1, proc.stderr)
                self.assertIn(expected, proc.stderr)


if __name__ == "__main__":
    unittest.main()
