#!/usr/bin/env bash
# Configures and builds Librarian into ./build (Ninja, ccache when present). Re-running is incremental.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LIBRARIAN_BUILD_DIR:-$root/build}"
export CCACHE_DIR="${CCACHE_DIR:-$root/.ccache}"
export CCACHE_BASEDIR="$root"
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIBRARIAN_WERROR=$werror
fi
cmake --build "$build" -j"$(nproc)"
