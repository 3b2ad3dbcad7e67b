#!/usr/bin/env bash
# Installs what bench/bench_limits.py needs beyond scripts/install-deps.sh, only what is missing. Idempotent.
# nginx is the limit the benchmark compares against: the bench runs its own nginx process with a temporary
# config on a free loopback port. The Debian package starts the system service on install; it is stopped
# and disabled here so nothing listens on port 80 behind the bench's back.
set -euo pipefail
packages=()
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx-light)
command -v perf >/dev/null 2>&1 || packages+=(linux-perf)
if [ ${#packages[@]} -gt 0 ]; then
  # policy-rc.d 101 keeps the package scripts from starting the nginx service.
  had_policy=false
  [ -e /usr/sbin/policy-rc.d ] && had_policy=true
  $had_policy || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
  $had_policy || rm -f /usr/sbin/policy-rc.d
fi
command -v moto_server >/dev/null 2>&1 || python3 -m pip install -q 'moto[server]'
