#!/usr/bin/env python3
"""Checkpoints benchmark: save and restore with --instances instances (target: each under 1 s), and how
long a save stalls concurrent DescribeInstances calls (target: p99 no more than 50 ms above none).

Fills localec2 (SQLite data directory) by RunInstances in batches of 100, then:
- save: POST /_localec2/checkpoints/bench, --rounds times; wall time per save;
- restore: POST /_localec2/checkpoints/bench/restore, --rounds times (one SQLite transaction of every
  record, then applied in memory);
- restore after a restart: the server restarted, one restore (a fresh process holds nothing of it);
- stall: one client calls DescribeInstances by one instance id over a keep-alive connection, first alone
  (baseline), then while another connection saves checkpoints back to back; p50/p99/max of each.
Usage: bench/bench_checkpoints.py [--instances 10000] [--rounds 5] [--seconds 5]
"""
import argparse
import http.client
import os
import re
import statistics
import tempfile
import threading
import time

from bench_common import Server, ms, percentiles


def fill(server, count):
    status, body = server.call("DescribeImages", **{"Owner.1": "amazon"})
    image = re.search(rb"<imageId>([^<]+)</imageId>", body).group(1).decode()
    first = None
    for _ in range(count // 100):
        status, body = server.call("RunInstances", ImageId=image, MinCount=100, MaxCount=100, InstanceType="t3.micro")
        if status != 200:
            raise RuntimeError(f"RunInstances answered {status}: {body[:300]!r}")
        first = first or re.search(rb"<instanceId>([^<]+)</instanceId>", body).group(1).decode()
    return first


def control(port, method, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        begin = time.perf_counter()
        conn.request(method, path)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - begin
        if response.status != 200:
            raise RuntimeError(f"{method} {path} answered {response.status}: {body[:300]!r}")
        return elapsed, body
    finally:
        conn.close()


def cpu_seconds(pid):
    """The server's user + system CPU time so far: the work a call costs, whatever else the machine runs."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_rounds(server, path, rounds):
    """(wall seconds, server CPU seconds) of each of `rounds` POSTs to `path`."""
    results = []
    for _ in range(rounds):
        cpu = cpu_seconds(server.proc.pid)
        wall, _ = control(server.port, "POST", path)
        results.append((wall, cpu_seconds(server.proc.pid) - cpu))
    return results


def describe_loop(server, instance, seconds):
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        samples.append(server.timed("DescribeInstances", **{"InstanceId.1": instance}))
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        server = Server("localec2", data_dir)
        server.start()
        try:
            begin = time.perf_counter()
            instance = fill(server, args.instances)
            print(f"filled {args.instances} instances in {time.perf_counter() - begin:.1f} s")

            saves = timed_rounds(server, "/_localec2/checkpoints/bench", args.rounds)
            _, info = control(server.port, "GET", "/_localec2/checkpoints/bench")
            print(f"checkpoint: {info.decode()[:200]}")
            restores = timed_rounds(server, "/_localec2/checkpoints/bench/restore", args.rounds)

            baseline = describe_loop(server, instance, args.seconds)
            stop = threading.Event()
            during_saves = []

            def save_back_to_back():
                while not stop.is_set():
                    during_saves.append(control(server.port, "POST", "/_localec2/checkpoints/stall")[0])

            saver = threading.Thread(target=save_back_to_back)
            saver.start()
            loaded = describe_loop(server, instance, args.seconds)
            stop.set()
            saver.join()
            server.stop()
            server.start()
            cold = timed_rounds(server, "/_localec2/checkpoints/bench/restore", 1)
        finally:
            server.stop()

    print(f"\n{args.instances} instances, {args.rounds} rounds, seconds: wall time of the HTTP call, and the "
          f"server's CPU time for it (the machine's load average: {os.getloadavg()[0]:.1f})")
    for label, rounds in (("save", saves), ("restore", restores), ("restore after a restart", cold)):
        walls, cpus = [w for w, _ in rounds], [c for _, c in rounds]
        print(f"  {label:<24} wall median {statistics.median(walls):.3f} max {max(walls):.3f}   "
              f"cpu median {statistics.median(cpus):.3f}")
    print(f"\nDescribeInstances by id, ms (one keep-alive connection, {args.seconds:g} s each)")
    for label, samples in (("alone", baseline), (f"during {len(during_saves)} saves", loaded)):
        p50, p99 = percentiles(samples)
        print(f"  {label:<18} calls {len(samples):>6}  p50 {ms(p50)}  p99 {ms(p99)}  max {ms(max(samples))}")


if __name__ == "__main__":
    main()
