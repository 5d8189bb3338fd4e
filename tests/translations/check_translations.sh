#!/usr/bin/env bash
# Fails when a committed .ts file misses a text of the sources, keeps one they no longer have, or
# leaves one untranslated. Fix: cmake --build build --target update_translations, then translate
# the new entries (Qt Linguist) and commit.
# usage: check_translations.sh LUPDATE WORKDIR TS-FILE... -- SOURCE...
set -euo pipefail
lupdate="$1" work="$2"
shift 2
ts=()
while [ "$1" != "--" ]; do ts+=("$1"); shift; done
shift
mkdir -p "$work"
status=0
for file in "${ts[@]}"; do
  copy="$work/$(basename "$file")"
  cp "$file" "$copy"
  report=$("$lupdate" -no-obsolete -locations none "$@" -ts "$copy" 2>&1)
  if ! cmp -s "$file" "$copy"; then
    echo "$(basename "$file") is not in step with the sources:"
    diff -u "$file" "$copy" | grep '^[-+] *<source>' | head -20 || true
    echo "$report" | tail -3
    status=1
  fi
  unfinished=$(grep -c 'type="unfinished"' "$file" || true)
  if [ "$unfinished" != 0 ]; then
    echo "$(basename "$file"): $unfinished text(s) not translated yet"
    status=1
  fi
done
[ $status = 0 ] && echo "translations in step: ${ts[*]##*/}"
exit $status
