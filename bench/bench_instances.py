#!/usr/bin/env python3
"""Instances benchmark: localec2 against moto_server, same machine, same run.

Fills each server with instances by RunInstances in batches of 10 (each batch tagged batch=bN) and
reports instances launched per second; then, at each size, DescribeInstances p50/p99 by one id, by a tag
filter matching one batch, and paginated (first page of 100), over one keep-alive connection.
moto answers a filtered DescribeInstances at 10,000 instances in minutes, so at the largest size it gets
--moto-calls-at-largest calls per measurement (p50 = p99 when that is 1).
Usage: bench/bench_instances.py [--sizes 1000,10000] [--calls N] [--moto-calls N] [--moto-calls-at-largest N]
"""
import argparse
import re
import tempfile
import time

from bench_common import Server, ms, percentiles, require_tools


def first_image(server):
    status, body = server.call("DescribeImages", **{"Owner.1": "amazon"})
    return re.search(rb"<imageId>([^<]+)</imageId>", body).group(1).decode()


def launch(server, image, first_batch, batches):
    ids = []
    begin = time.perf_counter()
    for b in range(first_batch, first_batch + batches):
        status, body = server.call("RunInstances", ImageId=image, MinCount=10, MaxCount=10, InstanceType="t3.micro",
                                   **{"TagSpecification.1.ResourceType": "instance",
                                      "TagSpecification.1.Tag.1.Key": "batch",
                                      "TagSpecification.1.Tag.1.Value": f"b{b}"})
        if status != 200:
            raise RuntimeError(f"{server.name} RunInstances answered {status}: {body[:300]!r}")
        ids += re.findall(rb"<instanceId>(i-[0-9a-f]+)</instanceId>", body)
    return [i.decode() for i in ids], time.perf_counter() - begin


def describe(server, ids, size, calls):
    return {
        "by id": percentiles([server.timed("DescribeInstances", **{"InstanceId.1": ids[i * 7919 % len(ids)]})
                              for i in range(calls)]),
        "tag:batch (10 match)": percentiles([server.timed(
            "DescribeInstances", **{"Filter.1.Name": "tag:batch", "Filter.1.Value.1": f"b{(i * 31) % (size // 10)}"})
            for i in range(calls)]),
        "first page of 100": percentiles([server.timed("DescribeInstances", MaxResults=100) for _ in range(calls)]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--moto-calls", type=int, default=10)
    parser.add_argument("--moto-calls-at-largest", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    require_tools()

    launch_rate, table = {}, {}
    for name in ("localec2", "moto"):
        with tempfile.TemporaryDirectory() as data_dir:
            server = Server(name, data_dir, timeout=1800)
            server.start()
            image = first_image(server)
            ids, launched_seconds, batches = [], 0.0, 0
            for size in sizes:
                more, seconds = launch(server, image, batches, (size - len(ids)) // 10)
                ids += more
                launched_seconds += seconds
                batches = len(ids) // 10
                calls = args.calls if name == "localec2" else (
                    args.moto_calls_at_largest if size == sizes[-1] else args.moto_calls)
                table[(name, size)] = describe(server, ids, size, calls)
            launch_rate[name] = len(ids) / launched_seconds
            server.stop()

    print("RunInstances in batches of 10 (localec2 commits each to SQLite): instances per second")
    print(f"  localec2 {launch_rate['localec2']:>8.0f}   moto {launch_rate['moto']:>8.0f}   "
          f"ratio {launch_rate['localec2'] / launch_rate['moto']:.0f}x")
    print("DescribeInstances p50 / p99 in ms, one keep-alive connection")
    print(f"{'instances':>9} {'call':<22} {'localec2':>19} {'moto':>21} {'p50 ratio':>10}")
    for size in sizes:
        for call, (p50, p99) in table[("localec2", size)].items():
            m50, m99 = table[("moto", size)][call]
            print(f"{size:>9} {call:<22} {ms(p50):>9} / {ms(p99):>7} {ms(m50):>10} / {ms(m99):>8} {m50 / p50:>9.0f}x")


if __name__ == "__main__":
    main()
