#!/usr/bin/env python3
"""Limits benchmark (issue 15): every row of the performance table, side by side in one run, for
nginx serving localec2's very DescribeRegions bytes (the limit), moto_server (the peer, at the smallest size
only) and localec2 (durable: the default data dir, not --in-memory) at each size.

All load comes from bench/loadgen (localec2_loadgen: closed loop, keep-alive, pre-built raw requests), whose
own ceiling is the nginx row (with wrk against the same nginx beside it, and the loadgen's CPU use).
Rows, per server and size:
  DescribeRegions req/s over 8 connections, and p99 over 64 connections (2 loadgen threads); and req/s in 3
    rounds alternating with nginx (half the run time each; medians), since a busy machine swings single runs;
  RunInstances in batches of 10 (MinCount=MaxCount=10, tags batch=bK and group=gM, 100 instances a group,
    into VPCs 10.N.0.0/16 with one /16 subnet each, 60,000 instances a subnet at most):
    the first third of the instances with 1 client, the rest with 8 clients: instances/s, p50/p99 a batch;
  DescribeInstances MaxResults=100 (first page) over 1 connection: p50/p99;
  DescribeInstances Filter tag:group (100 of N instances match) over 1 connection: p50/p99;
  memory after the N instances: VmRSS and VmHWM (peak) from /proc/PID/status;
  restart to first answer: SIGKILL, start, time to the first successful DescribeRegions (median of 3).
moto is slow at 10,000 instances: it gets a few batches of 10 per client count, is filled up with
RunInstances MaxCount=100, and gets --moto-calls calls for the DescribeInstances rows; moto keeps no state on
disk, so it has no restart row.
Usage: bench/bench_limits.py [--quick] [--sizes 10000,100000] [--seconds 5] [--json FILE] [--no-moto]
                             [--localec2 PATH] [--loadgen PATH] [--moto-calls 1]
       bench/bench_limits.py --print FILE.json   (the table of an earlier run)
--quick: sizes 1,000 and 5,000 and 2-second runs, for a smoke run (a minute or two).
bench/install-bench-deps.sh installs wrk and nginx; the script builds the loadgen target when it is missing.
"""
import argparse
import http.client
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

from bench_common import HEADERS, LOCALEC2, ROOT, Server

BATCH = 10
GROUP = 100  # instances per tag:group value: the tag filter row matches this many
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

GOALS = {  # row: (text, check(localec2 value at size, nginx row, size, one-client rate))
    "regions_rps_8": "≥ 0.5× nginx",
    "regions_p99_64": "≤ 5 ms",
    "run_1_rate": "≥ 10,000 inst/s",
    "run_8_rate": "≥ 1.5× 1 client",
    "run_8_p99": "≤ 20 ms",
    "page_p50": "≤ 1.5 ms",
    "tag_p99": "≤ 2 ms",
    "hwm_mib": "≤ 60 MiB @10k",
    "restart_s": "≤ 0.5 s @10k, ≤ 1 s @100k",
}


def goal_met(row, value, nginx, size, one_client):
    if value is None:
        return None
    if row == "regions_rps_8":
        return value >= 0.5 * nginx if nginx else None
    if row == "run_8_rate":
        return value >= 1.5 * one_client if one_client else None
    if row == "restart_s":
        return value <= (0.5 if size <= 10000 else 1.0)
    if row == "hwm_mib":
        return value <= 60 if size <= 10000 else None  # the issue sets no memory goal beyond 10,000
    limit = {"regions_p99_64": 5, "run_1_rate": 10000, "run_8_p99": 20, "page_p50": 1.5, "tag_p99": 2}[row]
    return value >= limit if row == "run_1_rate" else value <= limit


def raw_request(port, action, params=None):
    body = urllib.parse.urlencode({"Action": action, "Version": "2016-11-15", **(params or {})}).encode()
    head = f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
    return head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body


class LoadGen:
    def __init__(self, binary, work_dir):
        self.binary, self.work_dir, self.count = binary, work_dir, 0

    def run(self, port, requests=None, connections=1, threads=1, seconds=None, count=None, once=False):
        """Runs the loadgen over `requests` (raw bytes; DescribeRegions if None); returns its JSON plus the
        loadgen's own CPU seconds (user + system) as `client_cpu_s`."""
        cmd = [self.binary, "--port", str(port), "--connections", str(connections), "--threads", str(threads)]
        if requests is None:
            cmd.append("--describe-regions")
        else:
            self.count += 1
            path = os.path.join(self.work_dir, f"requests-{self.count}.http")
            with open(path, "wb") as f:
                f.write(b"".join(requests))
            cmd += ["--requests-file", path]
        if once:
            cmd.append("--once")
        elif seconds is not None:
            cmd += ["--duration", str(seconds)]
        else:
            cmd += ["--requests", str(count)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(cmd, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.returncode != 0:
            raise RuntimeError(f"loadgen failed: {out.stderr.strip()}")
        result = json.loads(out.stdout)
        result["client_cpu_s"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3)
        return result


def ok(result, what):
    if result["non_2xx"] or result["errors"]:
        raise RuntimeError(f"{what}: {result['non_2xx']} non-2xx answers, {result['errors']} connection errors: "
                           f"{result['statuses']}")
    return result


def memory(pid):
    """VmRSS and VmHWM of a process in MiB."""
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    kib = {k: int(re.search(rf"^{k}:\s+(\d+) kB", status, re.M).group(1)) for k in ("VmRSS", "VmHWM")}
    return round(kib["VmRSS"] / 1024, 1), round(kib["VmHWM"] / 1024, 1)


def check_body(server, action, **params):
    # A fresh connection: the server closes one left idle during a long load.
    server.conn.close()
    server.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=server.timeout)
    status, body = server.call(action, **params)
    if status != 200:
        raise RuntimeError(f"{server.name} {action} answered {status}: {body[:300]!r}")
    return body


def first_image(server):
    body = check_body(server, "DescribeImages", **{"Owner.1": "amazon"})
    return re.search(rb"<imageId>([^<]+)</imageId>", body).group(1).decode()


def launch_subnets(server, size):
    """Subnets with room for `size` instances: the default VPC's six /20 subnets hold ~24,500 addresses, so
    the instances go to VPCs 10.N.0.0/16, each one subnet as large as the VPC (65,531 addresses)."""
    subnets = []
    for n in range(-(-size // 60000)):
        vpc = re.search(rb"<vpcId>(vpc-[0-9a-f]+)</vpcId>",
                        check_body(server, "CreateVpc", CidrBlock=f"10.{n}.0.0/16")).group(1).decode()
        subnets.append(re.search(rb"<subnetId>(subnet-[0-9a-f]+)</subnetId>", check_body(
            server, "CreateSubnet", VpcId=vpc, CidrBlock=f"10.{n}.0.0/16")).group(1).decode())
    return subnets


def run_instances(port, image, first_instance, count, subnets):
    """One RunInstances of `count` instances starting at instance number `first_instance` (for the tags and the
    subnet, round robin over `subnets`)."""
    return raw_request(port, "RunInstances", {
        "ImageId": image, "MinCount": count, "MaxCount": count, "InstanceType": "t3.micro",
        "SubnetId": subnets[first_instance // BATCH % len(subnets)],
        "TagSpecification.1.ResourceType": "instance",
        "TagSpecification.1.Tag.1.Key": "batch", "TagSpecification.1.Tag.1.Value": f"b{first_instance // BATCH}",
        "TagSpecification.1.Tag.2.Key": "group", "TagSpecification.1.Tag.2.Value": f"g{first_instance // GROUP}"})


def launch_row(result, instances_per_request=BATCH):
    good = result["requests"] - result["non_2xx"]
    return {"instances_per_s": round(good / result["seconds"] * instances_per_request, 1),
            "non_2xx": result["non_2xx"],
            "p50_ms": result["latency_ms"]["p50"], "p99_ms": result["latency_ms"]["p99"],
            "batches": result["requests"], "client_cpu_s": result["client_cpu_s"]}


def regions_rows(loadgen, port, seconds):
    eight = ok(loadgen.run(port, connections=8, threads=2, seconds=seconds), "DescribeRegions 8")
    sixty_four = ok(loadgen.run(port, connections=64, threads=2, seconds=seconds), "DescribeRegions 64")
    return {"regions_8": eight, "regions_64": sixty_four,
            "regions_rps_8": eight["requests_per_second"], "regions_p99_64": sixty_four["latency_ms"]["p99"]}


def count_instances(body):
    return len(re.findall(rb"<instanceId>i-", body))


def describe_rows(loadgen, server, size, seconds=None, count=None):
    groups = size // GROUP
    tag_requests = [raw_request(server.port, "DescribeInstances", {
        "Filter.1.Name": "tag:group", "Filter.1.Value.1": f"g{(i * 37) % groups}"}) for i in range(100)]
    page = check_body(server, "DescribeInstances", MaxResults=100)
    tagged = check_body(server, "DescribeInstances", **{"Filter.1.Name": "tag:group", "Filter.1.Value.1": "g0"})
    page_run = ok(loadgen.run(server.port, [raw_request(server.port, "DescribeInstances", {"MaxResults": 100})],
                              seconds=seconds, count=count), "DescribeInstances page")
    tag_run = ok(loadgen.run(server.port, tag_requests, seconds=seconds, count=count), "DescribeInstances tag")
    return {"page": page_run, "page_items": count_instances(page), "page_p50": page_run["latency_ms"]["p50"],
            "page_p99": page_run["latency_ms"]["p99"],
            "tag": tag_run, "tag_items": count_instances(tagged), "tag_p50": tag_run["latency_ms"]["p50"],
            "tag_p99": tag_run["latency_ms"]["p99"]}


def measure_localec2(args, loadgen, size, nginx=None):
    row = {"size": size}
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as data_dir:
        server = Server("localec2", data_dir, timeout=600, binary=args.localec2)
        server.start()
        row.update(regions_rows(loadgen, server.port, args.seconds))
        if nginx:
            row.update(interleaved(loadgen, nginx.port, server.port, args.seconds / 2))
        image, subnets = first_image(server), launch_subnets(server, size)
        batches = [run_instances(server.port, image, b * BATCH, BATCH, subnets) for b in range(size // BATCH)]
        third = len(batches) // 3
        begin = time.perf_counter()
        one = ok(loadgen.run(server.port, batches[:third], connections=1, once=True), "RunInstances 1 client")
        eight = ok(loadgen.run(server.port, batches[third:], connections=8, once=True), "RunInstances 8 clients")
        row["populate_s"] = round(time.perf_counter() - begin, 2)
        row["run_1"], row["run_8"] = launch_row(one), launch_row(eight)
        row["run_1_rate"], row["run_8_rate"] = row["run_1"]["instances_per_s"], row["run_8"]["instances_per_s"]
        row["run_1_p50"], row["run_1_p99"] = row["run_1"]["p50_ms"], row["run_1"]["p99_ms"]
        row["run_8_p50"], row["run_8_p99"] = row["run_8"]["p50_ms"], row["run_8"]["p99_ms"]
        row["rss_mib"], row["hwm_mib"] = memory(server.proc.pid)
        row.update(describe_rows(loadgen, server, size, seconds=args.seconds))
        restarts = []
        for _ in range(3):
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait()
            server.conn.close()
            server = Server("localec2", data_dir, timeout=600, binary=args.localec2)
            restarts.append(server.start())
        row["restarts_s"] = [round(r, 3) for r in restarts]
        row["restart_s"] = round(statistics.median(restarts), 3)
        row["rss_after_restart_mib"], row["hwm_after_restart_mib"] = memory(server.proc.pid)
        server.stop()
    return row


def measure_moto(args, loadgen, size):
    row = {"size": size}
    server = Server("moto", None, timeout=1800)
    server.start()
    try:
        row.update(regions_rows(loadgen, server.port, args.seconds))
        image, subnets = first_image(server), launch_subnets(server, size)
        one_batches = min(args.moto_batches, size // BATCH // 10)
        eight_batches = min(args.moto_batches * 4, size // BATCH // 10 * 4)
        batches = [run_instances(server.port, image, b * BATCH, BATCH, subnets)
                   for b in range(one_batches + eight_batches)]
        one = ok(loadgen.run(server.port, batches[:one_batches], connections=1, once=True), "moto RunInstances 1")
        # moto sometimes answers 500 to concurrent RunInstances: counted (run_8.non_2xx), not fatal
        eight = loadgen.run(server.port, batches[one_batches:], connections=8, once=True)
        row["run_1"], row["run_8"] = launch_row(one), launch_row(eight)
        row["run_1_rate"], row["run_8_rate"] = row["run_1"]["instances_per_s"], row["run_8"]["instances_per_s"]
        row["run_1_p50"], row["run_1_p99"] = row["run_1"]["p50_ms"], row["run_1"]["p99_ms"]
        row["run_8_p50"], row["run_8_p99"] = row["run_8"]["p50_ms"], row["run_8"]["p99_ms"]
        done = BATCH * (one_batches + eight_batches)
        begin = time.perf_counter()
        rest = [run_instances(server.port, image, first, GROUP, subnets) for first in range(done, size, GROUP)]
        if rest:  # one connection: moto answers some concurrent RunInstances with 500
            fill = loadgen.run(server.port, rest, connections=1, once=True)
            row["fill_non_2xx"] = fill["non_2xx"]
        row["populate_rest_s"] = round(time.perf_counter() - begin, 2)
        row["rss_mib"], row["hwm_mib"] = memory(server.proc.pid)
        row.update(describe_rows(loadgen, server, size, count=args.moto_calls))
    finally:
        server.stop()
    return row


class Nginx:
    """nginx serving `body` to any POST / with localec2's content type and a request-id header of the same
    length, on a free loopback port, with its own temporary config (never the system service)."""

    def __init__(self, work_dir, body):
        from bench_common import free_port
        self.dir = os.path.join(work_dir, "nginx")
        os.makedirs(os.path.join(self.dir, "www"))
        with open(os.path.join(self.dir, "www", "answer.xml"), "wb") as f:
            f.write(body)
        self.port = free_port()
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""daemon off;
worker_processes auto;
user root;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {self.dir}/body;
  proxy_temp_path {self.dir}/proxy;
  fastcgi_temp_path {self.dir}/fastcgi;
  uwsgi_temp_path {self.dir}/uwsgi;
  scgi_temp_path {self.dir}/scgi;
  keepalive_requests 100000000;
  server_tokens off;
  etag off;
  server {{
    listen 127.0.0.1:{self.port};
    root {self.dir}/www;
    location / {{
      default_type "text/xml;charset=UTF-8";
      add_header x-amzn-RequestId 00000000-0000-0000-0000-000000000000;
      try_files /answer.xml =404;
      error_page 405 =200 $uri;  # the static module refuses POST; answer the file all the same
    }}
  }}
}}
""")
        self.proc = subprocess.Popen([NGINX, "-p", self.dir, "-c", conf, "-e", f"{self.dir}/error.log"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import socket
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("nginx did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def wrk_rps(port, seconds, connections):
    script = os.path.join(ROOT, "bench", "describe_regions.lua")
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "-s", script,
                          f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def measure_nginx(args, loadgen, work_dir):
    """Captures localec2's DescribeRegions answer body, serves it from nginx, measures the regions rows."""
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as data_dir:
        server = Server("localec2", data_dir, binary=args.localec2)
        server.start()
        body = check_body(server, "DescribeRegions")
        server.stop()
    nginx = Nginx(work_dir, body)
    try:
        row = regions_rows(loadgen, nginx.port, args.seconds)
        row["body_bytes"] = len(body)
        row["wrk_rps_8"] = wrk_rps(nginx.port, args.seconds, 8) if shutil.which("wrk") else None
        eight = row["regions_8"]
        row["loadgen_cpu_share"] = round(eight["client_cpu_s"] / eight["seconds"], 2)
    except BaseException:
        nginx.stop()
        raise
    return row, nginx  # left running for the interleaved rounds; the caller stops it


def interleaved(loadgen, nginx_port, port, seconds, rounds=3):
    """DescribeRegions over 8 connections, nginx and localec2 in alternating rounds: on a machine shared with
    other work a single run of each swings by 2x; the medians of alternating rounds compare like with like."""
    mine, theirs = [], []
    for _ in range(rounds):
        theirs.append(ok(loadgen.run(nginx_port, connections=8, threads=2, seconds=seconds), "nginx")[
            "requests_per_second"])
        mine.append(ok(loadgen.run(port, connections=8, threads=2, seconds=seconds), "DescribeRegions")[
            "requests_per_second"])
    return {"regions_rps_8_interleaved": statistics.median(mine), "nginx_rps_8_interleaved": statistics.median(theirs),
            "interleaved_rounds": {"localec2": mine, "nginx": theirs}}


ROWS = [  # key, label, unit, format
    ("regions_rps_8", "DescribeRegions req/s, 8 conns", "req/s", "{:.0f}"),
    ("regions_rps_8_interleaved", "  same, interleaved with nginx", "req/s", "{:.0f}"),
    ("regions_p99_64", "DescribeRegions p99, 64 conns", "ms", "{:.2f}"),
    ("run_1_rate", "RunInstances x10, 1 client", "inst/s", "{:.0f}"),
    ("run_1_p50", "  p50 a batch, 1 client", "ms", "{:.2f}"),
    ("run_1_p99", "  p99 a batch, 1 client", "ms", "{:.2f}"),
    ("run_8_rate", "RunInstances x10, 8 clients", "inst/s", "{:.0f}"),
    ("run_8_p50", "  p50 a batch, 8 clients", "ms", "{:.2f}"),
    ("run_8_p99", "  p99 a batch, 8 clients", "ms", "{:.2f}"),
    ("page_p50", "DescribeInstances page 100 p50", "ms", "{:.2f}"),
    ("page_p99", "DescribeInstances page 100 p99", "ms", "{:.2f}"),
    ("tag_p50", "tag filter, 100 of N match p50", "ms", "{:.2f}"),
    ("tag_p99", "tag filter, 100 of N match p99", "ms", "{:.2f}"),
    ("rss_mib", "memory: RSS after N", "MiB", "{:.1f}"),
    ("hwm_mib", "memory: peak (VmHWM) after N", "MiB", "{:.1f}"),
    ("rss_after_restart_mib", "memory: RSS after restart", "MiB", "{:.1f}"),
    ("restart_s", "restart to first answer", "s", "{:.3f}"),
]


def cell(row, key, fmt):
    value = row.get(key) if row else None
    return "-" if value is None else fmt.format(value)


def print_table(results, sizes):
    nginx, moto = results.get("nginx"), results.get("moto")
    local = {size: results["localec2"][str(size)] for size in sizes}
    columns = ["nginx"] + ([f"moto@{moto['size']}"] if moto else []) + [f"localec2@{s}" for s in sizes]
    header = f"{'row':<33} {'unit':<6}" + "".join(f"{c:>16}" for c in columns)
    header += f" {'l/nginx':>8} {'l/moto':>8}  {'goal':<26} " + " ".join(f"{'@' + str(s):>7}" for s in sizes)
    print(header)
    first = local[sizes[0]]
    if nginx and "nginx_rps_8_interleaved" in first:  # nginx's median over the rounds beside the first size
        nginx = {**nginx, "regions_rps_8_interleaved": first["nginx_rps_8_interleaved"]}
    for key, label, unit, fmt in ROWS:
        values = [cell(nginx, key, fmt)] + ([cell(moto, key, fmt)] if moto else [])
        values += [cell(local[s], key, fmt) for s in sizes]
        line = f"{label:<33} {unit:<6}" + "".join(f"{v:>16}" for v in values)
        mine = first.get(key)
        ratio_nginx = f"{mine / nginx[key]:.2f}x" if nginx and nginx.get(key) and mine is not None else "-"
        moto_value = moto.get(key) if moto else None
        ratio_moto = f"{mine / moto_value:.3g}x" if moto_value and mine is not None else "-"
        base = key if key in GOALS else ("regions_rps_8" if key == "regions_rps_8_interleaved" else None)
        goal = GOALS.get(base, "")
        marks = []
        for s in sizes:
            limit = nginx.get("regions_rps_8") if nginx else None
            if key == "regions_rps_8_interleaved":
                limit = local[s].get("nginx_rps_8_interleaved")
            met = goal_met(base, local[s].get(key), limit, s, local[s].get("run_1_rate")) if base else None
            marks.append("-" if met is None else ("yes" if met else "NO"))
        line += f" {ratio_nginx:>8} {ratio_moto:>8}  {goal:<26} " + " ".join(f"{m:>7}" for m in marks)
        print(line)
    print(f"ratios use localec2@{sizes[0]} (moto's size); for latencies and memory < 1x means localec2 is lower.")
    for s in sizes:
        rounds = local[s].get("interleaved_rounds")
        if rounds:
            print(f"interleaved @{s}: nginx {[round(r) for r in rounds['nginx']]}, localec2 "
                  f"{[round(r) for r in rounds['localec2']]} req/s (medians in the table)")
    if nginx:
        print(f"loadgen ceiling: {nginx['regions_rps_8']:.0f} req/s against nginx over 8 connections, using "
              f"{nginx['loadgen_cpu_share']:.2f} cores (wrk -t2 -c8 against the same nginx: "
              f"{nginx['wrk_rps_8'] or 0:.0f} req/s)")
    for s in sizes:
        r = local[s]
        print(f"localec2@{s}: populated in {r['populate_s']} s; page answers {r['page_items']} instances, "
              f"tag filter {r['tag_items']}; restarts {r['restarts_s']} s")
    if moto:
        print(f"moto@{moto['size']}: {moto['run_1']['batches']} + {moto['run_8']['batches']} measured batches, "
              f"({moto['run_8']['non_2xx']} answered 500), "
              f"filled the rest in {moto['populate_rest_s']} s; {moto['page']['requests']} calls a describe row; "
              f"page answers {moto['page_items']} instances, tag filter {moto['tag_items']}")


def find_loadgen(path):
    if path:
        return path
    build = os.path.join(os.path.dirname(os.path.dirname(LOCALEC2)))
    candidate = os.path.join(build, "bench", "loadgen", "localec2_loadgen")
    if not os.path.exists(candidate):
        subprocess.run(["cmake", "--build", build, "--target", "localec2_loadgen"], check=True,
                       stdout=subprocess.DEVNULL)
    return candidate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1,000 and 5,000, 2-second runs")
    parser.add_argument("--sizes", help="instance counts for localec2 (default 10000,100000); moto gets the first")
    parser.add_argument("--seconds", type=float, help="seconds a timed run (default 5, 2 with --quick)")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--no-moto", action="store_true")
    parser.add_argument("--no-nginx", action="store_true")
    parser.add_argument("--moto-calls", type=int, default=1, help="calls per DescribeInstances row for moto")
    parser.add_argument("--moto-batches", type=int, default=20,
                        help="batches of 10 moto runs with 1 client (4x this many with 8 clients)")
    parser.add_argument("--localec2", default=LOCALEC2)
    parser.add_argument("--loadgen")
    parser.add_argument("--print", metavar="JSON", help="only print the table of an earlier run's --json file")
    args = parser.parse_args()
    if args.print:
        with open(args.print) as f:
            results = json.load(f)
        print_table(results, results["sizes"])
        return
    sizes = [int(s) for s in (args.sizes or ("1000,5000" if args.quick else "10000,100000")).split(",")]
    if any(s % GROUP for s in sizes):
        sys.exit(f"sizes must be multiples of {GROUP}")
    args.seconds = args.seconds or (2 if args.quick else 5)
    if not os.path.exists(args.localec2):
        sys.exit(f"no localec2 at {args.localec2}: build first (or --localec2 PATH)")
    if not args.no_nginx and not os.path.exists(NGINX):
        sys.exit("nginx is not installed: bench/install-bench-deps.sh")
    if not args.no_moto and shutil.which("moto_server") is None:
        sys.exit("moto_server is not installed: bench/install-bench-deps.sh")

    results = {"machine": {"cores": os.cpu_count(), "load_before": os.getloadavg()}, "sizes": sizes,
               "seconds": args.seconds, "localec2": {}}
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as work_dir:
        loadgen = LoadGen(find_loadgen(args.loadgen), work_dir)
        began = time.perf_counter()
        nginx = None
        if not args.no_nginx:
            print("nginx ...", file=sys.stderr, flush=True)
            results["nginx"], nginx = measure_nginx(args, loadgen, work_dir)
        try:
            for size in sizes:
                print(f"localec2 @{size} ...", file=sys.stderr, flush=True)
                results["localec2"][str(size)] = measure_localec2(args, loadgen, size, nginx)
        finally:
            if nginx:
                nginx.stop()
        if not args.no_moto:
            print(f"moto @{sizes[0]} ...", file=sys.stderr, flush=True)
            try:
                results["moto"] = measure_moto(args, loadgen, sizes[0])
            except (RuntimeError, OSError) as e:  # the peer failing must not lose localec2's figures
                print(f"moto failed: {e}", file=sys.stderr)
                results["moto_error"] = str(e)
        results["total_s"] = round(time.perf_counter() - began, 1)
    results["machine"]["load_after"] = os.getloadavg()
    print_table(results, sizes)
    print(f"{os.cpu_count()} cores; load average before {results['machine']['load_before'][0]:.2f}, after "
          f"{results['machine']['load_after'][0]:.2f}; whole run {results['total_s']} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
