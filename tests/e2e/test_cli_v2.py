"""End to end: the AMI seed walkthrough (walkthrough.py, which test_images runs through the pip AWS CLI v1)
through Debian 12's AWS CLI v2 (package awscli, 2.9.x, /usr/bin/aws on Debian's own python3, which
scripts/install-deps.sh installs): same calls, same values, same error codes. Skipped when /usr/bin/aws is
missing or not v2."""
import functools
import os
import subprocess
import unittest

from harness import ServerTestCase
from walkthrough import seed_walkthrough

AWS_V2 = "/usr/bin/aws"
# How the tests run AWS_V2: on Debian's python3 (its shebang) seeing only Debian's packages. Where
# scripts/install-deps.sh pip-installed the AWS CLI v1 for that python3 (in /usr/local, not a pyenv), its
# `awscli` package comes first on sys.path and shadows Debian's: /usr/bin/aws itself then says aws-cli/1.45.
# Dropping every path outside /usr/lib (/usr/local, PYTHONPATH, user site) before running it avoids that.
AWS_V2_COMMAND = ["/usr/bin/python3", "-s", "-c",
                  "import runpy, sys; sys.path[:] = [p for p in sys.path if p.startswith('/usr/lib/')]; "
                  f"sys.argv[0] = {AWS_V2!r}; runpy.run_path({AWS_V2!r}, run_name='__main__')"]


def v2_skip_reason():
    """Why the test cannot run here, or None when AWS_V2 is an AWS CLI v2."""
    if not os.access(AWS_V2, os.X_OK) or not os.access(AWS_V2_COMMAND[0], os.X_OK):
        return f"{AWS_V2} is missing (scripts/install-deps.sh installs Debian's awscli, the AWS CLI v2)"
    try:
        proc = subprocess.run([*AWS_V2_COMMAND, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{AWS_V2} --version failed: {e}"
    version = (proc.stdout or proc.stderr).strip()  # v1 printed it on stderr
    if proc.returncode != 0 or not version.startswith("aws-cli/2."):
        return f"{AWS_V2} is not the AWS CLI v2: {version or proc.returncode}"
    return None


SKIP_REASON = v2_skip_reason()


@unittest.skipIf(SKIP_REASON, SKIP_REASON)
class CliV2(ServerTestCase):
    reset_between_tests = True

    def test_cli_v2_seed_walkthrough(self):
        # CLI 2.9's EC2 model (botocore 1.29's era) has no Image SourceInstanceId, SourceImageId or
        # SourceImageRegion (AWS added them in 2024), so the CLI leaves them out of its output.
        seed_walkthrough(self, functools.partial(self.server.cli, aws_bin=AWS_V2_COMMAND),
                         model_lacks={"SourceInstanceId", "SourceImageId", "SourceImageRegion"})


if __name__ == "__main__":
    unittest.main()
