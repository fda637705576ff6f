#!/usr/bin/env bash
# kill-export-backup.sh: a fault campaign for issue 14 item 5. It SIGKILLs
# `export -o` and `backup` at random moments, then runs the next export or
# backup, and counts, per try, what went wrong:
#   partial   a destination file that is there but not complete
#   leftover  a digicheck temporary still present after the next run
#   lost      the store no longer passes check or holds fewer records
#
#   tools/kill-export-backup.sh [TRIES] [RECORDS]
#
# Environment: DIGICHECK (a binary to use instead of building one).
set -euo pipefail
tries=${1:-40}
records=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${DIGICHECK:-}
if [ -z "$bin" ]; then
  (cd "$(dirname "$0")/.." && go build -o "$work/digicheck" .)
  bin=$work/digicheck
fi
mkdir -p "$work/store" "$work/out" "$work/backups"
db=$work/store/digicheck.db
"$bin" --db "$db" synthetic --count "$records" --seed 5 >/dev/null 2>&1
"$bin" keygen "$work/site.key" 2>/dev/null
temps() { find "$work/store" "$work/out" "$work/backups" -name '.*.tmp' | wc -l; } # any hidden temporary, old names too

fail_partial=0 fail_left=0 fail_lost=0 killed_mid=0
for kind in export backup; do
  for i in $(seq 1 "$tries"); do
    if [ $kind = export ]; then
      dest=$work/out/e$i.csv
      "$bin" --db "$db" export --format ndjson --key-file "$work/site.key" -o "$dest" 2>/dev/null &
    else
      dest=$work/backups/b$i.db
      "$bin" --db "$db" backup "$dest" >/dev/null 2>&1 &
    fi
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
    kill -KILL $pid 2>/dev/null && killed_mid=$((killed_mid + 1)) || true
    wait $pid 2>/dev/null || true
    # A destination that exists must be complete.
    if [ -e "$dest" ]; then
      if [ $kind = export ]; then
        [ "$(wc -l <"$dest")" = "$records" ] || { echo "partial export $dest"; fail_partial=$((fail_partial + 1)); }
      else
        "$bin" --db "$dest" check >/dev/null 2>&1 || { echo "partial backup $dest"; fail_partial=$((fail_partial + 1)); }
      fi
    fi
    # The next run sweeps what the killed one left.
    if [ $kind = export ]; then
      "$bin" --db "$db" export --format csv --key-file "$work/site.key" -o "$work/out/next$i.csv" 2>/dev/null
      rm -f "$work/out/next$i.csv"
    else
      "$bin" --db "$db" backup "$work/backups/next$i.db" >/dev/null 2>&1
      rm -f "$work/backups/next$i.db"
    fi
    left=$(temps)
    [ "$left" = 0 ] || { echo "try $kind $i: $left temporaries left"; fail_left=$((fail_left + 1)); }
    rm -f "$dest"
  done
done
if ! "$bin" --db "$db" check >/dev/null 2>&1; then fail_lost=$((fail_lost + 1)); fi
n=$("$bin" --db "$db" export --format csv --identifiable 2>/dev/null | tail -n +2 | wc -l)
[ "$n" = "$records" ] || { echo "store holds $n records, not $records"; fail_lost=$((fail_lost + 1)); }
echo "$((2 * tries)) tries ($killed_mid killed mid-run): partial destinations $fail_partial, temporaries left after the next run $fail_left, store damaged or records lost $fail_lost"
[ $((fail_partial + fail_left + fail_lost)) = 0 ]
