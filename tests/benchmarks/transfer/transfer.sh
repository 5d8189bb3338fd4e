#!/usr/bin/env bash
# Transfer benchmark: two real librarian-servers A and B on 127.0.0.1 (SQLite, temp folder), A pushing to
# B. Measures our upload and push of one big file and of a tree of small files against the anchors
# (cp + sync, rsync, an rsync daemon on loopback), interleaved (ours, anchor, ours, anchor ...), and prints
# one table of medians. See README.md in tests/benchmarks for the phases and the environment variables.
# Usage: transfer.sh LIBRARIAN-SERVER LIBRARIAN
# Exit 1 only if something broke: a server died, a file did not arrive in time, wrong bytes.
set -euo pipefail
(($# == 2)) || { echo "usage: $0 LIBRARIAN-SERVER LIBRARIAN" >&2; exit 2; }
server_bin=$1 cli_bin=$2
runs=${LIBRARIAN_BENCH_RUNS:-3}
big_mib=${LIBRARIAN_BENCH_BIG_MIB:-2048}
small_count=${LIBRARIAN_BENCH_SMALL_COUNT:-10000}
growth=${LIBRARIAN_BENCH_GROWTH:-1000 10000}
deadline_s=${LIBRARIAN_BENCH_DEADLINE_S:-1200} # per wait for B, plus 100 ms a file for a tree
small_bytes=16384 per_folder=100

log() { printf '[%s] %s\n' "$(date +%T.%3N)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
for tool in rsync xxhsum awk cmp; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/install-deps.sh installs it)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/librarian-bench-transfer.XXXXXX")
declare -A pid port
rsyncd_pid=''
cleanup() {
  set +e
  local p
  for p in ${pid[@]+"${pid[@]}"} $rsyncd_pid; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export LC_ALL=C
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
cli() { LIBRARIAN_CLIENT_CONFIG="$work/client.json" "$cli_bin" "$@"; }

# --- the two librarians ---------------------------------------------------------------------------
every='"every": "00:00:01"'
write_config() { # NAME BACKGROUND-JSON
  local d=$work/$1
  mkdir -p "$d"
  cat >"$d/server.json" <<JSON
{"name": "$1", "host": "127.0.0.1", "port": 0, "data_port": 0,
 "database": "sqlite://$d/librarian.db", "encryption_key_file": "$d/encryption.key",
 "maximal_upload_size_bytes": 1099511627776, "max_search_results": 100000,
 "add_stores": [{"store_name": "store", "store_type": "local", "ingestable": true,
   "store_data": {"staging_path": "$d/staging", "store_path": "$d/store"}}],
 "background": {$2}}
JSON
}
write_config bench_a "\"send_clone\": [{\"task_name\": \"to b\", $every, \"destination_librarian\": \"bench_b\",
    \"age_in_days\": 1, \"send_batch_size\": 128}],
  \"consume_queue\": [{\"task_name\": \"consume\", $every}],
  \"check_consumed_queue\": [{\"task_name\": \"check\", $every}]"
write_config bench_b "\"receive_clone\": [{\"task_name\": \"receive\", $every, \"files_per_run\": 1024}]"

for n in bench_a bench_b; do
  d=$work/$n
  LIBRARIAN_ADMIN_PASSWORD=$password "$server_bin" setup --config "$d/server.json" >"$d/setup.log" 2>&1 ||
    { cat "$d/setup.log" >&2; die "setup of $n failed"; }
  "$server_bin" start --config "$d/server.json" >"$d/server.log" 2>&1 &
  pid[$n]=$!
done
for n in bench_a bench_b; do
  d=$work/$n t_end=$((SECONDS + 30))
  until line=$(grep -m1 -o 'listening on [^ ]*, data plane on port [0-9]*' "$d/server.log"); do
    kill -0 "${pid[$n]}" 2>/dev/null || { tail -20 "$d/server.log" >&2; die "$n stopped while starting"; }
    ((SECONDS < t_end)) || die "$n did not start within 30 s"
    sleep 0.1
  done
  port[$n]=$(sed 's/.*:\([0-9]*\),.*/\1/' <<<"$line")
done
printf '{"connections": {"bench_a": {"host": "http://127.0.0.1", "port": %s, "user": "admin", "password": "%s"},
 "bench_b": {"host": "http://127.0.0.1", "port": %s, "user": "admin", "password": "%s"}}}\n' \
  "${port[bench_a]}" "$password" "${port[bench_b]}" "$password" >"$work/client.json"
chmod 600 "$work/client.json"
for n in bench_a bench_b; do
  t_end=$((SECONDS + 30))
  until cli ping "$n" >/dev/null 2>&1; do
    ((SECONDS < t_end)) || die "$n does not answer ping"
    sleep 0.2
  done
done
cli pair bench_a bench_b >"$work/pair.log" 2>&1 || { cat "$work/pair.log" >&2; die "pairing A -> B failed"; }
log "A (port ${port[bench_a]}) pushes to B (port ${port[bench_b]}) in $work"

check_alive() {
  local n
  for n in bench_a bench_b; do
    kill -0 "${pid[$n]}" 2>/dev/null || { tail -30 "$work/$n/server.log" >&2; die "server $n died"; }
  done
}
set_transfers() { cli set-librarian-transfer bench_a --name=bench_b "--$1" >/dev/null || die "set-librarian-transfer --$1"; }

# --- the rsync daemon (loopback anchor) -----------------------------------------------------------
mkdir -p "$work/rsyncd-dst"
rsyncd_port=''
for _ in 1 2 3 4 5 6 7 8 9 10; do
  p=$((20000 + RANDOM % 40000))
  cat >"$work/rsyncd.conf" <<CONF
address = 127.0.0.1
port = $p
use chroot = false
pid file = $work/rsyncd.pid
log file = $work/rsyncd.log
uid = $(id -u)
gid = $(id -g)
[mod]
path = $work/rsyncd-dst
read only = false
CONF
  rsync --daemon --no-detach --config="$work/rsyncd.conf" &
  rsyncd_pid=$!
  for _ in $(seq 1 50); do # a taken port makes the daemon exit; a listening one answers the module list
    kill -0 "$rsyncd_pid" 2>/dev/null || break
    if rsync "rsync://127.0.0.1:$p/" >/dev/null 2>&1; then rsyncd_port=$p; break 2; fi
    sleep 0.1
  done
  kill "$rsyncd_pid" 2>/dev/null; wait "$rsyncd_pid" 2>/dev/null || true; rsyncd_pid=''
  rm -f "$work/rsyncd.pid"
done
[ -n "$rsyncd_port" ] || die "the rsync daemon did not start (see $work/rsyncd.log)"
log "rsync daemon on 127.0.0.1:$rsyncd_port"

# --- measuring helpers ----------------------------------------------------------------------------
declare -A samples # key -> space-separated seconds
add_sample() { samples[$1]="${samples[$1]:-} $2"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { # seconds...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
peak_reset() { local n; for n in bench_a bench_b; do echo 5 >"/proc/${pid[$n]}/clear_refs"; done; }
declare -A peak_kib # "phase:server" -> max VmHWM seen after a run of that phase
peak_read() { # PHASE
  local n v
  for n in bench_a bench_b; do
    v=$(awk '/VmHWM/ { print $2 }' "/proc/${pid[$n]}/status")
    ((v > ${peak_kib[$1:$n]:-0})) && peak_kib[$1:$n]=$v
  done
  return 0
}

# Waits until B holds NAME (one file) committed and available: one search every ~50 ms through the CLI.
wait_file_on_b() { # NAME
  local t_end=$((SECONDS + deadline_s))
  until cli search-files bench_b --json --name "$1" 2>/dev/null | grep -q '"available":true'; do
    check_alive
    ((SECONDS < t_end)) || die "$1 did not reach B within $deadline_s s (see $work/bench_a/server.log)"
    sleep 0.05
  done
}
# Waits until B's catalogue holds all COUNT files under PREFIX/. Searching 10000 files through the API
# every 50 ms would load B more than the push, so B's store folder is polled (a file lands there in
# the commit, just before its rows; see docs/data-plane.md) and the catalogue asked once it is full; the
# time is taken when the folder is full, or when the catalogue confirms if it lagged behind.
b_catalogue_count() { # PREFIX
  cli search-files bench_b --json --max-results 100000 --create-time-start "$2" 2>/dev/null |
    grep -o "\"name\":\"$1/[^\"]*\"" | sort -u | wc -l
}
arrived='' # set by wait_tree_on_b: when the last file was there
# With PHASE, the daemons' peaks are read when the folder is full, before the catalogue is asked: one
# search answering COUNT files costs B some KiB a file, which is not the transfer's memory
# (read again afterwards as PHASE-search).
wait_tree_on_b() { # PREFIX COUNT SINCE(ISO time) [PHASE]; the deadline grows by 100 ms a file
  local t_end=$((SECONDS + deadline_s + $2 / 10)) t have=0
  until [ "$(find "$work/bench_b/store/$1" -type f ! -name '.*' 2>/dev/null | wc -l)" -ge "$2" ]; do
    check_alive
    ((SECONDS < t_end)) || die "$1: not all $2 files reached B in time"
    sleep 0.05
  done
  t=$(now)
  if [ -n "${4:-}" ]; then peak_read "$4"; fi
  until have=$(b_catalogue_count "$1" "$3") && [ "$have" -ge "$2" ]; do
    check_alive
    ((SECONDS < t_end)) || die "$1: B's catalogue holds $have of $2 files at the deadline"
    sleep 0.5
    t=$(now)
  done
  if [ -n "${4:-}" ]; then peak_read "$4-search"; fi
  arrived=$t
}

# Ours for a tree: upload with transfers to B disabled (so the push does not overlap the upload and is
# measured whole), then enable them and wait for every file on B.
ours_tree() { # TREE NAME KEY-UPLOAD KEY-PUSH [PHASE-FOR-PEAKS]
  local since t0 t1 t2
  since=$(date -u -d '-2 sec' +%Y-%m-%dT%H:%M:%S)
  set_transfers disabled
  if [ -n "${5:-}" ]; then peak_reset; fi
  sync
  t0=$(now)
  cli upload bench_a "$1" "$2" >/dev/null || die "upload of $1 failed"
  t1=$(now)
  set_transfers enabled
  wait_tree_on_b "$2" "$(find "$1" -type f | wc -l)" "$since" "${5:-}"
  t2=$arrived
  add_sample "$3" "$(elapsed "$t0" "$t1")"
  add_sample "$4" "$(elapsed "$t1" "$t2")"
  log "  ours: upload $(elapsed "$t0" "$t1") s, push $(elapsed "$t1" "$t2") s"
}
timed() { # KEY COMMAND...: runs the command after a sync, adds its seconds
  local t0 t1
  sync
  t0=$(now)
  "${@:2}" || die "anchor failed: ${*:2}"
  t1=$(now)
  add_sample "$1" "$(elapsed "$t0" "$t1")"
  log "  anchor $1: $(elapsed "$t0" "$t1") s"
}
cp_sync_file() { cp "$1" "$2" && sync "$2"; }
cp_sync_tree() { cp -r "$1" "$2" && sync; }

make_tree() { # DIR COUNT: COUNT files of 16 KiB random bytes, 100 a folder (d0000/x000000 ...)
  local k folders
  mkdir -p "$1"
  head -c $(($2 * small_bytes)) /dev/urandom | (cd "$1" && split -b $small_bytes -d -a 6 - x)
  folders=$((($2 + per_folder - 1) / per_folder))
  for ((k = 0; k < folders; k++)); do
    mkdir "$1/$(printf d%04d $k)"
    mv "$1"/x"$(printf %04d $k)"?? "$1/$(printf d%04d $k)/"
  done
}

# --- phases 1 + 2 + 6: one big file ---------------------------------------------------------------
# The anchors' copies stay until the phase ends, as ours stay in the stores: on a virtual machine a
# file written into memory just freed (a deleted copy's) went 3 to 4 times as fast as one written into
# memory the host hands back only on first touch, so deleting the anchors' copies favoured them.
log "creating a $big_mib MiB random file"
head -c $((big_mib * 1024 * 1024)) /dev/urandom >"$work/big.bin"
mkdir -p "$work/cp-dst" "$work/rsync-dst"
for ((r = 1; r <= runs; r++)); do
  log "big file, run $r of $runs"
  set_transfers disabled
  peak_reset
  sync
  t0=$(now)
  cli upload bench_a "$work/big.bin" "big/run$r.bin" >/dev/null || die "upload of the big file failed"
  t1=$(now)
  set_transfers enabled
  wait_file_on_b "big/run$r.bin"
  t2=$(now)
  peak_read big
  add_sample big_upload "$(elapsed "$t0" "$t1")"
  add_sample big_push "$(elapsed "$t1" "$t2")"
  log "  ours: upload $(elapsed "$t0" "$t1") s, push $(elapsed "$t1" "$t2") s"
  if ((r == 1)); then
    copy=$(find "$work/bench_b/store" -type f -path "*big/run1.bin" | head -1)
    [ -n "$copy" ] || die "B's copy of big/run1.bin is not in its store folder"
    cmp -s "$work/big.bin" "$copy" || die "B's copy of big/run1.bin differs from the original"
    log "  B's copy is byte-identical"
  fi
  timed big_cp cp_sync_file "$work/big.bin" "$work/cp-dst/run$r.bin"
  timed big_rsync rsync -a "$work/big.bin" "$work/rsync-dst/run$r.bin"
  timed big_rsyncd rsync -a "$work/big.bin" "rsync://127.0.0.1:$rsyncd_port/mod/run$r.bin"
  check_alive
done
# Nothing is deleted until the end: this ext4 has no journal, and its inode allocator then skips inodes
# freed in the last minutes, which made creating the next tree several times slower for whoever came next.

# --- phases 3 + 4 + 6: a tree of small files ------------------------------------------------------
log "creating $small_count files of 16 KiB"
make_tree "$work/tree" "$small_count"
for ((r = 1; r <= runs; r++)); do
  log "small files, run $r of $runs"
  ours_tree "$work/tree" "small/run$r" small_upload small_push small
  if ((r == 1)); then
    diff -r "$work/tree" "$work/bench_b/store/small/run1" >/dev/null || die "B's copy of small/run1 differs"
    log "  B's copy of the tree is byte-identical"
  fi
  timed small_cp cp_sync_tree "$work/tree" "$work/cp-dst/tree$r"
  timed small_rsync rsync -a "$work/tree/" "$work/rsync-dst/tree$r/"
  check_alive
done

# --- phase 5: cost growth -------------------------------------------------------------------------
for c in $growth; do
  log "growth: $c files"
  make_tree "$work/grow$c" "$c"
  ours_tree "$work/grow$c" "growth/$c" "grow_upload_$c" "grow_push_$c" "grow$c"
  timed "grow_cp_$c" cp_sync_tree "$work/grow$c" "$work/cp-dst/grow$c"
  timed "grow_rsync_$c" rsync -a "$work/grow$c/" "$work/rsync-dst/grow$c/"
  check_alive
done

# --- the table ------------------------------------------------------------------------------------
med() { median ${samples[$1]}; } # the samples are words on purpose
row() { # MEASURE OURS-KEY ANCHOR-NAME ANCHOR-KEY UNIT(mibs|msfile) AMOUNT
  local o a
  o=$(med "$2") a=$(med "$4")
  awk -v m="$1" -v o="$o" -v an="$3" -v a="$a" -v u="$5" -v n="$6" 'BEGIN {
    if (u == "mibs") { ou = sprintf("%.1f MiB/s", n / o); au = sprintf("%.1f MiB/s", n / a) }
    else { ou = sprintf("%.3f ms/file", o * 1000 / n); au = sprintf("%.3f ms/file", a * 1000 / n) }
    printf "%-40s %9.3f s %15s | %-25s %8.3f s %15s | %7.2f\n", m, o, ou, an, a, au, o / a }'
}
printf '\nTransfer benchmark: medians of %d runs, ours and anchors interleaved; ratio = ours / anchor\n' "$runs"
printf '%-40s %27s | %-25s %26s | %7s\n' measure ours anchor "" ratio
row "1. big file push A->B ($big_mib MiB)" big_push "rsync -a FILE DIR/" big_rsync mibs "$big_mib"
row "1. big file push A->B ($big_mib MiB)" big_push "rsync daemon (loopback)" big_rsyncd mibs "$big_mib"
row "2. big file upload to A ($big_mib MiB)" big_upload "cp FILE DEST && sync DEST" big_cp mibs "$big_mib"
row "3. small push A->B ($small_count x 16 KiB)" small_push "rsync -a TREE/ DEST/" small_rsync msfile "$small_count"
row "4. small upload to A ($small_count x 16 KiB)" small_upload "cp -r TREE DEST && sync" small_cp msfile "$small_count"
for c in $growth; do
  row "5. growth, push: $c files (1 run)" "grow_push_$c" "rsync -a TREE/ DEST/" "grow_rsync_$c" msfile "$c"
  row "5. growth, upload: $c files (1 run)" "grow_upload_$c" "cp -r TREE DEST && sync" "grow_cp_$c" msfile "$c"
done
mib() { awk -v k="${peak_kib[$1]:-0}" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
printf '6. peak RSS (VmHWM), big file upload+push:   A %s, B %s\n' "$(mib big:bench_a)" "$(mib big:bench_b)"
printf '6. peak RSS (VmHWM), small files upload+push: A %s, B %s\n' "$(mib small:bench_a)" "$(mib small:bench_b)"
for c in $growth; do
  printf '6. peak RSS (VmHWM), growth, %6d files:     A %s, B %s (B answering the check search of %d files: %s)\n' \
    "$c" "$(mib "grow$c:bench_a")" "$(mib "grow$c:bench_b")" "$c" "$(mib "grow$c-search:bench_b")"
done
# The numbers depend on what else the machine does; say how busy it was.
printf 'load average at start: %s; at end: %s (%s CPUs)\n' "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
