#!/usr/bin/env python3
"""Network benchmark: localec2 against moto_server, same machine, same run.

Per server: CreateVpc 10.0.0.0/16, --subnets subnets 10.0.N.0/24 (all in us-east-1a), then --instances
instances spread evenly over the subnets by RunInstances in batches of 10 (round robin over the subnets;
reports instances launched per second). Then, over one keep-alive connection, p50/p99 of:
  DescribeInstances filtered by subnet-id (one subnet per call, varying),
  DescribeNetworkInterfaces first page (MaxResults=1000), filtered by subnet-id, and by one NetworkInterfaceId.
Each row also shows how many items the first answer held (a server that ignores a filter or MaxResults shows it
there: moto ignores MaxResults on DescribeNetworkInterfaces and answers every interface). A call that a server
answers with an error (HTTP != 200, e.g. NotImplemented) is shown as such in the table. moto answers filtered calls at 10,000 instances very slowly, so it gets --moto-calls calls per measurement.
Usage: bench/bench_network.py [--quick] [--instances 10000] [--subnets 50] [--calls 100] [--moto-calls 3]
                              [--localec2 PATH]   (or LOCALEC2_BIN=PATH)
--quick: 1,000 instances over 10 subnets, for a smoke run.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile
import time

from bench_common import LOCALEC2, Server, ms, percentiles

BATCH = 10


def check(server, action, **params):
    status, body = server.call(action, **params)
    if status != 200:
        raise RuntimeError(f"{server.name} {action} answered {status}: {body[:500]!r}")
    return body


def one(pattern, body, what):
    found = re.search(pattern, body)
    if not found:
        raise RuntimeError(f"no {what} in answer: {body[:500]!r}")
    return found.group(1).decode()


def setup(server, instances, subnet_count):
    """VPC, subnets, instances; returns (subnet ids, eni ids, instances per second)."""
    image = one(rb"<imageId>([^<]+)</imageId>", check(server, "DescribeImages", **{"Owner.1": "amazon"}), "imageId")
    vpc = one(rb"<vpcId>(vpc-[0-9a-f]+)</vpcId>", check(server, "CreateVpc", CidrBlock="10.0.0.0/16"), "vpcId")
    subnets = [one(rb"<subnetId>(subnet-[0-9a-f]+)</subnetId>",
                   check(server, "CreateSubnet", VpcId=vpc, CidrBlock=f"10.0.{n}.0/24",
                         AvailabilityZone="us-east-1a"), "subnetId")
               for n in range(subnet_count)]
    enis = []
    begin = time.perf_counter()
    for b in range(instances // BATCH):
        body = check(server, "RunInstances", ImageId=image, MinCount=BATCH, MaxCount=BATCH, InstanceType="t3.micro",
                     SubnetId=subnets[b % subnet_count])
        got = re.findall(rb"<networkInterfaceId>(eni-[0-9a-f]+)</networkInterfaceId>", body)
        if len(set(got)) != BATCH:
            raise RuntimeError(f"{server.name} RunInstances: {len(set(got))} network interface ids, not {BATCH}: "
                               f"{body[:500]!r}")
        enis += dict.fromkeys(g.decode() for g in got)
    return subnets, enis, instances / (time.perf_counter() - begin)


def error_text(status, body):
    code = re.search(rb"<Code>([^<]+)</Code>", body)
    return f"HTTP {status} {code.group(1).decode() if code else body[:60]!r}"


def measure(server, calls, action, params_for, count_pattern):
    """p50/p99 over calls calls, and the number of distinct items in the first answer; or an error string."""
    samples, count = [], None
    for i in range(calls):
        params = params_for(i)
        begin = time.perf_counter()
        status, body = server.call(action, **params)
        elapsed = time.perf_counter() - begin
        if status != 200:
            return {"error": error_text(status, body)}
        if count is None:
            count = len(set(re.findall(count_pattern, body)))
        samples.append(elapsed)
    p50, p99 = percentiles(samples)
    return {"p50": p50, "p99": p99, "count": count, "calls": calls}


def describe(server, subnets, enis, calls):
    instance_id = rb"<instanceId>(i-[0-9a-f]+)</instanceId>"
    eni_id = rb"<networkInterfaceId>(eni-[0-9a-f]+)</networkInterfaceId>"
    subnet = lambda i: subnets[(i * 7) % len(subnets)]  # noqa: E731
    return {
        "DescribeInstances subnet-id": measure(
            server, calls, "DescribeInstances",
            lambda i: {"Filter.1.Name": "subnet-id", "Filter.1.Value.1": subnet(i)}, instance_id),
        "DescribeNetworkInterfaces MaxResults=1000": measure(
            server, calls, "DescribeNetworkInterfaces", lambda i: {"MaxResults": 1000}, eni_id),
        "DescribeNetworkInterfaces subnet-id": measure(
            server, calls, "DescribeNetworkInterfaces",
            lambda i: {"Filter.1.Name": "subnet-id", "Filter.1.Value.1": subnet(i)}, eni_id),
        "DescribeNetworkInterfaces by id": measure(
            server, calls, "DescribeNetworkInterfaces",
            lambda i: {"NetworkInterfaceId.1": enis[i * 7919 % len(enis)]}, eni_id),
    }


def cell(result):
    if "error" in result:
        return result["error"]
    return f"{ms(result['p50'])} / {ms(result['p99'])}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 instances over 10 subnets")
    parser.add_argument("--instances", type=int, default=None, help="default 10000 (1000 with --quick)")
    parser.add_argument("--subnets", type=int, default=None, help="default 50 (10 with --quick)")
    parser.add_argument("--calls", type=int, default=100, help="calls per measurement for localec2")
    parser.add_argument("--moto-calls", type=int, default=3, help="calls per measurement for moto")
    parser.add_argument("--localec2", default=LOCALEC2, help="localec2 binary (default: $LOCALEC2_BIN or build/)")
    args = parser.parse_args()
    instances = args.instances or (1000 if args.quick else 10000)
    subnet_count = args.subnets or (10 if args.quick else 50)
    if instances % (BATCH * subnet_count):
        sys.exit(f"--instances must be a multiple of {BATCH} x --subnets ({BATCH * subnet_count})")
    if instances // subnet_count > 250:
        sys.exit(f"{instances // subnet_count} instances per subnet do not fit a /24 (251 usable addresses)")
    if subnet_count > 256:
        sys.exit("at most 256 /24 subnets fit 10.0.0.0/16")
    if shutil.which("moto_server") is None:
        sys.exit("moto_server is not installed (pip install 'moto[server]')")
    if not os.path.exists(args.localec2):
        sys.exit(f"{args.localec2} does not exist: build first (scripts/build.sh release) or set LOCALEC2_BIN")

    launch_rate, table = {}, {}
    for name in ("localec2", "moto"):
        with tempfile.TemporaryDirectory() as data_dir:
            server = Server(name, data_dir, timeout=1800, binary=args.localec2)
            try:
                server.start()
                subnets, enis, launch_rate[name] = setup(server, instances, subnet_count)
                print(f"{name}: {instances} instances over {subnet_count} subnets at {launch_rate[name]:.0f}/s",
                      file=sys.stderr, flush=True)
                table[name] = describe(server, subnets, enis, args.calls if name == "localec2" else args.moto_calls)
            finally:
                server.stop()

    print(f"{instances} instances, {instances // subnet_count} in each of {subnet_count} subnets of one VPC")
    print(f"RunInstances in batches of {BATCH} with SubnetId: instances per second")
    print(f"  localec2 {launch_rate['localec2']:>8.0f}   moto {launch_rate['moto']:>8.0f}   "
          f"ratio {launch_rate['localec2'] / launch_rate['moto']:.1f}x")
    print(f"p50 / p99 in ms, one keep-alive connection; {args.calls} calls for localec2, {args.moto_calls} for moto; "
          "'items' = distinct ids in the first answer")
    print(f"{'call':<42} {'localec2':>24} {'items':>6} {'moto':>24} {'items':>6} {'p50 ratio':>10}")
    for call, mine in table["localec2"].items():
        theirs = table["moto"][call]
        ratio = f"{theirs['p50'] / mine['p50']:.0f}x" if "error" not in mine and "error" not in theirs else "-"
        print(f"{call:<42} {cell(mine):>24} {mine.get('count', '-'):>6} {cell(theirs):>24} "
              f"{theirs.get('count', '-'):>6} {ratio:>10}")
    for call, mine in table["localec2"].items():
        theirs = table["moto"][call]
        if "count" in mine and "count" in theirs and mine["count"] != theirs["count"]:
            print(f"note: {call}: localec2 answered {mine['count']} items, moto {theirs['count']} "
                  "(one of them ignores a filter or MaxResults, so the times are not like for like)")


if __name__ == "__main__":
    main()
