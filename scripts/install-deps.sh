#!/usr/bin/env bash
# Installs what building and testing localec2 needs on Debian 12, only what is missing. Idempotent.
# `--build-only` skips the test clients (used by docker/Dockerfile).
set -euo pipefail
build_only=false
if [ "${1:-}" = --build-only ]; then build_only=true; shift; fi

packages=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev catch2 libssl-dev
  python3 openssh-client
)
# The end-to-end tests drive the server with the AWS CLI and boto3; take Debian's when none is present.
if ! $build_only; then
  # The fuzz targets need clang and its libFuzzer runtime; the concurrency test a ThreadSanitizer build.
  packages+=(clang libclang-rt-14-dev)
  # scripts/check-format.sh lists the tracked sources with git and checks them with clang-format.
  command -v git >/dev/null 2>&1 || packages+=(git)
  command -v clang-format >/dev/null 2>&1 || packages+=(clang-format)
  command -v aws >/dev/null 2>&1 || packages+=(awscli)
  python3 -c 'import boto3' >/dev/null 2>&1 || packages+=(python3-boto3)
  python3 -c 'import cryptography' >/dev/null 2>&1 || packages+=(python3-cryptography)
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
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
