package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/report"
	"digicheck/store"
)

// dueFile runs due -o FILE on the store at path in the format given and
// returns what the file holds (empty when none was put in place) and the
// error due ended with.
func dueFile(t *testing.T, path, format string, extra ...string) (string, error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "due."+format)
	args := append([]string{"--within", "3660", "--format", format, "-o", file}, extra...)
	_, _, err := runStoreCmd(t, path, (*app).dueCmd, args...)
	b, _ := os.ReadFile(file)
	return string(b), err
}

// checkDueMark checks that a list of reviews due written to a file says
// in the file that a patient may be missing from it: on its first line in
// text, in a damaged_store column on every row in CSV, as the exports
// mark a damaged store.
func checkDueMark(t *testing.T, what, format, got string, words ...string) {
	t.Helper()
	if format == "text" {
		first, _, _ := strings.Cut(got, "\n\n")
		first = strings.Join(strings.Fields(first), " ")
		if !strings.HasPrefix(first, "DAMAGED STORE") {
			t.Errorf("%s (text): the file does not open with the mark of the damaged store:\n%s", what, got)
		}
		head, _, _ := strings.Cut(got, "\n\n")
		for _, w := range append([]string{"a patient may be missing from this list"}, words...) {
			// The command to run is on a line of its own under the
			// words (markCommand), not in them.
			if c, ok := strings.CutPrefix(w, "run "); ok {
				if cmd, _ := markCommand(head); cmd != c {
					t.Errorf("%s (text): the head of the file does not give %q on a line of its own:\n%s", what, c, got)
				}
				continue
			}
			if !strings.Contains(first, w) {
				t.Errorf("%s (text): the mark at the file's head does not say %q:\n%s", what, w, got)
			}
		}
		return
	}
	rows, err := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s (csv): %d rows read: %v\n%s", what, len(rows), err, got)
	}
	col := len(rows[0]) - 1
	if rows[0][col] != report.DamagedColumn {
		t.Errorf("%s (csv): the header does not end with %s: %v", what, report.DamagedColumn, rows[0])
	}
	for _, r := range rows[1:] {
		for _, w := range append([]string{"a patient may be missing from this list"}, words...) {
			if !strings.Contains(r[col], w) {
				t.Errorf("%s (csv): a row whose %s does not say %q: %v", what, report.DamagedColumn, w, r)
			}
		}
	}
}

// due -o FILE is what a scheduled task leaves for the team to read: a
// list read with --read-damaged (a store whose newest save may be
// missing, read as of the save before) or with a damaged record left out
// was written with no word that a patient may be missing from it, the
// warnings on standard error only. The file now says so at its head
// (text) or in a damaged_store column of every row (CSV), as the exports
// mark a damaged store; a list of a sound store carries no mark. The exit
// status is kept: 0 for --read-damaged, 1 for a record left out.
func TestADueListWrittenFromADamagedStoreSaysInItselfThatAPatientMayBeMissing(t *testing.T) {
	t.Parallel()
	mk := func() (string, []record.Record) {
		path, rs := storeWith(t, 1)
		st, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		other := testkit.Assessed(t, testkit.Offline(nil))
		other.Patient = record.PatientID{Kind: other.Patient.Kind, Value: "9990000026"}
		if err := st.Save(&other); err != nil {
			t.Fatal(err)
		}
		return path, append(rs, other)
	}
	formats := []string{"text", "csv"}

	sound, _ := mk()
	for _, format := range formats {
		got, err := dueFile(t, sound, format)
		if err != nil || got == "" {
			t.Fatalf("due -o (%s) of a sound store = %v, file %q", format, err, got)
		}
		if strings.Contains(got, "DAMAGED") || strings.Contains(got, report.DamagedColumn) {
			t.Errorf("due -o (%s) of a sound store is marked damaged:\n%s", format, got)
		}
	}

	lost, _ := mk()
	testkit.FlipMetaTxidBit(t, lost, true)
	for _, format := range formats {
		got, err := dueFile(t, lost, format, "--read-damaged")
		if err != nil {
			t.Fatalf("due --read-damaged -o (%s) = %v; want the list written, exit 0", format, err)
		}
		checkDueMark(t, "due --read-damaged -o", format, got, "--read-damaged", "newest save")
	}

	flipped, rs := mk()
	testkit.TamperJSON(t, flipped, "records", rs[0].ID.String(), func(r *record.Record) { r.Clinician = "Someone Else" })
	for _, format := range formats {
		got, err := dueFile(t, flipped, format)
		if err == nil {
			t.Errorf("due -o (%s) with a damaged record ended as a success; want exit 1", format)
		}
		if !strings.Contains(got, "9990000026") && !strings.Contains(got, "999 000 0026") {
			t.Errorf("due -o (%s) with a damaged record does not list the sound patient:\n%s", format, got)
		}
		checkDueMark(t, "due -o with a damaged record", format, got, "1 record could not be read")
	}
}
