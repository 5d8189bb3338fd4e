# Sourced by the single-server benchmarks: one librarian-server on 127.0.0.1 in $work (SQLite, one
# local store), an admin connection "bench" for the CLI in $work/client.json, and its stop on exit.
# Needs: server_bin, work. Sets: server_pid, port.
server_pid=""
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap stop_server EXIT

# start_server [COMMAND-PREFIX...]: e.g. `start_server strace -c -f -o FILE`
start_server() {
  cat >"$work/server.json" <<JSON
{"name": "bench", "host": "127.0.0.1", "port": 0, "data_port": 0,
 "database": "sqlite://$work/db.sqlite", "encryption_key_file": "$work/key",
 "maximal_upload_size_bytes": 1099511627776,
 "add_stores": [{"store_name": "store", "store_type": "local", "ingestable": true,
   "store_data": {"staging_path": "$work/staging", "store_path": "$work/store"}}]}
JSON
  LIBRARIAN_ADMIN_PASSWORD=benchmark-password "$server_bin" setup --config "$work/server.json" >/dev/null 2>&1
  "$@" "$server_bin" start --config "$work/server.json" >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$work/server.out" 2>/dev/null && break
    sleep 0.1
  done
  port="$(sed -n 's/.*listening on [^:]*:\([0-9]*\),.*/\1/p' "$work/server.out")"
  [ -n "$port" ] || { echo "server did not start"; cat "$work/server.err"; exit 1; }
  cat >"$work/client.json" <<JSON
{"connections": {"bench": {"host": "http://127.0.0.1", "port": $port, "user": "admin", "password": "benchmark-password"}}}
JSON
  chmod 600 "$work/client.json"
}
