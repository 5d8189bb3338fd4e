#!/usr/bin/env bash
# Installs what is missing, builds, and runs one librarian-server on SQLite with a local store
# under ./run (or $LIBRARIAN_RUN_DIR). First run: creates the config, the database, the
# encryption key and an ADMIN account, and writes a client config for the `librarian` CLI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin="${LIBRARIAN_BUILD_DIR:-$root/build}"
run="${LIBRARIAN_RUN_DIR:-$root/run}"
port="${LIBRARIAN_PORT:-21108}"
data_port="${LIBRARIAN_DATA_PORT:-21109}"
mkdir -p "$run"
config="$run/server.json"
if [ ! -f "$config" ]; then
  cat > "$config" <<JSON
{
  "name": "${LIBRARIAN_NAME:-local_librarian}",
  "displayed_site_name": "Local librarian",
  "host": "127.0.0.1",
  "port": $port,
  "data_port": $data_port,
  "database": "sqlite://$run/librarian.db",
  "encryption_key_file": "$run/secrets/encryption.key",
  "add_stores": [
    {"store_name": "store", "store_type": "local", "ingestable": true,
     "store_data": {"staging_path": "$run/staging", "store_path": "$run/store"}}
  ]
}
JSON
fi
client="$run/client.json"
if [ ! -f "$client" ]; then
  password="${LIBRARIAN_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
  umask 077
  cat > "$client" <<JSON
{"connections": {"local": {"host": "http://127.0.0.1", "port": $port, "user": "admin", "password": "$password"}}}
JSON
  export LIBRARIAN_ADMIN_PASSWORD="$password"
else
  export LIBRARIAN_ADMIN_PASSWORD="$(sed -n 's/.*"password": "\([^"]*\)".*/\1/p' "$client")"
fi
"$bin/daemon/librarian-server" setup --config "$config"
echo
echo "CLI: export LIBRARIAN_CLIENT_CONFIG=$client"
echo "     $bin/app/librarian ping local"
echo "     $bin/app/librarian upload local ./some-file some/name"
echo
exec "$bin/daemon/librarian-server" start --config "$config"
