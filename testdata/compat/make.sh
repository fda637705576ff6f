#!/usr/bin/env bash
# Writes the expected outputs of the fixture stores, as the build that made
# them printed them. Run from this folder with that build:
#   bash make.sh /path/to/digicheck
# real-v1.db: two assessments made with the plain prompts, one voided, one
# amended and then followed up in the full-screen UI, and one draft left
# unfinished. synthetic-v1.db: `synthetic --count 300 --seed 11 --from
# 2026-01-01 --to 2026-11-30`. Both were made by the build of commit
# d300026 (the last before record ids were typed).
set -euo pipefail
bin=${1:?give the digicheck binary that made the stores}
export TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for db in real-v1 synthetic-v1; do
  cp "$db.db" "$tmp/$db.db"
  "$bin" --db "$tmp/$db.db" check | grep -v '^Store:' > "$db.check.txt"
  "$bin" --db "$tmp/$db.db" summary --exact --format csv > "$db.summary.csv"
  for f in csv ndjson fhir; do
    "$bin" --db "$tmp/$db.db" export --format "$f" --identifiable -o "$tmp/$db.$f" > /dev/null 2>&1
    cp "$tmp/$db.$f" "$db.export.$f"
  done
done
