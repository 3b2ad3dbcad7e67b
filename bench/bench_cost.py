#!/usr/bin/env python3
"""Cost view benchmark: latency (p50/p99) of GET /_localec2/cost, JSON and the text table, over a state of
--instances running t3.micro instances (each with its root volume and launch public IP), --volumes unattached
volumes and the snapshots of --images images made then deregistered. The view runs under the engine's one
lock, so its latency is also how long it holds other calls back. localec2 only (moto has no cost view).
Usage: bench/bench_cost.py [--instances N] [--volumes N] [--images N] [--calls N]
"""
import argparse
import http.client
import re
import tempfile
import time

from bench_common import Server, ms, percentiles

ZONES = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]


def build_state(server, instances, volumes, images):
    _, body = server.call("DescribeImages", **{"Owner.1": "amazon", "Filter.1.Name": "name",
                                                "Filter.1.Value.1": "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64"})
    ami = re.search(rb"<imageId>(ami-[0-9a-f]+)</imageId>", body).group(1).decode()
    launched, first = 0, None
    while launched < instances:
        count = min(500, instances - launched)
        zone = ZONES[(launched // 500) % len(ZONES)]
        status, body = server.call("RunInstances", ImageId=ami, InstanceType="t3.micro", MinCount=count,
                                   MaxCount=count, **{"Placement.AvailabilityZone": zone})
        if status != 200:
            raise RuntimeError(body[:300])
        first = first or re.search(rb"<instanceId>(i-[0-9a-f]+)</instanceId>", body).group(1).decode()
        launched += count
    for i in range(volumes):
        server.timed("CreateVolume", AvailabilityZone="us-east-1a", Size="100", VolumeType="gp3")
    for i in range(images):
        _, body = server.call("CreateImage", InstanceId=first, Name=f"golden-{i}", NoReboot="true")
        image = re.search(rb"<imageId>(ami-[0-9a-f]+)</imageId>", body).group(1).decode()
        server.timed("DeregisterImage", ImageId=image)


def timed_get(port, path, accept):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    begin = time.perf_counter()
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - begin
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}: {body[:300]!r}")
    return elapsed, len(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=10000)
    parser.add_argument("--volumes", type=int, default=1000)
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        server = Server("localec2", data_dir, "--in-memory")
        server.start()
        try:
            begin = time.perf_counter()
            build_state(server, args.instances, args.volumes, args.images)
            print(f"state: {args.instances} instances, {args.volumes} volumes, {args.images} deregistered images "
                  f"(built in {time.perf_counter() - begin:.1f} s)")
            for label, path, accept in [("JSON, every region", "/_localec2/cost", "application/json"),
                                        ("JSON, us-east-1", "/_localec2/cost?region=us-east-1", "application/json"),
                                        ("text table", "/_localec2/cost", "text/plain")]:
                samples = [timed_get(server.port, path, accept) for _ in range(args.calls)]
                p50, p99 = percentiles([s[0] for s in samples])
                print(f"GET /_localec2/cost {label:<20} p50 {ms(p50)} ms  p99 {ms(p99)} ms  "
                      f"({samples[0][1] // 1024} KiB)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
