#!/usr/bin/env python3
"""Soak: 64 connections against one localec2 for a long time (default 10 minutes), each looping over
writes that create and delete (security groups with rules, volumes, key pairs, tags) and reads
(DescribeInstances over a fixed fleet, DescribeImages, DescribeSecurityGroups), so state stays bounded.
Reports requests, errors (target 0) and the server's RSS after a one-minute warm-up and at the end
(target: flat within 5 %). Not part of CI.
Usage: bench/soak.py [--minutes 10] [--connections 64] [--warmup-seconds 60]
"""
import argparse
import http.client
import re
import tempfile
import threading
import time
import urllib.parse

from bench_common import LOCALEC2, Server


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def worker(port, index, deadline, counts, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    done = errors = 0

    def call(action, **params):
        nonlocal done, errors
        body = urllib.parse.urlencode({"Action": action, "Version": "2016-11-15", **params})
        try:
            conn.request("POST", "/", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = conn.getresponse()
            text = response.read().decode()
        except OSError:
            errors += 1
            return ""
        done += 1
        if response.status != 200:
            errors += 1
        return text

    n = 0
    while time.time() < deadline:
        n += 1
        name = f"soak-{index}-{n}"
        group = re.search(r"<groupId>([^<]+)</groupId>", call("CreateSecurityGroup", GroupName=name,
                                                              GroupDescription=name) or "<groupId></groupId>")
        if group and group.group(1):
            call("AuthorizeSecurityGroupIngress", GroupId=group.group(1), IpProtocol="tcp", FromPort="443",
                 ToPort="443", CidrIp="0.0.0.0/0")
            call("CreateTags", **{"ResourceId.1": group.group(1), "Tag.1.Key": "n", "Tag.1.Value": str(n)})
            call("DescribeSecurityGroups", **{"GroupId.1": group.group(1)})
            call("DeleteSecurityGroup", GroupId=group.group(1))
        volume = re.search(r"<volumeId>([^<]+)</volumeId>", call("CreateVolume", AvailabilityZone="us-east-1a", Size="1"))
        if volume:
            call("DeleteVolume", VolumeId=volume.group(1))
        call("CreateKeyPair", KeyName=name, KeyType="ed25519")
        call("DeleteKeyPair", KeyName=name)
        call("DescribeInstances", **{"Filter.1.Name": "tag:fleet", "Filter.1.Value.1": "soak"})
        call("DescribeImages", **{"Owner.1": "amazon"})
    with lock:
        counts["requests"] += done
        counts["errors"] += errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warmup-seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        server = Server("localec2", data_dir, "--threads", "2", "--max-connections", "1024")
        server.start()
        image = re.search(rb"<imageId>([^<]+)</imageId>", server.call("DescribeImages", **{"Owner.1": "amazon",
                          "Filter.1.Name": "name", "Filter.1.Value.1": "al2023-ami-*-x86_64"})[1]).group(1).decode()
        server.call("RunInstances", ImageId=image, InstanceType="t3.micro", MinCount=100, MaxCount=100,
                    **{"TagSpecification.1.ResourceType": "instance", "TagSpecification.1.Tag.1.Key": "fleet",
                       "TagSpecification.1.Tag.1.Value": "soak"})
        counts, lock = {"requests": 0, "errors": 0}, threading.Lock()
        begin = time.time()
        deadline = begin + args.minutes * 60
        threads = [threading.Thread(target=worker, args=(server.port, i, deadline, counts, lock))
                   for i in range(args.connections)]
        for thread in threads:
            thread.start()
        time.sleep(min(args.warmup_seconds, args.minutes * 60 / 2))
        rss_start = rss_kib(server.proc.pid)
        for thread in threads:
            thread.join()
        rss_end = rss_kib(server.proc.pid)
        elapsed = time.time() - begin
        server.stop()
    print(f"soak: {args.connections} connections for {elapsed / 60:.1f} min against {LOCALEC2}")
    print(f"  requests {counts['requests']}  ({counts['requests'] / elapsed:.0f}/s)   errors {counts['errors']}")
    print(f"  RSS after warm-up {rss_start / 1024:.1f} MiB, at the end {rss_end / 1024:.1f} MiB "
          f"({(rss_end - rss_start) / rss_start * 100:+.1f} %)")


if __name__ == "__main__":
    main()
