#!/usr/bin/env python3
"""Writes api/service_model/ec2-2016-11-15.json: botocore's EC2 service model without documentation.

Run after upgrading botocore to refresh the committed contract; the build compiles the result
(api/protocol/model_codegen.cpp), so nothing here runs at build or start-up time. The tests run the
botocore, boto3 and awscli pinned in scripts/install-deps.sh: move those pins with the model.
"""
import gzip
import json
import os
import sys

import botocore

DROP = {"documentation", "documentationUrl", "deprecatedMessage", "deprecatedSince", "examples"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    src_dir = os.path.join(os.path.dirname(botocore.__file__), "data", "ec2", "2016-11-15")
    path = os.path.join(src_dir, "service-2.json.gz")
    opener = gzip.open if os.path.exists(path) else open
    path = path if os.path.exists(path) else path[:-3]
    with opener(path, "rt") as f:
        model = json.load(f)
    out = os.path.join(os.path.dirname(__file__), "..", "api", "service_model", "ec2-2016-11-15.json")
    with open(out, "w") as f:
        json.dump(strip(model), f, separators=(",", ":"))
        f.write("\n")
    print(f"botocore {botocore.__version__}: {len(model['operations'])} operations, "
          f"{len(model['shapes'])} shapes -> {os.path.normpath(out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
