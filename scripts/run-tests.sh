#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole default test suite (unit + integration).
# Benchmarks are labelled and left out; run them with: ctest --test-dir build -L benchmark
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${LIBRARIAN_BUILD_DIR:-$root/build}"
export QT_QPA_PLATFORM=offscreen
ctest --output-on-failure -LE benchmark -j2 --timeout 600
