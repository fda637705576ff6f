package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// The plain prompts, stopped with answers kept as a draft, said "Run
// digicheck to resume it", and a follow-up's draft refused (the patient
// assessed, or the assessment amended, since it was started) said "follow
// the patient up again (digicheck followup NUMBER)": run as shown, on a
// run started with --db or --config, they found no store, or another. They
// now carry this run's --db and --config, as the full screen's do.

const givenHere = " --db /wards/ward9.db"

func TestPlainPromptsStopWordsSayHowToResumeInThisStore(t *testing.T) {
	t.Parallel()
	patient := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	base := testkit.Assessed(t, testkit.Included(nil))
	base.ID, _ = record.NewID()
	for _, c := range []struct {
		name              string
		amends, followsUp *record.Record
	}{
		{"new assessment", nil, nil},
		{"amendment", &base, nil},
		{"follow-up", nil, &base},
	} {
		if said := stoppedWords(patient, 0, c.amends, c.followsUp, givenHere); !strings.Contains(said, "Run digicheck"+givenHere+" to resume it") {
			t.Errorf("%s: the stop says %q; want how to resume it with this run's --db", c.name, said)
		}
	}
	if said := stoppedWords(record.PatientID{}, 0, &base, nil, givenHere); !strings.Contains(said, "run digicheck amend "+base.ID.String()+" --reason …"+givenHere) {
		t.Errorf("an amendment stopped unchanged says %q; want how to amend again with this run's --db", said)
	}
}

func TestARefusedFollowUpDraftSaysHowToFollowUpInThisStore(t *testing.T) {
	t.Parallel()
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := testkit.Assessed(t, testkit.Included(nil))
	base.Time = time.Now().Add(-2 * time.Hour)
	if err := st.Save(&base); err != nil {
		t.Fatal(err)
	}
	again := testkit.Assessed(t, testkit.Included(nil))
	again.Patient, again.Time = base.Patient, time.Now().Add(-time.Hour)
	if err := st.Save(&again); err != nil {
		t.Fatal(err)
	}
	msg, ok := assessedSince(st, base, givenHere)
	if want := "digicheck" + givenHere + " followup " + base.Patient.Value; !ok || !strings.Contains(msg, want) {
		t.Errorf("a follow-up's draft of an assessment the patient has a later one of says %q (%v); want %q", msg, ok, want)
	}

	amended := base
	amended.ID, _ = record.NewID()
	amended.Amends, amended.Time, amended.AmendReason = base.ID, time.Now(), "typo"
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	msg, ok = movedOn(st, base, "followed up", givenHere)
	if want := "digicheck" + givenHere + " followup " + base.Patient.Value; !ok || !strings.Contains(msg, want) {
		t.Errorf("a follow-up's draft of an assessment amended since says %q (%v); want %q", msg, ok, want)
	}
	msg, ok = movedOn(st, base, "amended", givenHere)
	if want := "digicheck" + givenHere + " amend "; !ok || !strings.Contains(msg, want) {
		t.Errorf("an amendment's draft of an assessment amended since says %q (%v); want %q", msg, ok, want)
	}
}
