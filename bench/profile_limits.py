#!/usr/bin/env python3
"""Profiles localec2 under the loads of bench_limits.py with `perf record --call-graph dwarf`, and says where
the server's CPU time goes: per scenario, the share of its samples in each stage of a request (HTTP, form
decoding, input parsing, the model, building the output tree, XML serialization, the log line, SQLite, fsync,
malloc/free, locks, kernel networking...) and the top symbols by self time. Writes one perf.data per scenario
and a JSON summary into --out, and prints the summary as Markdown (docs/performance.md quotes it).

Scenarios: regions (DescribeRegions, 8 connections), regions-log (the same with the request log on),
run1 / run8 (RunInstances batches of 10, durable, 1 and 8 clients), page / tag (DescribeInstances MaxResults=100,
and a tag filter matching 100, at --size instances), restart (start-up of a data dir of --size instances, and
of --big-size instances unless --no-big).
Usage: bench/profile_limits.py [--localec2 PATH] [--loadgen PATH] [--seconds 8] [--size 10000]
                               [--big-size 100000] [--no-big] [--only regions,run1,...] [--out DIR]
Build a binary with symbols first, e.g. -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS=-fno-omit-frame-pointer.
perf needs root or kernel.perf_event_paranoid <= 1 for kernel frames.
"""
import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from bench_common import LOCALEC2, free_port
from bench_limits import BATCH, GROUP, find_loadgen, first_image, launch_subnets, raw_request, run_instances

import http.client
import urllib.parse

# Stages, matched against a sample's frames from the leaf outwards: the first frame that matches names the
# stage. Leaf-only classes (malloc, locks) are checked first over the leaf's run of libc/kernel frames.
LEAF_CLASSES = [
    ("malloc/free", re.compile(r"^(malloc|free|cfree|realloc|calloc|_int_malloc|_int_free|_int_realloc|"
                               r"malloc_consolidate|tcache_|unlink_chunk|operator new|operator delete|"
                               r"__libc_malloc|__libc_free|__libc_calloc|__libc_realloc|sysmalloc|"
                               r"alloc_perturb|__default_morecore|sbrk|__brk)")),
    ("locks", re.compile(r"pthread_mutex|__lll_lock|__lll_unlock|futex|lll_mutex|pthread_cond|"
                         r"std::mutex|__pthread_mutex")),
]
STAGES = [  # matched from the symbol's start: template arguments name other namespaces
    ("SQLite fsync", re.compile(r".*(fsync|fdatasync|unixSync)")),
    ("SQLite", re.compile(r"sqlite3|SQLite::|localec2::storage::SqliteStore")),
    ("record JSON encode/decode (storage)", re.compile(r"localec2::storage::|localec2::model::(from_json|to_json)")),
    ("Record construction at load", re.compile(r"localec2::model::Record::Record")),
    ("XML serialization", re.compile(r"localec2::api::(SerializeOutput|SerializeError|AppendXml|"
                                     r"\(anonymous namespace\)::Writer::)")),
    ("input parsing", re.compile(r"localec2::api::(ParseInput|.*InputParser)")),
    ("request id", re.compile(r"localec2::api::NewRequestId")),
    ("the log line", re.compile(r"localec2::server::HttpServer::Impl::Log|.*vfprintf|_IO_|fwrite")),
    ("action handler + output tree (nlohmann)", re.compile(r"localec2::api::(?!Dispatcher::Handle)|"
                                                           r"localec2::model::Result<nlohmann")),
    ("form decoding", re.compile(r"localec2::wire::")),
    ("the model", re.compile(r"localec2::model::")),
    ("dispatch", re.compile(r"localec2::api::Dispatcher::Handle")),
    ("server glue (router, config)", re.compile(r"localec2::server::|localec2::control::")),
    ("HTTP parse/write (Beast)", re.compile(r"boost::beast::")),
    ("network I/O (Asio + kernel)", re.compile(r"boost::asio::|.*epoll|__x64_sys_(sendmsg|recvmsg|read|write|"
                                               r"sendto|recvfrom|writev)|tcp_|sock_")),
]


def classify(frames):
    """frames: [(symbol, dso)] from the leaf outwards. Returns (class, stage): the leaf class (malloc/free,
    locks) or the stage, and the stage the sample's code belongs to (who called malloc)."""
    stage = stage_of(frames)
    for symbol, dso in frames:
        if not (dso.startswith("[kernel") or "libc.so" in dso or "libstdc++" in dso or "ld-linux" in dso):
            break
        for name, pattern in LEAF_CLASSES:
            if pattern.search(symbol):
                return name, stage
    return stage, stage


def stage_of(frames):
    for symbol, _ in frames:
        for name, pattern in STAGES:
            if pattern.match(symbol):
                return name
    leaf_symbol, leaf_dso = frames[0] if frames else ("", "")
    if leaf_dso.startswith("[kernel"):
        return "kernel (other)"
    if "nlohmann" in leaf_symbol:
        return "nlohmann (other)"
    return "other"


def read_samples(perf_data):
    """Yields (period, [(symbol, dso)]) for each sample of perf_data."""
    out = subprocess.run(["perf", "script", "-i", perf_data, "-F", "comm,tid,period,ip,sym,dso"],
                         capture_output=True, text=True, errors="replace").stdout
    period, frames = None, []
    for line in out.splitlines():
        if not line.strip():
            if period is not None:
                yield period, frames
            period, frames = None, []
        elif line[0] not in " \t":
            parts = line.split()
            period, frames = int(parts[-1]) if parts[-1].isdigit() else 1, []
        else:
            m = re.match(r"\s*[0-9a-f]+ (.*) \(([^()]*)\)$", line)
            if m:
                frames.append((re.sub(r"\+0x[0-9a-f]+$", "", m.group(1)), m.group(2)))
    if period is not None:
        yield period, frames


def short(symbol, width=110):
    """Drops template arguments (innermost first) and parameter lists until the symbol fits."""
    symbol = symbol.replace("json_abi_v3_11_2::", "")
    while len(symbol.replace("\0", "<>")) > width and re.search(r"<[^<>]*>", symbol):
        symbol = re.sub(r"<[^<>]*>", "\0", symbol)
    symbol = symbol.replace("\0", "<>")
    if len(symbol) > width:
        symbol = re.sub(r"\([^()]*\)( const)?$", "()", symbol)
    return symbol if len(symbol) <= width else symbol[:width - 3] + "..."


def summarize(perf_data, top=15):
    """Stage shares and top self symbols, in % of the sampled server CPU (weighted by period)."""
    stages, selfs, total, kernel = collections.Counter(), collections.Counter(), 0, 0
    malloc_by_stage = collections.Counter()
    for period, frames in read_samples(perf_data):
        total += period
        kernel += period if frames and frames[0][1].startswith("[kernel") else 0
        kind, stage = classify(frames)
        stages[kind] += period
        if kind == "malloc/free":
            malloc_by_stage[stage] += period
        leaf = frames[0] if frames else ("[unknown]", "")
        selfs[(leaf[0], os.path.basename(leaf[1]))] += period
    pct = lambda v: round(100.0 * v / total, 1) if total else 0.0
    return {"samples_ms": round(total / 1e6, 1), "kernel_pct": pct(kernel),
            "stages": [(name, pct(v)) for name, v in stages.most_common()],
            "malloc_by_stage": [(name, pct(v)) for name, v in malloc_by_stage.most_common() if pct(v) >= 0.5],
            "top": [(short(sym), dso, pct(v)) for (sym, dso), v in selfs.most_common(top)]}


class Localec2:
    def __init__(self, binary, data_dir, log=False):
        self.port = free_port()
        cmd = [binary, "--port", str(self.port), "--data-dir", data_dir] + ([] if log else ["--quiet"])
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_answer(self.port, self.proc)

    timeout = 600
    conn = http.client.HTTPConnection("127.0.0.1", 0)  # bench_limits.check_body opens a fresh one per call

    def call(self, action, **params):
        conn = self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        conn.request("POST", "/", urllib.parse.urlencode({"Action": action, "Version": "2016-11-15", **params}),
                     {"Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        status, body = response.status, response.read()
        conn.close()
        return status, body

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def wait_answer(port, proc):
    begin = time.perf_counter()
    while time.perf_counter() - begin < 120:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", "/", "Action=DescribeRegions&Version=2016-11-15",
                         {"Content-Type": "application/x-www-form-urlencoded"})
            if conn.getresponse().status == 200:
                return time.perf_counter() - begin
        except OSError:
            time.sleep(0.001)
        if proc.poll() is not None:
            raise RuntimeError(f"exited with {proc.returncode}")
    raise RuntimeError("no answer within 120 s")


def loadgen_cmd(args, port, path=None, connections=1, threads=1, seconds=None, once=False):
    cmd = [args.loadgen, "--port", str(port), "--connections", str(connections), "--threads", str(threads)]
    cmd += ["--describe-regions"] if path is None else ["--requests-file", path]
    cmd += ["--once"] if once else ["--duration", str(seconds)]
    return cmd


def write_requests(work, name, requests):
    path = os.path.join(work, name + ".http")
    with open(path, "wb") as f:
        f.write(b"".join(requests))
    return path


def record_under_load(args, name, server, load_cmd):
    """perf record on the server's pid for args.seconds while load_cmd runs (started first, outlasting it)."""
    data = os.path.join(args.out, f"{name}.perf.data")
    load = subprocess.Popen(load_cmd, stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    subprocess.run(["perf", "record", "-F", str(args.frequency), "--call-graph", "dwarf,16384", "-p",
                    str(server.proc.pid), "-o", data, "--", "sleep", str(args.seconds)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    result = json.loads(load.communicate()[0])
    return data, result


def populate(args, server, work, size):
    image, subnets = first_image(server), launch_subnets(server, size)
    batches = [run_instances(server.port, image, b * BATCH, BATCH, subnets) for b in range(size // BATCH)]
    path = write_requests(work, f"populate-{size}", batches)
    out = subprocess.run(loadgen_cmd(args, server.port, path, connections=8, once=True), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def record_restart(args, name, data_dir):
    data = os.path.join(args.out, f"{name}.perf.data")
    port = free_port()
    perf = subprocess.Popen(["perf", "record", "-F", str(args.frequency), "--call-graph", "dwarf,16384", "-o", data,
                             "--", args.localec2, "--port", str(port), "--data-dir", data_dir, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = wait_answer(port, perf)
    children = open(f"/proc/{perf.pid}/task/{perf.pid}/children").read().split()
    for child in children:
        os.kill(int(child), signal.SIGTERM)
    perf.wait()
    return data, {"first_answer_s": round(seconds, 3), "note": "under perf: slower than without"}


def print_summary(profiles):
    for name, p in profiles.items():
        load = p["load"]
        rate = (f"{load['requests_per_second']:.0f} req/s, p50 {load['latency_ms']['p50']} ms under perf"
                if "requests_per_second" in load else f"first answer after {load['first_answer_s']} s under perf")
        print(f"\n### {name} ({p['samples_ms']:.0f} ms of server CPU sampled, {p['kernel_pct']}% of it in the "
              f"kernel; {rate})\n")
        print("| stage | % of server CPU |\n|---|---|")
        for stage, share in p["stages"]:
            print(f"| {stage} | {share} |")
        if p.get("malloc_by_stage"):
            print("\nmalloc/free by the stage that called it: " +
                  ", ".join(f"{stage} {share}" for stage, share in p["malloc_by_stage"]))
        print("\n| top symbols (self) | dso | % |\n|---|---|---|")
        for sym, dso, share in p["top"]:
            print(f"| `{sym.replace('|', '/')}` | {dso} | {share} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--localec2", default=LOCALEC2)
    parser.add_argument("--loadgen")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--frequency", type=int, default=499)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--big-size", type=int, default=100000)
    parser.add_argument("--no-big", action="store_true")
    parser.add_argument("--only", help="comma-separated scenarios")
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "localec2-profile"))
    parser.add_argument("--summarize", help="only print the summary of the perf.data files in this directory")
    args = parser.parse_args()
    if args.summarize:  # re-read recorded profiles (e.g. after changing the stage patterns)
        with open(os.path.join(args.summarize, "summary.json")) as f:
            profiles = json.load(f)
        for name in profiles:
            profiles[name].update(summarize(os.path.join(args.summarize, f"{name}.perf.data")))
        print_summary(profiles)
        return
    args.loadgen = find_loadgen(args.loadgen)
    only = set(args.only.split(",")) if args.only else None
    want = lambda name: only is None or name in only
    os.makedirs(args.out, exist_ok=True)
    profiles = {}
    work = tempfile.mkdtemp(prefix="profile-")

    def profile(name, data, result):
        print(f"{name}: summarizing {data} ...", file=sys.stderr, flush=True)
        profiles[name] = {"load": result, **summarize(data)}

    for log in (False, True):
        name = "regions-log" if log else "regions"
        if want(name):
            with tempfile.TemporaryDirectory() as d:
                server = Localec2(args.localec2, d, log=log)
                cmd = loadgen_cmd(args, server.port, connections=8, threads=2, seconds=args.seconds + 1.5)
                profile(name, *record_under_load(args, name, server, cmd))
                server.stop()
    for clients in (1, 8):
        name = f"run{clients}"
        if want(name):
            with tempfile.TemporaryDirectory() as d:
                server = Localec2(args.localec2, d)
                image, subnets = first_image(server), launch_subnets(server, 200000)
                batches = [run_instances(server.port, image, b * BATCH, BATCH, subnets) for b in range(20000)]
                path = write_requests(work, name, batches)
                cmd = loadgen_cmd(args, server.port, path, connections=clients, seconds=args.seconds + 1.5)
                profile(name, *record_under_load(args, name, server, cmd))
                server.stop()
    sizes = [args.size] + ([] if args.no_big else [args.big_size])
    for size in sizes:
        if not any(want(n) for n in (f"page", "tag", f"restart{size}")):
            continue
        data_dir = tempfile.mkdtemp(prefix=f"profile-data-{size}-")
        server = Localec2(args.localec2, data_dir)
        print(f"populating {size} ...", file=sys.stderr, flush=True)
        populate(args, server, work, size)
        if size == args.size:
            if want("page"):
                path = write_requests(work, "page", [raw_request(server.port, "DescribeInstances",
                                                                 {"MaxResults": 100})])
                profile("page", *record_under_load(args, "page", server,
                                                   loadgen_cmd(args, server.port, path,
                                                               seconds=args.seconds + 1.5)))
            if want("tag"):
                path = write_requests(work, "tag", [raw_request(server.port, "DescribeInstances", {
                    "Filter.1.Name": "tag:group", "Filter.1.Value.1": f"g{(i * 37) % (size // GROUP)}"})
                    for i in range(100)])
                profile("tag", *record_under_load(args, "tag", server,
                                                  loadgen_cmd(args, server.port, path, seconds=args.seconds + 1.5)))
        server.kill()
        if want(f"restart{size}"):
            profile(f"restart{size}", *record_restart(args, f"restart{size}", data_dir))
        subprocess.run(["rm", "-rf", data_dir])

    summary = os.path.join(args.out, "summary.json")
    if only and os.path.exists(summary):  # keep the scenarios recorded by an earlier run
        with open(summary) as f:
            profiles = {**json.load(f), **profiles}
    with open(summary, "w") as f:
        json.dump(profiles, f, indent=1)
    print_summary(profiles)

if __name__ == "__main__":
    main()
