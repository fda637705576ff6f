#!/usr/bin/env bash
# sqlite-check.sh checks `digicheck summary` against SQL, for CI:
#
#   tools/sqlite-check.sh                 build, generate, export, compare
#   tools/sqlite-check.sh --print-sql BY  print the SQL run over the CSV
#                                         (BY is month or week), for
#                                         benchmarks to time the same work
#
# It builds digicheck, makes a store of synthetic assessments (with
# follow-ups, amendments and voids), exports it with `export --format csv`,
# loads the CSV into sqlite3 with `.import --csv`, and counts it again in
# SQL: the counting rule (the latest version of each assessment, never one
# entered in error, in the period of its first version) and every count of
# `summary --exact --format csv`, by month and by week, overall, by period
# by each equity field and by team. It exits non-zero on any difference.
#
# The SQL shares no code with digicheck: it reads only the CSV and the
# documented meaning of its columns.
#
# Environment: COUNT (records, default 20000), DIGICHECK (a digicheck
# binary to use instead of building one), TZ (default Europe/London, so
# local dates differ from UTC ones in summer).
set -euo pipefail

# period_sql BY: the SQL expression of a counted record's period.
period_sql() {
  case "$1" in
    month) echo "substr(adate, 1, 7)" ;;
    week) echo "date(adate, 'weekday 0', '-6 days')" ;;
    *) echo "unknown period $1" >&2; exit 2 ;;
  esac
}

# summary_sql BY prints SQL that, over a table `records` imported from the
# CSV export, prints period,breakdown,group,measure,category,count for
# every count the summary makes, as CSV rows.
summary_sql() {
  local period
  period=$(period_sql "$1")
  local domains=(access skills motivation trust)
  local breakdowns=(age disability benefits language ethnicity postcode)

  cat <<SQL
-- Each version's assessment: walk amends back to the first version.
CREATE INDEX IF NOT EXISTS records_id ON records(id);
CREATE INDEX IF NOT EXISTS records_amends ON records(amends);
DROP TABLE IF EXISTS roots;
CREATE TEMP TABLE roots AS
WITH RECURSIVE r(id, root) AS (
  SELECT id, id FROM records WHERE amends = ''
  UNION ALL
  SELECT records.id, r.root FROM records JOIN r ON records.amends = r.id
)
SELECT id, root FROM r;
CREATE INDEX roots_id ON roots(id);

-- What is counted: versions no other record amends, not entered in error,
-- in the period and team of their first version.
DROP TABLE IF EXISTS counted;
CREATE TEMP TABLE counted AS
SELECT c.*, first.date AS adate, first.team AS ateam
FROM records c
JOIN roots ON roots.id = c.id
JOIN records first ON first.id = roots.root
WHERE c.status <> 'entered-in-error'
  AND NOT EXISTS (SELECT 1 FROM records s WHERE s.amends = c.id);
CREATE INDEX counted_id ON counted(id);

-- Referrals and outcomes, one row each, with the columns they are grouped
-- by: a ;-list of programme ids is turned into a JSON array (ids are
-- letters, digits and -) for json_each.
CREATE TEMP TABLE refs AS
SELECT c.id, c.adate, c.ateam, c.equity_age, c.equity_disability, c.equity_benefits, c.equity_language,
  c.equity_ethnicity, c.equity_postcode, j.value AS prog,
  CASE WHEN instr(';' || c.referrals_agreed || ';', ';' || j.value || ';') > 0 THEN 'agreed'
       WHEN instr(';' || c.referrals_declined || ';', ';' || j.value || ';') > 0 THEN 'declined'
       WHEN instr(';' || c.referrals_not_discussed || ';', ';' || j.value || ';') > 0 THEN 'not-discussed'
       ELSE 'not-recorded' END AS consent
FROM counted c, json_each('["' || replace(c.referrals_offered, ';', '","') || '"]') j
WHERE c.referrals_offered <> '';

CREATE TEMP TABLE outs AS
SELECT o.*, j.value AS prog
FROM (SELECT id, adate, ateam, equity_age, equity_disability, equity_benefits, equity_language, equity_ethnicity, equity_postcode,
        'attended' AS outcome, outcomes_attended AS list FROM counted WHERE outcomes_attended <> ''
      UNION ALL SELECT id, adate, ateam, equity_age, equity_disability, equity_benefits, equity_language, equity_ethnicity, equity_postcode,
        'helped', outcomes_helped FROM counted WHERE outcomes_helped <> ''
      UNION ALL SELECT id, adate, ateam, equity_age, equity_disability, equity_benefits, equity_language, equity_ethnicity, equity_postcode,
        'not-taken-up', outcomes_not_taken_up FROM counted WHERE outcomes_not_taken_up <> '') o,
     json_each('["' || replace(o.list, ';', '","') || '"]') j;
SQL

  # Each grouping: its period, breakdown and group as SQL, and what to
  # group by.
  local gp=("'all'" "$period") gb=("'all'" "'all'") gg=("'all'" "'all'") gby=("" "GROUP BY 1")
  local b
  for b in "${breakdowns[@]}"; do
    gp+=("'all'")
    gb+=("'equity.$b'")
    gg+=("CASE WHEN equity_$b = '' THEN 'not-answered' ELSE equity_$b END")
    gby+=("GROUP BY 3")
  done
  # By team: the team of each assessment's first version.
  gp+=("'all'")
  gb+=("'team'")
  gg+=("ateam")
  gby+=("GROUP BY 3")

  # Wide counts per group, one scan per grouping, then unpivoted.
  local cols="COUNT(*) AS assessed"
  local names=("assessed|")
  local d c
  for d in "${domains[@]}"; do
    for c in none some significant; do
      cols+=", SUM(band_$d = '$c') AS \"band.$d/$c\""
      names+=("band.$d|$c")
    done
  done
  for c in nhs-app email sms phone letter carer in-person; do
    cols+=", SUM(primary_route = '$c') AS \"primary/$c\""
    names+=("primary|$c")
  done
  cols+=", SUM(choice <> '' AND choice_honoured = 'yes') AS \"choice/honoured\""
  cols+=", SUM(choice <> '' AND choice_honoured <> 'yes') AS \"choice/not-honoured\""
  cols+=", SUM(choice = '') AS \"choice/no-preference\""
  names+=("choice|honoured" "choice|not-honoured" "choice|no-preference")
  cols+=", SUM(referrals_offered <> '') AS \"referred/offered-any\", SUM(referrals_agreed <> '') AS \"referred/agreed-any\""
  cols+=", SUM(referrals_not_discussed <> '') AS \"referred/not-discussed-any\""
  names+=("referred|offered-any" "referred|agreed-any" "referred|not-discussed-any")
  # A follow-up made with another instrument version compares only the
  # domains both band alike; the others are empty, and not compared.
  local followup="(change_access <> '' OR change_skills <> '' OR change_motivation <> '' OR change_trust <> '')"
  cols+=", SUM($followup) AS \"followup/compared\""
  names+=("followup|compared")
  for d in "${domains[@]}"; do
    cols+=", SUM($followup AND change_$d = '') AS \"followup.$d/not-compared\""
    names+=("followup.$d|not-compared")
    for c in better same worse; do
      cols+=", SUM(change_$d = '$c') AS \"followup.$d/$c\""
      names+=("followup.$d|$c")
    done
  done
  cols+=", SUM(change_primary = 'changed') AS \"followup.primary/changed\", SUM(change_primary = 'same') AS \"followup.primary/same\""
  names+=("followup.primary|changed" "followup.primary|same")

  echo "CREATE TEMP TABLE agg AS"
  local i first=1
  for i in "${!gp[@]}"; do
    [ $first = 1 ] || echo "UNION ALL"
    first=0
    echo "SELECT ${gp[$i]} AS period, ${gb[$i]} AS breakdown, ${gg[$i]} AS grp, $cols FROM counted ${gby[$i]}"
  done
  echo ";"
  echo ".headers off"
  echo ".mode csv"
  local n col
  first=1
  for n in "${names[@]}"; do
    col="${n%%|*}/${n#*|}"
    [ "${n#*|}" = "" ] && col="assessed"
    [ $first = 1 ] || echo "UNION ALL"
    first=0
    local cat="'${n#*|}'"
    [ "${n#*|}" = "" ] && cat=NULL # printed empty, as the summary writes it
    echo "SELECT period, breakdown, grp, '${n%%|*}', $cat, \"$col\" FROM agg"
  done
  echo ";"
  # Programmes: referrals by consent and outcomes, one scan per grouping;
  # offers and outcomes recorded are their sums.
  local t what
  for t in refs outs; do
    what=consent
    [ $t = outs ] && what=outcome
    echo "CREATE TEMP TABLE ${t}_agg AS"
    first=1
    for i in "${!gp[@]}"; do
      local by="GROUP BY prog, $what"
      [ -n "${gby[$i]}" ] && by="${gby[$i]}, prog, $what"
      [ $first = 1 ] || echo "UNION ALL"
      first=0
      echo "SELECT ${gp[$i]} AS period, ${gb[$i]} AS breakdown, ${gg[$i]} AS grp, prog, $what AS what, COUNT(*) AS n FROM $t $by"
    done
    echo ";"
  done
  echo "SELECT period, breakdown, grp, 'referral.offered', prog, SUM(n) FROM refs_agg GROUP BY 1, 2, 3, 5;"
  echo "SELECT period, breakdown, grp, 'referral.' || what, prog, n FROM refs_agg;"
  echo "SELECT period, breakdown, grp, 'outcome.recorded', prog, SUM(n) FROM outs_agg GROUP BY 1, 2, 3, 5;"
  echo "SELECT period, breakdown, grp, 'outcome.' || what, prog, n FROM outs_agg;"
}
if [ "${1:-}" = "--print-sql" ]; then
  summary_sql "${2:-month}"
  exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
export TZ="${TZ:-Europe/London}"
count="${COUNT:-20000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v sqlite3 >/dev/null || { echo "sqlite-check: sqlite3 is not installed" >&2; exit 1; }

bin="${DIGICHECK:-}"
if [ -z "$bin" ]; then
  echo "== sqlite-check: build"
  (cd "$repo" && go build -o "$work/digicheck" .)
  bin="$work/digicheck"
fi
if ! "$bin" summary --help >/dev/null 2>&1; then
  echo "sqlite-check: $bin has no summary command (is it registered in main.go?)" >&2
  exit 1
fi

db="$work/synthetic.db"
echo "== sqlite-check: $count synthetic records (TZ=$TZ)"
"$bin" --db "$db" synthetic --count "$count" --from 2025-01-01 --to 2025-12-31 --seed 42
"$bin" keygen "$work/key" 2>/dev/null

echo "== sqlite-check: export --format csv, .import --csv"
"$bin" --db "$db" export --format csv --key-file "$work/key" -o "$work/export.csv"
# A header, a row a record, and the end mark's row last (its end_mark
# column holds the count of rows above it; every record's is empty).
rows=$(($(wc -l <"$work/export.csv") - 2))
if [ "$rows" != "$count" ]; then
  echo "sqlite-check: the CSV has $rows rows for $count records" >&2
  exit 1
fi
sqlite3 "$work/check.sqlite" ".import --csv $work/export.csv records"
marks=$(sqlite3 "$work/check.sqlite" "SELECT end_mark FROM records WHERE end_mark <> ''")
if [ "$marks" != "$count" ]; then
  echo "sqlite-check: the CSV's end mark says '$marks', not the $count records above it" >&2
  exit 1
fi
sqlite3 "$work/check.sqlite" "DELETE FROM records WHERE end_mark <> ''"

status=0
for by in month week; do
  echo "== sqlite-check: summary --exact --format csv --by $by against SQL"
  # period,breakdown,group,measure,category,count of every count above zero
  # (quotes dropped: sqlite3 quotes a team name with spaces, Go's CSV
  # writer does not; the synthetic teams have no comma or quote in them)
  # Every assessment the store holds (made from 2025-01-01 to 2025-12-31),
  # in whole weeks and months: a summary given no dates counts the last
  # whole period only, and the SQL counts them all.
  "$bin" --db "$db" summary --exact --format csv --by "$by" --from 2024-12-01 --to 2026-01-31 2>/dev/null |
    tail -n +2 | tr -d '\r"' | cut -d, -f1-6 | awk -F, '$6 > 0' | LC_ALL=C sort >"$work/summary-$by.csv"
  summary_sql "$by" | sqlite3 -bail "$work/check.sqlite" |
    tr -d '\r"' | awk -F, '$6 > 0' | LC_ALL=C sort >"$work/sql-$by.csv"
  n=$(wc -l <"$work/summary-$by.csv")
  if [ "$n" -lt 100 ]; then
    echo "sqlite-check: only $n counts by $by; the check proves little" >&2
    status=1
  fi
  [ -n "${KEEP:-}" ] && cp "$work/sql-$by.csv" "$work/summary-$by.csv" "$KEEP"/
  if diff -u "$work/sql-$by.csv" "$work/summary-$by.csv" >"$work/diff-$by"; then
    echo "   $n counts agree"
  else
    echo "sqlite-check: summary by $by differs from SQL (- SQL, + summary):" >&2
    head -40 "$work/diff-$by" >&2
    status=1
  fi
done
exit $status
