#!/usr/bin/env python3
"""Foundation benchmark: localec2 against moto_server, same machine, same run.

Measures (1) start-up: process spawn to the first successful DescribeRegions answer, median of
several starts; (2) DescribeRegions throughput with wrk over keep-alive connections. Prints both and
the ratios. Usage: bench/bench_foundation.py [--seconds N] [--starts N] [--connections N]
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile

from bench_common import ROOT, Server, require_tools


def throughput(server, seconds, connections):
    script = os.path.join(ROOT, "bench", "describe_regions.lua")
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", script,
                          f"http://127.0.0.1:{server.port}/"], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # The latency distribution's own lines ("  50%  1.13ms"), not a percentage inside the thread stats.
    p50 = re.search(r"^\s+50%\s+(\S+)$", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)$", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    require_tools()

    results = {}
    for name, starts in (("localec2", args.starts * 4), ("moto", args.starts)):
        with tempfile.TemporaryDirectory() as data_dir:
            startups = []
            for _ in range(starts):
                server = Server(name, data_dir)
                startups.append(server.start())
                server.stop()
            server = Server(name, data_dir)
            server.start()
            results[name] = (statistics.median(startups), *throughput(server, args.seconds, args.connections))
            server.stop()

    print(f"DescribeRegions, wrk -t2 -c{args.connections} -d{args.seconds}s, {os.cpu_count()} cores")
    print(f"{'server':<10} {'start-up (ms)':>14} {'req/s':>10} {'p50':>9} {'p99':>9} {'non-2xx':>8}")
    for name, (startup, rps, p50, p99, errors) in results.items():
        print(f"{name:<10} {startup * 1000:>14.1f} {rps:>10.0f} {p50:>9} {p99:>9} {errors:>8}")
    local, moto = results["localec2"], results["moto"]
    print(f"ratio: start-up {moto[0] / local[0]:.0f}x faster, throughput {local[1] / moto[1]:.0f}x moto's req/s")


if __name__ == "__main__":
    main()
