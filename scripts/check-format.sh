#!/usr/bin/env bash
# Fails, naming the files, when a tracked *.cpp or *.hpp differs from what clang-format (.clang-format at
# the root) makes of it. Run by scripts/test.sh before the builds; fix with
#   git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null 2>&1; then
  echo "format: clang-format is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
if ! git rev-parse --is-inside-work-tree >/dev/null; then
  echo "format: cannot list the tracked sources: git does not see a checkout here" >&2
  exit 1
fi
mapfile -d '' -t sources < <(git ls-files -z -- '*.cpp' '*.hpp')
if ((${#sources[@]} == 0)); then
  echo "format: git ls-files lists no *.cpp or *.hpp" >&2
  exit 1
fi
if clang-format --dry-run --Werror "${sources[@]}" 2>/dev/null; then
  echo "format: ${#sources[@]} files ok ($(clang-format --version))"
  exit 0
fi
# One file at a time, only to name the ones that fail.
unformatted=()
for f in "${sources[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if ((${#unformatted[@]} == 0)); then  # failed, but no single file does: show why
  clang-format --dry-run --Werror "${sources[@]}" >/dev/null || true
  echo "format: clang-format failed" >&2
  exit 1
fi
echo "format: ${#unformatted[@]} file(s) not clang-formatted ($(clang-format --version)):" >&2
printf '  %s\n' "${unformatted[@]}" >&2
echo "format: fix with: git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format -i" >&2
exit 1
