#!/usr/bin/env bash
# check.sh validates digicheck's FHIR R4 output with the independent
# validator in this folder, for CI:
#
#   tools/fhir-validate/check.sh [FILE...]
#
# It installs the validator from the lockfile, writes the Questionnaire, a
# QuestionnaireResponse for each sample record (every status) and the
# Observations, Flags and ServiceRequests derived from them with the Go
# sample program, validates them together with any FILEs given (say the
# output of `digicheck questionnaire --format fhir` and
# `digicheck export --format fhir`), and then runs the validator's own tests,
# which break the samples on purpose and expect each break to be caught.
# It exits non-zero on any error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

# Files given relative to where check.sh was called from.
extra=()
for f in "$@"; do
  case "$f" in
    /*) extra+=("$f") ;;
    *) extra+=("$PWD/$f") ;;
  esac
done

echo "== fhir-validate: npm ci"
# --ignore-scripts: nothing here needs an install script, and none may
# fetch anything beyond the packages in the lockfile.
(cd "$here" && npm ci --no-audit --no-fund --ignore-scripts)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== fhir-validate: sample output"
(cd "$repo" && go build -o "$out/fhirsample" ./fhir/internal/fhirsample)
"$out/fhirsample" questionnaire >"$out/questionnaire.json"
"$out/fhirsample" responses >"$out/responses.ndjson"
"$out/fhirsample" resources >"$out/resources.ndjson"
echo "   $(wc -l <"$out/responses.ndjson") responses, $(wc -l <"$out/resources.ndjson") resources derived from them"

echo "== fhir-validate: validate"
node "$here/validate.js" "$out/questionnaire.json" "$out/responses.ndjson" "$out/resources.ndjson" ${extra[@]+"${extra[@]}"}

echo "== fhir-validate: instrument version 2 samples (what new assessments write)"
for what in questionnaire responses resources; do "$out/fhirsample" $what 2 >"$out/v2-$what.ndjson"; done
node "$here/validate.js" "$out/v2-questionnaire.ndjson" "$out/v2-responses.ndjson" "$out/v2-resources.ndjson"

echo "== fhir-validate: the validator catches broken resources"
(cd "$here" && FHIR_QUESTIONNAIRE="$out/questionnaire.json" FHIR_RESPONSES="$out/responses.ndjson" FHIR_RESOURCES="$out/resources.ndjson" node --test validate.test.js)
