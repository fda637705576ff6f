package ui

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// TestTheDraftsListShowsStoredTextThatDrawsNothingAsEscapes: a draft kept
// by an earlier build, or written by another tool, can hold a clinician's
// name, a team, a login or a local number with characters that draw
// nothing (a Hangul filler, a Braille blank): the list of unfinished
// assessments printed them raw ("by Dr , team Ward 5 "), as if nothing
// were there, where history and show print "\u3164" (PrintableTyped). The
// list now prints them as history and show do (the patient screen that
// offers a patient's kept draft draws the same lines). The draft is not
// changed.
func TestTheDraftsListShowsStoredTextThatDrawsNothingAsEscapes(t *testing.T) {
	t.Parallel()
	dr := store.Draft{Draft: assess.Draft{
		Patient:           record.PatientID{Kind: record.LocalID, Value: "RX1\u3164"},
		Clinician:         "Dr\u3164Who",
		Team:              "Ward 5\u2800",
		InstrumentVersion: questionnaire.V1.Version,
		Answers:           accessAnswers.Clone(),
		Section:           "motivation",
		Started:           fixedNow,
	}, Login: "nurse\u3164", Saved: fixedNow}
	o := testOptions(nil)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	s := d.screen()
	for _, r := range []rune{'\u3164', '\u2800'} {
		if strings.ContainsRune(s, r) {
			t.Errorf("the list of drafts draws %U raw:\n%s", r, s)
		}
	}
	for _, want := range []string{`Local RX1\u3164`, `by Dr\u3164Who, team Ward 5\u2800`, `(login nurse\u3164)`} {
		if !strings.Contains(flat(s), want) {
			t.Errorf("the list of drafts does not show %s:\n%s", want, s)
		}
	}
	if d.m.drafts[0].Draft.Clinician != "Dr\u3164Who" {
		t.Errorf("the draft was changed: clinician %q", d.m.drafts[0].Draft.Clinician)
	}
}
