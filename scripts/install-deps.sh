#!/usr/bin/env bash
# Installs what building and testing localec2 needs on Debian 12, only what is missing. Idempotent.
# `--build-only` skips the test clients (used by docker/Dockerfile).
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
if [ "${1:-}" = --build-only ]; then build_only=true; shift; fi

packages=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev catch2 libssl-dev
  libyaml-dev zlib1g-dev  # runtime/: #cloud-config user data and gzip
  python3 openssh-client
)
# The end-to-end tests drive the server with the AWS CLI and boto3 on the botocore whose EC2 model
# api/service_model/ holds (tools/trim_service_model.py): test_wire_protocol walks its 765 operations, and
# the tests call actions and read members that Debian 12's python3-boto3 (botocore 1.29) and awscli lack.
# pip installs these versions for python3 when an older one (or none) is there — machines of this project's
# kind ship them, so this only runs elsewhere; on Debian 12 as root pip writes to /usr/local, beside Debian's
# packages (hence PIP_BREAK_SYSTEM_PACKAGES). Change them together with the service model.
pins=(botocore==1.43.11 boto3==1.43.11 awscli==1.45.11)
pins_installed() {
  python3 - "${pins[@]}" <<'PY' >/dev/null 2>&1 && aws --version >/dev/null 2>&1
import importlib.metadata, sys
def parts(version):
    return tuple(int(p) for p in version.split(".")[:3] if p.isdigit())
sys.exit(any(parts(importlib.metadata.version(name)) < parts(version)
             for name, version in (p.split("==") for p in sys.argv[1:])))
PY
}
pip_pins=false
js_dir=tests/js
js_modules_stale() {
  [ ! -f "$js_dir/node_modules/.package-lock.json" ] || [ "$js_dir/package-lock.json" -nt "$js_dir/node_modules/.package-lock.json" ]
}
npm_ci=false
if ! $build_only; then
  # The fuzz targets need clang and its libFuzzer runtime; the concurrency test a ThreadSanitizer build.
  packages+=(clang libclang-rt-14-dev)
  # scripts/check-format.sh lists the tracked sources with git and checks them with clang-format.
  command -v git >/dev/null 2>&1 || packages+=(git)
  command -v clang-format >/dev/null 2>&1 || packages+=(clang-format)
  python3 -c 'import cryptography' >/dev/null 2>&1 || packages+=(python3-cryptography)
  # tests/js drives the server with the AWS SDK for JavaScript v3 under `node --test` (Node.js 18 or
  # newer; Debian 12's is 18.19). npm installs the SDK from the npm registry at the versions
  # tests/js/package-lock.json pins, when node_modules is missing or older than the lock file.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  # tests/e2e/test_cli_v2.py runs the AMI walkthrough through Debian 12's AWS CLI v2 (package awscli, 2.9),
  # which is /usr/bin/aws on Debian's own python3. It does not shadow the pip AWS CLI v1 the other tests
  # use: pip puts that in /usr/local/bin (or a pyenv shim), ahead of /usr/bin on PATH, and its botocore and
  # boto3 in /usr/local (or pyenv), ahead of Debian's dist-packages. (The other way round, pip's `awscli`
  # package in /usr/local shadows Debian's for /usr/bin/aws; test_cli_v2 runs it without /usr/local.)
  [ -x /usr/bin/aws ] || packages+=(awscli)
  # tests/e2e/test_console.py walks the AMI guide through the web console in Debian's Chromium, driven by
  # chromium-driver through Selenium (python3-selenium; pure Python, also found by a pyenv python3).
  packages+=(chromium chromium-driver python3-selenium)
  # tests/e2e/test_sandbox.py runs instances for real (--instances=sandbox): OpenSSH's server runs inside
  # each one. The host's own sshd must never start from this install (see below).
  packages+=(openssh-server sudo)
  if js_modules_stale; then
    npm_ci=true
    packages+=(ca-certificates)  # npm reaches the registry over HTTPS
  fi
  if ! pins_installed; then
    pip_pins=true
    packages+=(ca-certificates)  # pip reaches PyPI over HTTPS
    python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)
  fi
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # openssh-server's postinst starts the host's sshd: a policy-rc.d that answers 101 forbids it (kept when
  # the machine has one), and under systemd the unit is masked so no boot starts it either.
  temporary_policy=false
  if [[ " ${missing[*]} " == *" openssh-server "* ]]; then
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
      "${sudo_cmd[@]}" chmod 755 /usr/sbin/policy-rc.d
      temporary_policy=true
    fi
    if [ -d /run/systemd/system ]; then "${sudo_cmd[@]}" systemctl mask ssh.service ssh.socket >/dev/null 2>&1 || true; fi
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if $temporary_policy; then "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d; fi
fi
if $pip_pins; then
  echo "install-deps: pip installing ${pins[*]}" >&2
  PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check "${pins[@]}"
  pins_installed || { echo "install-deps: ${pins[*]} still not what python3 and aws use" >&2; exit 1; }
fi
if $npm_ci; then
  echo "install-deps: npm ci in $js_dir" >&2
  (cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
