package main

import (
	"encoding/csv"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/report"
)

// A training store of synthetic records gave a list of reviews due and a
// patient handout that looked like a real team's and a real patient's:
// only the 999 test numbers and the clinician "synthetic" hinted
// otherwise, though summaries and exports carry the SYNTHETIC banner. The
// list (as text and as CSV, on every row) and the handout now say they are
// test data.
func TestTheDueListAndHandoutOfASyntheticStoreSayTheyAreTestData(t *testing.T) {
	db := filepath.Join(t.TempDir(), "training.db")
	if _, stderr, err := runCLI(t, nil, "", "--db", db, "--team", "Ward 7", "synthetic", "--count", "40"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, stderr)
	}

	text, stderr, err := runCLI(t, nil, "", "--db", db, "due", "--within", "3660")
	if err != nil {
		t.Fatalf("due: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(text, report.SyntheticBanner+"\n") {
		t.Errorf("the list of reviews due of a synthetic store does not begin with %q:\n%s", report.SyntheticBanner, text)
	}

	out, stderr, err := runCLI(t, nil, "", "--db", db, "due", "--within", "3660", "--format", "csv")
	if err != nil {
		t.Fatalf("due --format csv: %v\n%s", err, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("due --format csv: %d rows, %v:\n%s", len(rows), err, out)
	}
	col := slices.Index(rows[0], "synthetic")
	if col < 0 {
		t.Fatalf("the CSV list of reviews due of a synthetic store has no synthetic column: %q", rows[0])
	}
	for _, r := range rows[1:] {
		if r[col] != "yes" {
			t.Errorf("a row of the CSV list of a synthetic store says synthetic %q, want yes: %q", r[col], r)
		}
	}

	id := rows[1][slices.Index(rows[0], "record_id")]
	handout, stderr, err := runCLI(t, nil, "", "--db", db, "show", id, "--handout")
	if err != nil {
		t.Fatalf("show --handout: %v\n%s", err, stderr)
	}
	h := strings.TrimSpace(handout)
	if first, last := strings.SplitN(h, "\n", 2)[0], h[strings.LastIndex(h, "\n\n")+2:]; !strings.Contains(first, "SYNTHETIC TEST DATA") || !strings.Contains(last, "SYNTHETIC TEST DATA") {
		t.Errorf("the handout of a synthetic record does not begin and end saying it is test data:\n%s", handout)
	}
}

// A real store's list of reviews due says nothing of test data, as text
// or CSV: the mark is the synthetic store's alone.
func TestTheDueListOfARealStoreIsNotMarkedAsTestData(t *testing.T) {
	db, _, _ := dueStore(t, []duePatient{{"PAST", "Ward 7", time.Now().AddDate(-2, 0, 0), dueIn(-30)}})
	for _, format := range []string{"text", "csv"} {
		out, stderr, err := runCLI(t, nil, "", "--db", db, "due", "--format", format)
		if err != nil {
			t.Fatalf("due --format %s: %v\n%s", format, err, stderr)
		}
		if !strings.Contains(out, "PAST") {
			t.Fatalf("due --format %s does not list the patient due:\n%s", format, out)
		}
		if strings.Contains(strings.ToLower(out), "synthetic") {
			t.Errorf("due --format %s of a real store speaks of synthetic data:\n%s", format, out)
		}
	}
}
