#!/usr/bin/env python3
"""Foundation benchmark: localec2 against moto_server, same machine, same run.

Measures (1) start-up: process spawn to the first successful DescribeRegions answer, median of
several starts; (2) DescribeRegions throughput with wrk over keep-alive connections. Prints both and
the ratios. Usage: bench/bench_foundation.py [--seconds N] [--starts N] [--connections N]
"""
import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCALEC2 = os.path.join(ROOT, "build", "server", "localec2")
BODY = b"Action=DescribeRegions&Version=2016-11-15"
HEADERS = {"Content-Type": "application/x-www-form-urlencoded",  # the same request bench/*.lua sends
           "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
                            "SignedHeaders=host, Signature=0"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def describe_regions(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("POST", "/", BODY, HEADERS)
        response = conn.getresponse()
        body = response.read()
        return response.status == 200 and b"us-east-1" in body
    finally:
        conn.close()


def start(name, port, data_dir):
    if name == "localec2":
        cmd = [LOCALEC2, "--port", str(port), "--data-dir", data_dir]
    else:
        cmd = ["moto_server", "-H", "127.0.0.1", "-p", str(port)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def time_to_first_answer(name, data_dir):
    port = free_port()
    begin = time.perf_counter()
    proc = start(name, port, data_dir)
    try:
        while True:
            try:
                if describe_regions(port):
                    return time.perf_counter() - begin
            except OSError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}")
            if time.perf_counter() - begin > 60:
                raise RuntimeError(f"{name} did not answer within 60 s")
            time.sleep(0.0005)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def throughput(name, data_dir, seconds, connections):
    port = free_port()
    proc = start(name, port, data_dir)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if describe_regions(port):
                    break
            except OSError:
                time.sleep(0.05)
        script = os.path.join(ROOT, "bench", "describe_regions.lua")
        out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency",
                              "-s", script, f"http://127.0.0.1:{port}/"], capture_output=True, text=True,
                             check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p50 = re.search(r"50%\s+(\S+)", out).group(1)
        p99 = re.search(r"99%\s+(\S+)", out).group(1)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return rps, p50, p99, int(errors.group(1)) if errors else 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    for tool in ("wrk", "moto_server"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (apt-get install wrk; pip install 'moto[server]')")
    if not os.path.exists(LOCALEC2):
        sys.exit("build first: scripts/build.sh release")

    results = {}
    with tempfile.TemporaryDirectory() as data_dir:
        for name, starts in (("localec2", args.starts * 4), ("moto", args.starts)):
            startup = statistics.median(time_to_first_answer(name, data_dir) for _ in range(starts))
            rps, p50, p99, errors = throughput(name, data_dir, args.seconds, args.connections)
            results[name] = (startup, rps, p50, p99, errors)

    print(f"DescribeRegions, wrk -t2 -c{args.connections} -d{args.seconds}s, {os.cpu_count()} cores")
    print(f"{'server':<10} {'start-up (ms)':>14} {'req/s':>10} {'p50':>9} {'p99':>9} {'non-2xx':>8}")
    for name, (startup, rps, p50, p99, errors) in results.items():
        print(f"{name:<10} {startup * 1000:>14.1f} {rps:>10.0f} {p50:>9} {p99:>9} {errors:>8}")
    local, moto = results["localec2"], results["moto"]
    print(f"ratio: start-up {moto[0] / local[0]:.0f}x faster, throughput {local[1] / moto[1]:.0f}x moto's req/s")


if __name__ == "__main__":
    main()
