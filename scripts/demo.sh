#!/usr/bin/env bash
# Starts the seed's four-librarian network on loopback (source -> central -> destination_a,
# destination_b), links it with `librarian pair`, keeps sample files flowing from the source, and
# opens librarian-gui connected to all four. Ctrl-C (or closing the GUI) stops everything; the
# folders, logs and client config stay for inspection.
set -euo pipefail

usage() {
  cat <<EOF
Usage: scripts/demo.sh [--no-gui | GUI-OPTIONS...]
  --no-gui  the network only, no GUI; Ctrl-C stops it.   --help  this text.
  Anything else goes to librarian-gui, e.g. --lang de, --screenshot FILE (save a PNG and quit).
Environment: LIBRARIAN_DEMO_DIR (work folder, default run/demo; wiped at start), LIBRARIAN_BUILD_DIR
  (default build), LIBRARIAN_DEMO_NO_BUILD=1 (skip scripts/install-deps.sh and scripts/build.sh).
EOF
}
gui=1 gui_args=()
for a in "$@"; do
  case "$a" in
    --no-gui) gui=0 ;;
    -h | --help) usage; exit 0 ;;
    *) gui_args+=("$a") ;;
  esac
done

die() { echo "demo: $*" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LIBRARIAN_BUILD_DIR:-$root/build}
demo=${LIBRARIAN_DEMO_DIR:-$root/run/demo}
if [ "${LIBRARIAN_DEMO_NO_BUILD:-}" != 1 ]; then
  "$root/scripts/install-deps.sh" || die "installing the dependencies failed (scripts/install-deps.sh)"
  "$root/scripts/build.sh" || die "the build failed (scripts/build.sh)"
fi
server=$build/daemon/librarian-server cli=$build/app/librarian guibin=$build/gui/librarian-gui
{ [ -x "$server" ] && [ -x "$cli" ]; } || die "no librarian-server or librarian in $build: run scripts/build.sh"

# Decide about the GUI before starting anything, so a missing display fails fast.
launcher=()
if [ "$gui" = 1 ]; then
  [ -x "$guibin" ] || die "no GUI at $guibin: build it with scripts/build.sh, or run with --no-gui"
  # --screenshot needs no display: the GUI renders offscreen by itself.
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ] && [[ " ${gui_args[*]} " != *" --screenshot"* ]]; then
    command -v xvfb-run >/dev/null ||
      die "no display (DISPLAY and WAYLAND_DISPLAY unset) and no xvfb-run: run on a desktop, install xvfb, or use --no-gui"
    echo "demo: note: no display (DISPLAY and WAYLAND_DISPLAY unset): the GUI runs under xvfb-run, invisible here." >&2
    echo "demo:       Use --screenshot FILE to get a picture of it, or --no-gui for the servers only." >&2
    launcher=(xvfb-run -a)
  fi
fi

# The folder is wiped, so only ever wipe one this script made, and never under a running demo.
if [ -e "$demo" ]; then
  [ -f "$demo/.librarian-demo" ] || [ -z "$(ls -A "$demo")" ] ||
    die "$demo exists and was not made by demo.sh: remove it or set LIBRARIAN_DEMO_DIR"
  for p in $(cat "$demo/.librarian-demo" 2>/dev/null); do
    [ "$p" = $$ ] || ! kill -0 "$p" 2>/dev/null || die "a demo (pid $p) still runs in $demo: stop it first"
  done
  rm -rf "$demo"
fi
mkdir -p "$demo"
demo=$(cd "$demo" && pwd) # the database URL needs an absolute path
[[ "$demo" != *[\"\\]* ]] || die "the work folder's path must not contain quotes or backslashes: $demo"
echo $$ >"$demo/.librarian-demo"

names=(source central destination_a destination_b)
declare -A pid port data_port
loop_pid='' gui_pid='' child=''
alive() { for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
cleanup() {
  set +e
  trap - INT TERM
  local all=(${pid[@]+"${pid[@]}"}) p
  for p in "$loop_pid" "$child"; do [ -z "$p" ] || all+=("$p"); done
  [ ${#all[@]} -gt 0 ] && kill "${all[@]}" 2>/dev/null
  # Under xvfb-run stop the GUI itself: xvfb-run then exits and takes its X server with it.
  if [ -n "$gui_pid" ]; then pkill -TERM -P "$gui_pid" -x librarian-gui 2>/dev/null || kill "$gui_pid" 2>/dev/null; all+=("$gui_pid"); fi
  local deadline=$((SECONDS + 15)) # a server finishes its current request and task first
  while alive "${all[@]}" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  alive "${all[@]}" && { echo "demo: forcing the stragglers to stop" >&2; kill -KILL "${all[@]}" 2>/dev/null; }
  wait 2>/dev/null
  [ ${#pid[@]} -gt 0 ] && echo "demo: stopped; folders, logs and client config are in $demo" >&2
}
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
every='"every": "00:00:02"'
write_config() { # NAME [DESTINATION...]
  local n=$1 d=$demo/$1 bg sends='' x
  shift
  bg="\"receive_clone\": [{\"task_name\": \"receive\", $every}]"
  for x in "$@"; do
    sends+="${sends:+, }{\"task_name\": \"send to $x\", $every, \"destination_librarian\": \"$x\", \"age_in_days\": 1, \"send_batch_size\": 4}"
  done
  [ -z "$sends" ] || bg+=", \"send_clone\": [$sends], \"consume_queue\": [{\"task_name\": \"consume\", $every}],
    \"check_consumed_queue\": [{\"task_name\": \"check\", $every}]"
  mkdir -p "$d"
  cat >"$d/server.json" <<JSON
{
  "name": "$n", "displayed_site_name": "Demo $n", "displayed_site_description": "librarian-demo on loopback",
  "host": "127.0.0.1", "port": 0, "data_port": 0,
  "database": "sqlite://$d/librarian.db", "encryption_key_file": "$d/encryption.key",
  "max_chunk_bytes": 4194304,
  "add_stores": [{"store_name": "store", "store_type": "local", "ingestable": true,
                  "store_data": {"staging_path": "$d/staging", "store_path": "$d/store"}}],
  "background": {$bg}
}
JSON
}
write_config source central
write_config central destination_a destination_b
write_config destination_a
write_config destination_b

# Port 0 lets each server pick a free port itself, with no race against other programs.
t0=$SECONDS
for n in "${names[@]}"; do
  d=$demo/$n
  LIBRARIAN_ADMIN_PASSWORD=$password "$server" setup --config "$d/server.json" >"$d/setup.log" 2>&1 ||
    die "setup of $n failed: read $d/setup.log"
  "$server" start --config "$d/server.json" >"$d/server.log" 2>&1 &
  pid[$n]=$!
done
for n in "${names[@]}"; do
  d=$demo/$n deadline=$((SECONDS + 30))
  until line=$(grep -m1 -o 'listening on [^ ]*, data plane on port [0-9]*' "$d/server.log"); do
    kill -0 "${pid[$n]}" 2>/dev/null || die "$n stopped while starting: read $d/server.log"
    [ $SECONDS -lt $deadline ] || die "$n did not start within 30 s: read $d/server.log"
    sleep 0.1
  done
  port[$n]=$(sed 's/.*:\([0-9]*\),.*/\1/' <<<"$line") data_port[$n]=${line##* }
  # Write the picked ports back, so a server restarted by hand keeps the address its peers know.
  sed -i "s/\"port\": 0, \"data_port\": 0/\"port\": ${port[$n]}, \"data_port\": ${data_port[$n]}/" "$d/server.json"
done

client=$demo/client.json entries=()
for n in "${names[@]}"; do
  entries+=("\"$n\": {\"host\": \"http://127.0.0.1\", \"port\": ${port[$n]}, \"user\": \"admin\", \"password\": \"$password\"}")
done
(umask 077; IFS=,; printf '{"connections": {%s}}\n' "${entries[*]}" >"$client")
export LIBRARIAN_CLIENT_CONFIG=$client
for n in "${names[@]}"; do
  deadline=$((SECONDS + 30))
  until err=$("$cli" ping "$n" 2>&1); do
    [ $SECONDS -lt $deadline ] || die "$n does not answer ping: $err (read $demo/$n/server.log)"
    sleep 0.2
  done
done
echo "demo: four librarians up after $((SECONDS - t0)) s"

for link in "source central" "central destination_a" "central destination_b"; do
  read -r a b <<<"$link"
  "$cli" pair "$a" "$b" >>"$demo/pair.log" 2>&1 ||
    die "pairing $a -> $b failed: read $demo/pair.log, $demo/$a/server.log and $demo/$b/server.log"
done
echo "demo: paired source -> central -> destination_a, destination_b"

mkdir -p "$demo/samples"
upload_sample() { # NUMBER LARGEST-MIB; the CLI runs as a job so a signal can stop it ($child)
  local name f rc=0
  name=$(printf 'obs/%s/scan-%04d.dat' "$(date -u +%F)" "$1") f=$demo/samples/scan-$1.dat
  head -c $(((RANDOM % $2 + 1) << 20)) /dev/urandom >"$f"
  echo "$(date -u +%T) upload $name ($(($(stat -c %s "$f") >> 20)) MiB)" >>"$demo/uploads.log"
  "$cli" upload source "$f" "$name" >>"$demo/uploads.log" 2>&1 &
  child=$!
  wait "$child" || rc=$?
  child='' && rm -f "$f"
  [ $rc = 0 ] && sample=$name
  return $rc
}
first=()
for i in 1 2 3; do
  upload_sample "$i" 20 || die "uploading a sample file to source failed: read $demo/uploads.log"
  first+=("$sample")
done
# Smaller files from here on: a demo left running for hours should not fill the disk.
upload_loop() {
  local i=4
  trap '[ -z "$child" ] || kill "$child" 2>/dev/null; exit 0' TERM
  while :; do
    sleep 10 & child=$!
    wait "$child" || true; child=''
    upload_sample "$i" 4 || echo "$(date -u +%T) upload failed (exit $?)" >>"$demo/uploads.log"
    i=$((i + 1))
  done
}
upload_loop &
loop_pid=$!

t0=$SECONDS deadline=$((SECONDS + 180))
echo "demo: uploaded ${first[*]}; waiting for them at destination_a and destination_b"
for dst in destination_a destination_b; do
  for name in "${first[@]}"; do
    until "$cli" search-files "$dst" --name "$name" --json 2>/dev/null | grep -q '"available": *true'; do
      [ $SECONDS -lt $deadline ] || die "$name did not reach $dst within 180 s: see '$cli get-transfers central'" \
        "and read $demo/central/server.log and $demo/$dst/server.log"
      sleep 0.5
    done
  done
done
echo "demo: the first files reached both destinations in $((SECONDS - t0)) s"

cat <<EOF

Librarian demo running (work folder $demo)
  name           API port   data port   log
$(for n in "${names[@]}"; do printf '  %-14s %-10s %-11s %s\n' "$n" "${port[$n]}" "${data_port[$n]}" "$demo/$n/server.log"; done)
  Links: source -> central -> destination_a, destination_b; a new file at source every ~10 s
  (log: $demo/uploads.log). Client config (admin passwords): $client
  Try:   LIBRARIAN_CLIENT_CONFIG=$client $cli search-files destination_a
         LIBRARIAN_CLIENT_CONFIG=$client $cli get-transfers central

EOF

if [ "$gui" = 0 ]; then
  echo "demo: no GUI; Ctrl-C stops the demo"
  wait -n "${pid[@]}" || true # returns when a server dies; Ctrl-C goes through the trap
  for n in "${names[@]}"; do
    kill -0 "${pid[$n]}" 2>/dev/null || die "$n stopped unexpectedly: read $demo/$n/server.log"
  done
  exit 1
fi
echo "demo: starting librarian-gui; closing it (or Ctrl-C) stops the demo"
"${launcher[@]}" "$guibin" --connect-all "${gui_args[@]}" &
gui_pid=$!
status=0
wait "$gui_pid" || status=$?
gui_pid='' && exit "$status"
