#!/usr/bin/env bash
# Installs what is missing and checks the C++ formatting (scripts/check-format.sh), then builds and runs
# every test twice: optimised, and under AddressSanitizer + UBSan; then the fuzz targets for a bounded time
# each (scripts/fuzz.sh), and the concurrency test against a ThreadSanitizer build of the server. Exits
# non-zero when any check or test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "=== format" >&2
scripts/check-format.sh
for flavour in release asan; do
  dir=build; [ "$flavour" = asan ] && dir=build-asan
  echo "=== $flavour build" >&2
  scripts/build.sh "$flavour"
  echo "=== $flavour tests" >&2
  # The SIGKILL cycles test durability, not memory safety: the optimised pass covers them.
  skip=(); [ "$flavour" = asan ] && skip=(-E "test_crash")
  ctest --test-dir "$dir" --output-on-failure --parallel "$(nproc)" --timeout 600 "${skip[@]}"
done
echo "=== fuzz" >&2
scripts/fuzz.sh "${LOCALEC2_FUZZ_SECONDS:-20}"
echo "=== tsan build" >&2
scripts/build.sh tsan
echo "=== tsan concurrency test" >&2
(cd tests/e2e && LOCALEC2_BIN="$PWD/../../build-tsan/server/localec2" TSAN_OPTIONS="halt_on_error=1" \
   python3 -m unittest -v test_concurrency)
