package main

import (
	"os"
	"path/filepath"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// Damaged stores, fault 1 of a store with drafts: the records' branch page
// zeroed, the pages of records read on their own, and the pages of drafts
// were taken for pages of records: check counted the drafts as records,
// NDJSON exported them (status ""), and FHIR exported nothing ("unknown
// status"), while CSV and summary read the records alone. A draft is not
// a record: every tool reads the records, and only them.
func TestDraftsAreNotReadAsRecordsUnderADamagedBranchPage(t *testing.T) {
	t.Parallel()
	const n, drafts = 300, 40
	path := syntheticStore(t, "syn", n, 3)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	for range drafts {
		d := store.Draft{}
		d.Patient, d.Clinician = fu.Patient, "Nurse Bea"
		d.InstrumentVersion, d.Section, d.Answers = fu.InstrumentVersion, "skills", fu.Answers
		if err := st.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	bs, size := recordsBranches(t, path)
	buf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	clear(buf[bs[0].id*size : (bs[0].id+1)*size])
	p := filepath.Join(t.TempDir(), "d.db")
	if err := os.WriteFile(p, buf, 0o600); err != nil {
		t.Fatal(err)
	}
	// FHIR writes an assessment's versions as one response: it writes
	// of the damaged store what it writes of the sound.
	want := map[string]tally{"fhir": exportTally(t, path, "fhir")}
	got := map[string]tally{}
	for _, f := range []string{"csv", "ndjson", "fhir"} {
		got[f] = exportTally(t, p, f)
	}
	os.Remove(p + ".damaged")
	got["check"] = checkTally(t, p)
	got["summary"] = summaryTally(t, p)
	for name, g := range got {
		w, ok := want[name]
		if !ok {
			w = tally{read: n}
		}
		if g.read != w.read || g.lost != 0 || len(g.twice) != 0 {
			t.Errorf("%s: %v; want the %d records read, and none of the %d drafts", name, g, n, drafts)
		}
	}
}
