#!/usr/bin/env bash
# Uploads one large file through the real CLI to a real server and reports time and peak memory of
# both processes, with ratios against cp (bytes moved) and xxhsum (hashing).
# Usage: upload_memory.sh LIBRARIAN-SERVER LIBRARIAN [SIZE_MIB]   (default 4096 MiB)
set -euo pipefail
server_bin="$1"; cli_bin="$2"; size_mib="${3:-${LIBRARIAN_BENCH_MIB:-4096}}"
work="$(mktemp -d "${TMPDIR:-/tmp}/librarian-bench.XXXXXX")"
. "$(dirname "${BASH_SOURCE[0]}")/lib/one_server.sh"

echo "creating a ${size_mib} MiB random file..."
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"

start_server
idle_kib="$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)"

sync
t0=$(date +%s.%N)
LIBRARIAN_CLIENT_CONFIG="$work/client.json" /usr/bin/time -f "%M" -o "$work/client.rss" \
  "$cli_bin" upload bench "$work/big.bin" bench/big.bin > /dev/null
t1=$(date +%s.%N)
server_peak_kib="$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)"
client_peak_kib="$(cat "$work/client.rss")"
cmp -s "$work/big.bin" "$work/store/bench/big.bin" || { echo "stored bytes differ!"; exit 1; }

t2=$(date +%s.%N); cp "$work/big.bin" "$work/copy.bin"; sync; t3=$(date +%s.%N)
t4=$(date +%s.%N); xxhsum -H2 "$work/big.bin" > /dev/null; t5=$(date +%s.%N)

upload_s=$(echo "$t1 - $t0" | bc -l); cp_s=$(echo "$t3 - $t2" | bc -l); hash_s=$(echo "$t5 - $t4" | bc -l)
printf 'file:                 %d MiB\n' "$size_mib"
printf 'upload (hash+send+verify+commit): %.2f s  (%.0f MiB/s)\n' "$upload_s" "$(echo "$size_mib / $upload_s" | bc -l)"
printf 'cp:                   %.2f s  -> upload/cp ratio %.2f\n' "$cp_s" "$(echo "$upload_s / $cp_s" | bc -l)"
printf 'xxhsum -H2:           %.2f s  -> upload/xxhsum ratio %.2f\n' "$hash_s" "$(echo "$upload_s / $hash_s" | bc -l)"
printf 'server RSS idle %d MiB, peak %d MiB; client peak RSS %d MiB\n' \
  "$((idle_kib / 1024))" "$((server_peak_kib / 1024))" "$((client_peak_kib / 1024))"
# Memory must not grow with the file: fail if either process peaks above 256 MiB.
[ "$server_peak_kib" -lt 262144 ] && [ "$client_peak_kib" -lt 262144 ] || { echo "memory not flat"; exit 1; }
