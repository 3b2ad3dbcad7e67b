#!/usr/bin/env python3
"""Images benchmark: localec2 against moto_server, same machine, same run.

DescribeImages p50/p99 over one keep-alive connection: Owners=amazon; Owners=amazon with a name filter
(al2023-ami-*, as `describe-images --owners amazon --filters Name=name,Values=al2023-ami-*`); and by one
image id. Each server answers from its own public catalog.
Usage: bench/bench_images.py [--calls N] [--moto-calls N]
"""
import argparse
import re
import tempfile

from bench_common import Server, ms, percentiles, require_tools


def describe(server, calls):
    status, body = server.call("DescribeImages", **{"Owner.1": "amazon"})
    image_id = re.search(rb"<imageId>([^<]+)</imageId>", body).group(1).decode()
    return {
        "Owners=amazon": percentiles([server.timed("DescribeImages", **{"Owner.1": "amazon"}) for _ in range(calls)]),
        "Owners=amazon, name=al2023-ami-*": percentiles([server.timed(
            "DescribeImages", **{"Owner.1": "amazon", "Filter.1.Name": "name", "Filter.1.Value.1": "al2023-ami-*"})
            for _ in range(calls)]),
        "ImageId (one)": percentiles([server.timed("DescribeImages", **{"ImageId.1": image_id})
                                      for _ in range(calls)]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--moto-calls", type=int, default=100)
    args = parser.parse_args()
    require_tools()
    table = {}
    for name in ("localec2", "moto"):
        with tempfile.TemporaryDirectory() as data_dir:
            server = Server(name, data_dir)
            server.start()
            server.call("DescribeImages", **{"Owner.1": "amazon"})  # moto loads its catalog on first use
            table[name] = describe(server, args.calls if name == "localec2" else args.moto_calls)
            server.stop()
    print("DescribeImages p50 / p99 in ms, one keep-alive connection")
    print(f"{'call':<34} {'localec2':>19} {'moto':>21} {'p50 ratio':>10}")
    for call, (p50, p99) in table["localec2"].items():
        m50, m99 = table["moto"][call]
        print(f"{call:<34} {ms(p50):>9} / {ms(p99):>7} {ms(m50):>10} / {ms(m99):>8} {m50 / p50:>9.0f}x")


if __name__ == "__main__":
    main()
