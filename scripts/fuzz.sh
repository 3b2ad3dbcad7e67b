#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 20) over a copy of its seed corpus and prints the
# executions done. A crash, leak or sanitizer report fails the run and leaves the input in build-asan/.
#   scripts/fuzz.sh            # the bounded run of the test command
#   scripts/fuzz.sh 600        # ten minutes per target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
scripts/build.sh fuzz
for target in fuzz_form_decoder fuzz_input_parser fuzz_sigv4 fuzz_imds; do
  corpus=$(mktemp -d)
  cp tests/fuzz/corpus/"${target#fuzz_}"/* "$corpus"/
  log=build-asan/"$target".log
  if ! (cd build-asan && ./tests/fuzz/"$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 "$corpus" >"$target".log 2>&1); then
    tail -n 60 "$log" >&2
    echo "fuzz: $target failed; the input is in build-asan/ (crash-*, leak-*, timeout-*)" >&2
    rm -rf "$corpus"
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $target ok, $runs executions in ${seconds} s"
  rm -rf "$corpus"
done
