#!/usr/bin/env bash
# check.sh runs digicheck's non-interactive commands as a Windows program
# under Wine, and compares what they print with the Linux build's output.
# It installs Wine and a MinGW compiler from Debian's packages when they are
# missing. Wine 8 (Debian bookworm) lacks bcryptprimitives.dll, which Go
# programs load at start-up, so a small stand-in is compiled for the test
# prefix (see bcryptprimitives.c).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

need=()
command -v wine >/dev/null || need+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
if [ ${#need[@]} -gt 0 ]; then
  echo "== wine: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'wineserver -k >/dev/null 2>&1 || true; wineserver -w >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export WINEDEBUG=-all WINEPREFIX="$work/prefix" WINEDLLOVERRIDES="mscoree,mshtml="
wineboot --init >/dev/null 2>&1 || true
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$here/bcryptprimitives.c" -ladvapi32

(cd "$repo" && GOOS=windows GOARCH=amd64 go build -o "$work/digicheck.exe" . && go build -o "$work/digicheck" .)
win() { wine "$work/digicheck.exe" "$@" | tr -d '\r'; }
lin() { "$work/digicheck" "$@"; }
fail() { echo "wine check failed: $*"; exit 1; }

echo "== wine: --version"
win --version | grep -q "digicheck version" || fail "--version"

echo "== wine: questionnaire (text and FHIR) matches the Linux build"
for f in text fhir; do
  diff <(lin questionnaire --format "$f") <(win questionnaire --format "$f") >/dev/null || fail "questionnaire --format $f differs"
done

echo "== wine: programmes --check"
cp "$repo/examples/programmes.toml" "$work/programmes.toml"
win programmes --check 'Z:'"$work/programmes.toml" | grep -q ": ok$" || fail "good programmes file refused"
printf '[[programme]]\nid = "x"\nbarriers = ["money"]\n' >"$work/bad.toml"
if out=$(win programmes --check 'Z:'"$work/bad.toml" 2>/dev/null); then fail "bad programmes file accepted"; fi
echo "$out" | grep -q 'bad.toml:3: unknown barrier "money"' || fail "no FILE:LINE for the bad file: $out"
diff <(lin programmes --programmes "$work/programmes.toml" | sed 1d | awk '{print $1}') \
     <(win programmes --programmes 'Z:'"$work/programmes.toml" | sed 1d | awk '{print $1}') >/dev/null || fail "directory differs"

echo "== wine: an assessment piped in, then history and show, in the default store"
# The answers of an instrument version 2 assessment with no barrier.
answers='1\n9434765919\nnurse\nWard 5\n1 2\n1 2\n1\n1 2 3 4 5 6\n1\n3\n5\n1\n1\n1\n1\n1\n1\n1\n1\n1\n2\n1\n1\n2\n'
printf "$answers" | win >"$work/new.txt" 2>&1 || { cat "$work/new.txt"; fail "piped assessment"; }
grep -q "Saved 1 assessment" "$work/new.txt" || fail "no Saved in: $(tail -5 "$work/new.txt")"
store=$(find "$WINEPREFIX/drive_c/users" -path '*AppData/Local/digicheck/digicheck.db' | head -1)
[ -n "$store" ] || fail "store not created under %LOCALAPPDATA%"
win history 9434765919 | grep -q "completed" || fail "history"
id=$(win history 9434765919 | awk 'NR==2{print $3}')
win show "$id" | grep -q "Record id: $id" || fail "show"
win show "$id" --handout | grep -q "How we will contact you" || fail "handout"
# The same store read by the Linux build gives the same history.
diff <(lin --db "$store" history 9434765919) <(win history 9434765919) >/dev/null || fail "history differs between builds"

echo "== wine: a bad NHS number is refused"
if win history 9434765918 >/dev/null 2>&1; then fail "wrong check digit accepted"; fi

echo "wine: all checks passed"
