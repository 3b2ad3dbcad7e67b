#!/usr/bin/env bash
# Installs what is missing, builds, and starts the server in the foreground (arguments go to localec2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
exec build/server/localec2 "$@"
