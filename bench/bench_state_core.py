#!/usr/bin/env python3
"""State-core benchmark: localec2 against moto_server, same machine, same run.

Measures per-call latency (p50/p99, one keep-alive connection) of CreateKeyPair (rsa in a burst and
paced, ed25519) and
of DescribeSecurityGroups with a tag filter and with a name filter over --groups tagged groups; then
localec2's restart: time from spawn to first answer with --resources stored resources. moto keeps no
state across restarts, so that row is localec2's alone.
Usage: bench/bench_state_core.py [--groups N] [--resources N] [--calls N]
"""
import argparse
import re
import tempfile
import time

from bench_common import Server, ms, percentiles, require_tools


def measure(server, calls, moto_calls):
    n = calls if server.name == "localec2" else moto_calls
    results = {}
    results["CreateKeyPair rsa, burst of 20"] = percentiles(
        [server.timed("CreateKeyPair", KeyName=f"rsa-{i}") for i in range(20)])
    time.sleep(3)  # let localec2's key pool refill, as between the tests of a suite
    paced = []
    for i in range(10):
        paced.append(server.timed("CreateKeyPair", KeyName=f"paced-{i}"))
        time.sleep(0.5)
    results["CreateKeyPair rsa, one per 0.5 s"] = percentiles(paced)
    results["CreateKeyPair ed25519"] = percentiles(
        [server.timed("CreateKeyPair", KeyName=f"ed-{i}", KeyType="ed25519") for i in range(n)])
    tag_filter = {"Filter.1.Name": "tag:tier", "Filter.1.Value.1": "web"}
    results["DescribeSecurityGroups tag:tier=web"] = percentiles(
        [server.timed("DescribeSecurityGroups", **tag_filter) for _ in range(n)])
    name_filter = {"Filter.1.Name": "group-name", "Filter.1.Value.1": "group-0042"}
    results["DescribeSecurityGroups group-name"] = percentiles(
        [server.timed("DescribeSecurityGroups", **name_filter) for _ in range(n)])
    return results


def fill_groups(server, count):
    for i in range(count):
        server.timed("CreateSecurityGroup", GroupName=f"group-{i:04}", GroupDescription="bench",
                     **{"TagSpecification.1.ResourceType": "security-group",
                        "TagSpecification.1.Tag.1.Key": "tier",
                        "TagSpecification.1.Tag.1.Value": "web" if i % 2 else "db"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--resources", type=int, default=10000)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--moto-calls", type=int, default=50)
    args = parser.parse_args()
    require_tools()

    table = {}
    for name in ("localec2", "moto"):
        with tempfile.TemporaryDirectory() as data_dir:
            server = Server(name, data_dir)
            server.start()
            fill_groups(server, args.groups)
            table[name] = measure(server, args.calls, args.moto_calls)
            server.stop()

    with tempfile.TemporaryDirectory() as data_dir:
        server = Server("localec2", data_dir)
        server.start()
        fill_groups(server, args.resources)
        server.stop()
        restarts = []
        for _ in range(5):
            server = Server("localec2", data_dir)
            restarts.append(server.start())
            server.stop()
        restart_p50, _ = percentiles(restarts)
        # The server's own report of loading, from its start-up line.
        probe = Server("localec2", data_dir)
        probe.start()
        line = probe.stop()
        loaded = re.search(r"(\d+) resources loaded in ([\d.]+) ms", line)

    print(f"State core: {args.groups} tagged security groups; p50 / p99 per call in ms, one keep-alive connection")
    print(f"{'call':<38} {'localec2':>19} {'moto':>19} {'p50 ratio':>10}")  # ratio: moto / localec2
    for call, (p50, p99) in table["localec2"].items():
        m50, m99 = table["moto"][call]
        print(f"{call:<38} {ms(p50):>9} / {ms(p99):>7} {ms(m50):>9} / {ms(m99):>7} {m50 / p50:>9.1f}x")
    print(f"localec2 restart with {args.resources} stored resources: first answer after {ms(restart_p50)} ms (median "
          f"of 5); the server reports {loaded.group(1)} resources loaded in {loaded.group(2)} ms")


if __name__ == "__main__":
    main()
