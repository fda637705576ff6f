package ui

import (
	"strings"
	"testing"
)

// TestTheChangedPatientsDraftNoticeNamesEscAsItsTextDoes: the notice of a
// draft of the patient the review was changed to says "Esc changes the
// patient", and its help line said "esc back"; the notice of a patient
// assessed before says "esc change the patient". Both now name esc alike,
// as what it does.
func TestTheChangedPatientsDraftNoticeNamesEscAsItsTextDoes(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("n")
	toReviewWithLocal(d, "H777")
	changeToNHSAtReview(d, "H777")
	d.waitFor("this patient has an unfinished assessment", "Esc changes the patient.")
	if f := flat(d.screen()); !strings.Contains(f, "esc change the patient") || strings.Contains(f, "esc back") {
		t.Fatalf("the draft notice's help line does not name esc as its text does (\"esc change the patient\"):\n%s", d.screen())
	}
}

// TestTheChangedPatientsDraftNoticeIsWholeAt60x20: at 60x20 the notice of
// a draft of the patient the review was changed to lost its last line,
// "Esc changes the patient.", below the rows the screen gives it, with
// nothing to say a line was missing. Its blank lines give way first, so
// the whole of it is read.
func TestTheChangedPatientsDraftNoticeIsWholeAt60x20(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	d := newDriver(t, o, 60, 20)
	d.waitFor("Unfinished assessments")
	d.press("n")
	toReviewWithLocal(d, "H777")
	changeToNHSAtReview(d, "H777")
	d.waitFor("this patient has an")
	checkFits(t, d.m.View().Content, 60, 20)
	f := flat(d.screen())
	for _, want := range []string{"An unfinished assessment of NHS 943 476 5919 is kept as a draft:", "by Nurse Bea Draft", "the draft is kept as it is. Esc changes the patient.", "esc change the patient"} {
		if !strings.Contains(f, want) {
			t.Fatalf("at 60x20 the notice does not say %q:\n%s", want, d.screen())
		}
	}
}
