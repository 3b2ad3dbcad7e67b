#!/usr/bin/env python3
"""Sandbox benchmark (--instances=sandbox; root, openssh-server): what a really running instance costs.

- RunInstances → DescribeInstanceStatus "ok" (the user data finished), and → the first successful SSH
  command (a group allows tcp/22 from 127.0.0.1 at launch), over --boots sequential launches;
- memory per idle instance: the PSS of its processes (lec2-init launcher and PID 1, sshd), and its memory
  cgroup's usage (page cache included) where cgroup v1 is there;
- CreateImage of an instance with a 100 MB layer: the API call, and until the snapshot's files are captured;
- how many idle instances fit: --fleet instances booted at once, MemAvailable before and after, extrapolated
  to this machine's memory (the server allows 64 at once: one uid range each).
Usage: sudo bench/bench_sandbox.py [--boots N] [--fleet N]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3
from botocore.config import Config

from bench_common import LOCALEC2, free_port

SSH = ["ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
       "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes"]


def mem_available_kib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    return 0


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def instance_processes(uid_base, slot_count):
    """host pid -> uid for the instances' processes (PID 1, sshd, …), plus their launchers (root)."""
    out = subprocess.run(["ps", "-eo", "pid=,uid=,ppid=,comm="], capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()]
    inside = {int(r[0]) for r in rows if uid_base <= int(r[1]) < uid_base + slot_count * 65536}
    launchers = {int(r[2]) for r in rows if int(r[0]) in inside and r[3] == "lec2-init"}
    return inside | launchers


class Bench:
    def __init__(self):
        self.data_dir = tempfile.mkdtemp(prefix="localec2-bench-sandbox-")
        self.port = free_port()
        self.ssh_first = 20000 + (os.getpid() % 300) * 100
        self.uid_base = 300000000
        self.proc = subprocess.Popen([LOCALEC2, "--port", str(self.port), "--data-dir", self.data_dir, "--quiet",
                                      "--instances=sandbox", "--instance-uid-base", str(self.uid_base),
                                      "--instance-ssh-ports", f"{self.ssh_first}-{self.ssh_first + 99}"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.proc.stdout:
            if "refused" in line:
                sys.exit(line.strip())
            if "listening on" in line:
                break
        self.ec2 = boto3.client("ec2", endpoint_url=f"http://127.0.0.1:{self.port}", region_name="us-east-1",
                                aws_access_key_id="test", aws_secret_access_key="test",
                                config=Config(retries={"max_attempts": 1}))
        self.ami = self.ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-2023*x86_64"]}])["Images"][0]["ImageId"]
        material = self.ec2.create_key_pair(KeyName="bench")["KeyMaterial"]
        self.key = os.path.join(self.data_dir, "bench.pem")
        with open(self.key, "w") as f:
            f.write(material)
        os.chmod(self.key, 0o600)
        self.group = self.ec2.create_security_group(GroupName="bench", Description="bench")["GroupId"]
        self.ec2.authorize_security_group_ingress(GroupId=self.group, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                  CidrIp="127.0.0.1/32")

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def run(self, user_data="#!/bin/sh\necho ready\n"):
        return self.ec2.run_instances(ImageId=self.ami, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                      KeyName="bench", SecurityGroupIds=[self.group],
                                      UserData=user_data)["Instances"][0]["InstanceId"]

    def status_ok(self, instance_id):
        statuses = self.ec2.describe_instance_status(InstanceIds=[instance_id])["InstanceStatuses"]
        return bool(statuses) and statuses[0]["InstanceStatus"]["Status"] == "ok"

    def ssh_port(self, instance_id):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_localec2/instances/{instance_id}") as r:
            endpoint = json.loads(r.read()).get("SshEndpoint")
        return int(endpoint.split(":")[1]) if endpoint else None

    def ssh(self, port, command):
        return subprocess.run([*SSH, "-i", self.key, "-p", str(port), "ec2-user@127.0.0.1", command],
                              capture_output=True, text=True, timeout=120)

    def terminate(self, ids):
        self.ec2.terminate_instances(InstanceIds=ids)


def percentile_line(name, samples):
    samples = sorted(samples)
    p50 = samples[len(samples) // 2]
    print(f"{name:<44} p50 {p50 * 1000:8.1f} ms   max {samples[-1] * 1000:8.1f} ms   (n={len(samples)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boots", type=int, default=10)
    parser.add_argument("--fleet", type=int, default=40)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("sandbox mode needs root")
    bench = Bench()
    try:
        to_ok, to_ssh = [], []
        for _ in range(args.boots):
            begin = time.perf_counter()
            instance_id = bench.run()
            while not bench.status_ok(instance_id):
                time.sleep(0.002)
            to_ok.append(time.perf_counter() - begin)
            bench.terminate([instance_id])
        for _ in range(args.boots):
            begin = time.perf_counter()
            instance_id = bench.run()
            while True:
                port = bench.ssh_port(instance_id)
                if port and bench.ssh(port, "true").returncode == 0:
                    break
                time.sleep(0.005)
            to_ssh.append(time.perf_counter() - begin)
            bench.terminate([instance_id])
        percentile_line("RunInstances -> instance status ok", to_ok)
        percentile_line("RunInstances -> first SSH command done", to_ssh)

        # CreateImage with a 100 MB layer.
        instance_id = bench.run()
        while not bench.status_ok(instance_id):
            time.sleep(0.01)
        port = bench.ssh_port(instance_id)
        write = bench.ssh(port, "head -c 100000000 /dev/urandom > ~/blob && sync && du -sh ~/blob")
        begin = time.perf_counter()
        image_id = bench.ec2.create_image(InstanceId=instance_id, Name="bench", NoReboot=True)["ImageId"]
        api = time.perf_counter() - begin
        snapshot_id = bench.ec2.describe_images(ImageIds=[image_id])["Images"][0]["BlockDeviceMappings"][0]["Ebs"][
            "SnapshotId"]
        snapshot_dir = os.path.join(bench.data_dir, "sandbox", "snapshots", snapshot_id)
        while not os.path.isdir(snapshot_dir):
            time.sleep(0.002)
        captured = time.perf_counter() - begin
        print(f"{'CreateImage, 100 MB layer (' + write.stdout.split()[0] + ')':<44} API {api * 1000:8.1f} ms   "
              f"files captured {captured * 1000:8.1f} ms")
        bench.terminate([instance_id])
        time.sleep(1)

        # Idle fleet.
        before = mem_available_kib()
        fleet = []
        for _ in range(args.fleet):
            fleet.append(bench.run())
        deadline = time.time() + 120
        while time.time() < deadline and not all(bench.status_ok(i) for i in fleet):
            time.sleep(0.2)
        time.sleep(2)
        after = mem_available_kib()
        pids = instance_processes(bench.uid_base, 64)
        pss = sum(pss_kib(pid) for pid in pids)
        cgroup = 0
        for instance_id in fleet:
            try:
                with open(f"/sys/fs/cgroup/memory/localec2/{instance_id}/memory.usage_in_bytes") as f:
                    cgroup += int(f.read())
            except OSError:
                pass
        per_instance = (before - after) / args.fleet
        print(f"idle instances booted                        {args.fleet} ({len(pids)} processes)")
        print(f"memory per idle instance                     PSS {pss / args.fleet / 1024:.1f} MiB, "
              f"cgroup {cgroup / args.fleet / 2**20:.1f} MiB, MemAvailable drop {per_instance / 1024:.1f} MiB")
        total = before  # MemAvailable before the fleet
        print(f"idle instances that fit in MemAvailable      ~{int(total / max(per_instance, 1))} by memory "
              f"(the server runs at most 64 at once: one uid range each)")
        bench.terminate(fleet)
    finally:
        bench.close()


if __name__ == "__main__":
    main()
