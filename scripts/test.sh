#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: optimised, and under
# AddressSanitizer + UBSan. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
for flavour in release asan; do
  dir=build; [ "$flavour" = asan ] && dir=build-asan
  echo "=== $flavour build" >&2
  scripts/build.sh "$flavour"
  echo "=== $flavour tests" >&2
  ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" --timeout 600
done
