#!/usr/bin/env bash
# Uploads a folder of many small files (default 10000 x 16 KiB in 100 folders) through the real CLI
# to a real server, and compares the time with `cp -r` + `sync` of the same folder.
# Usage: upload_smallfiles.sh LIBRARIAN-SERVER LIBRARIAN [FILES] [KIB] [FOLDERS]
# With LIBRARIAN_BENCH_STRACE=1 the server runs under `strace -c -f` and its syscall summary
# (fsync/fdatasync counts) is printed afterwards.
set -euo pipefail
server_bin="$1"; cli_bin="$2"; files="${3:-10000}"; kib="${4:-16}"; folders="${5:-100}"
work="$(mktemp -d "${TMPDIR:-/tmp}/librarian-bench.XXXXXX")"
. "$(dirname "${BASH_SOURCE[0]}")/lib/one_server.sh"

echo "creating $files files of $kib KiB in $folders folders..."
head -c "$((files * kib * 1024))" /dev/urandom > "$work/all.bin"
mkdir -p "$work/tree"
for f in $(seq 0 $((folders - 1))); do mkdir -p "$work/tree/d$f"; done
( cd "$work/tree" && split -a 6 -d -b "$((kib * 1024))" "$work/all.bin" chunk. )
i=0
for c in "$work"/tree/chunk.*; do mv "$c" "$work/tree/d$((i % folders))/f$i.bin"; i=$((i + 1)); done
rm "$work/all.bin"

if [ "${LIBRARIAN_BENCH_STRACE:-0}" = 1 ]; then
  start_server strace -c -f -o "$work/strace.txt"
else
  start_server
fi
sync
t0=$(date +%s.%N)
LIBRARIAN_CLIENT_CONFIG="$work/client.json" "$cli_bin" upload bench "$work/tree" bench/tree > /dev/null
t1=$(date +%s.%N)
stored="$(find "$work/store/bench/tree" -type f | wc -l)"
[ "$stored" = "$files" ] || { echo "stored $stored files of $files!"; exit 1; }
diff -r -q "$work/tree" "$work/store/bench/tree" > /dev/null || { echo "stored bytes differ!"; exit 1; }

sync
t2=$(date +%s.%N); cp -r "$work/tree" "$work/copy"; sync; t3=$(date +%s.%N)

upload_s=$(echo "$t1 - $t0" | bc -l); cp_s=$(echo "$t3 - $t2" | bc -l)
printf 'files:                %d x %d KiB in %d folders\n' "$files" "$kib" "$folders"
printf 'upload:               %.2f s  (%.2f ms a file)\n' "$upload_s" "$(echo "$upload_s * 1000 / $files" | bc -l)"
printf 'cp -r + sync:         %.2f s  -> upload/cp ratio %.2f\n' "$cp_s" "$(echo "$upload_s / $cp_s" | bc -l)"
if [ "${LIBRARIAN_BENCH_STRACE:-0}" = 1 ]; then
  # strace ignores the signal meant for the server: stop the server itself, strace then reports.
  kill -TERM "$(pgrep -P "$server_pid")"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "server syscalls (strace -c -f), the busiest and the syncs:"
  head -n 14 "$work/strace.txt"
  grep -E ' (fsync|fdatasync|syncfs|renameat2|openat)$' "$work/strace.txt" || true
fi
