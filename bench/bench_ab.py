#!/usr/bin/env python3
"""A/B benchmark: two localec2 builds side by side in one run, for changes that must not cost speed.

Each round starts build A then build B on fresh data directories and measures the same workload, so a
noisy machine shifts both alike; rounds alternate which build goes first. Per build it reports the median
over rounds of: RunInstances launch rate (batches of 10, durable), DescribeInstances p50/p99 by one id, by a
tag filter matching one batch and for the first page of 100 at --instances instances, DescribeImages
Owners=amazon p50/p99, DescribeSecurityGroups p50/p99 and CreateKeyPair (ed25519) p50/p99; then B/A.
Usage: bench/bench_ab.py BUILD_A BUILD_B [--instances 2000] [--calls 300] [--rounds 3] [--json FILE]
"""
import argparse
import json
import re
import statistics
import tempfile
import time

from bench_common import Server, percentiles


def measure(binary, instances, calls):
    with tempfile.TemporaryDirectory() as data_dir:
        server = Server("localec2", data_dir, binary=binary)
        server.start()
        try:
            status, body = server.call("DescribeImages", **{"Owner.1": "amazon"})
            image = re.search(rb"<imageId>([^<]+)</imageId>", body).group(1).decode()
            ids = []
            begin = time.perf_counter()
            for b in range(instances // 10):
                status, body = server.call("RunInstances", ImageId=image, MinCount=10, MaxCount=10,
                                           InstanceType="t3.micro",
                                           **{"TagSpecification.1.ResourceType": "instance",
                                              "TagSpecification.1.Tag.1.Key": "batch",
                                              "TagSpecification.1.Tag.1.Value": f"b{b}"})
                if status != 200:
                    raise RuntimeError(f"RunInstances answered {status}: {body[:300]!r}")
                ids += re.findall(rb"<instanceId>(i-[0-9a-f]+)</instanceId>", body)
            launched_per_s = len(ids) / (time.perf_counter() - begin)
            ids = [i.decode() for i in ids]
            batches = instances // 10
            result = {
                "RunInstances instances/s": launched_per_s,
                "DescribeInstances by id": percentiles(
                    [server.timed("DescribeInstances", **{"InstanceId.1": ids[i * 7919 % len(ids)]})
                     for i in range(calls)]),
                "DescribeInstances tag filter": percentiles(
                    [server.timed("DescribeInstances", **{"Filter.1.Name": "tag:batch",
                                                          "Filter.1.Value.1": f"b{i * 31 % batches}"})
                     for i in range(calls)]),
                "DescribeInstances page of 100": percentiles(
                    [server.timed("DescribeInstances", MaxResults=100) for _ in range(max(calls // 10, 10))]),
                "DescribeImages Owners=amazon": percentiles(
                    [server.timed("DescribeImages", **{"Owner.1": "amazon"}) for _ in range(calls)]),
                "DescribeSecurityGroups": percentiles(
                    [server.timed("DescribeSecurityGroups") for _ in range(calls)]),
                "CreateKeyPair ed25519": percentiles(
                    [server.timed("CreateKeyPair", KeyName=f"k{i}", KeyType="ed25519") for i in range(calls)]),
            }
        finally:
            server.stop()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_a")
    parser.add_argument("build_b")
    parser.add_argument("--instances", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()

    runs = {"A": [], "B": []}
    for r in range(args.rounds):
        order = ("A", "B") if r % 2 == 0 else ("B", "A")
        for which in order:
            binary = args.build_a if which == "A" else args.build_b
            runs[which].append(measure(binary, args.instances, args.calls))

    def median_of(which, row, index=None):
        values = [run[row] if index is None else run[row][index] for run in runs[which]]
        return statistics.median(values)

    summary = {}
    print(f"{'measure (median of ' + str(args.rounds) + ' rounds)':<44} {'A':>12} {'B':>12} {'B/A':>7}")
    for row in runs["A"][0]:
        if row.endswith("/s"):
            a, b = median_of("A", row), median_of("B", row)
            print(f"{row:<44} {a:>12.0f} {b:>12.0f} {b / a:>7.2f}")
            summary[row] = {"A": a, "B": b}
            continue
        for index, label in ((0, "p50 ms"), (1, "p99 ms")):
            a, b = median_of("A", row, index) * 1000, median_of("B", row, index) * 1000
            print(f"{row + ' ' + label:<44} {a:>12.3f} {b:>12.3f} {b / a:>7.2f}")
            summary[f"{row} {label}"] = {"A": a, "B": b}
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"instances": args.instances, "calls": args.calls, "rounds": args.rounds,
                       "A": args.build_a, "B": args.build_b, "results": summary}, out, indent=2)


if __name__ == "__main__":
    main()
