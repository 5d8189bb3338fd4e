#!/usr/bin/env bash
# Installs every Debian 12 package the build, the server and the tests need. Idempotent; needs root.
set -euo pipefail
packages=(
  cmake ninja-build ccache g++ pkg-config
  qt6-base-dev
  libqt6sql6-sqlite libqt6sql6-psql postgresql
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libssl-dev libxxhash-dev libsqlite3-dev xxhash bc time rsync
  xvfb xauth fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-upgrade "${missing[@]}"
fi
