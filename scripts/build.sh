#!/usr/bin/env bash
# Configures and builds one flavour: `release` (build/), `asan` (build-asan/: everything under
# AddressSanitizer + UBSan with clang, the libFuzzer targets included), `fuzz` (only those targets, in
# build-asan/) or `tsan` (build-tsan/: the server under ThreadSanitizer, for the concurrency test).
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
targets=()
case "$flavour" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  # clang, so the same build also holds the libFuzzer targets. -O1 builds far faster than -O2 under the
  # sanitizers and still inlines enough; line tables (not full debug info) are all reports need.
  asan|fuzz) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
                                    -DCMAKE_CXX_COMPILER=clang++ -DLOCALEC2_SANITIZE=ON -DLOCALEC2_FUZZ=ON)
        [ "$flavour" = fuzz ] && targets=(--target fuzz_form_decoder fuzz_input_parser fuzz_sigv4 fuzz_imds) ;;
  # clang: GCC's ThreadSanitizer cannot model the fences Asio uses (-Wtsan). Unoptimised: it compiles
  # fastest, and the one test it serves needs no speed.
  tsan) dir=build-tsan; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only"
                               -DCMAKE_CXX_COMPILER=clang++ -DLOCALEC2_TESTS=OFF -DLOCALEC2_TSAN=ON)
        targets=(--target localec2) ;;
  *) echo "usage: $0 [release|asan|fuzz|tsan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}"
