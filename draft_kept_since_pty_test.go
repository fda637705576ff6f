//go:build !windows

package main

import (
	"path/filepath"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFullScreenSaysAPatientsDraftKeptInAnotherWindowSinceItBegan: a
// window started on a free store read the drafts only as it began. A
// patient whose draft another window kept since then went straight to the
// first question (so too at p on the review, and the list at n after a
// save left the draft out), and the save made a second assessment beside
// the draft. The store's drafts are read as the patient is given.
func TestTheFullScreenSaysAPatientsDraftKeptInAnotherWindowSinceItBegan(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	// Another window keeps a draft of the patient, after this one began.
	other, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	d.Clinician, d.Team = "Dr Cat", "Ward 7"
	d.InstrumentVersion, d.Section = questionnaire.Current.Version, "skills"
	d.Answers = questionnaire.Answers{questionnaire.LinkDevices: r.Answers[questionnaire.LinkDevices]}
	if err := other.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := other.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	writeKeys(t, tm, 0, highBarrier[:firstAnswer]...)
	tm.waitFor("this patient has an unfinished assessment", "An unfinished assessment of NHS 943 476 5919 is kept as a draft", "by Dr Cat, team Ward 7")
}
