package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// An amendment whose corrected answers need nothing extra drops the
// interpreter the version it amends booked, and nothing said so: not the
// result, not the note that replaces the earlier one in the patient
// record, not the handout, though the patient holds the earlier handout
// ("We will book an interpreter who speaks Polish"). Each now says which
// adjustments of the version amended stop, in both front ends.

// noInterpreterAmendment is an amendment of firstVisit (an interpreter
// for Polish, help reading often), saved in a store of its own, kept as
// a draft at its review with the answers corrected to need nothing extra:
// the reading help's adjustment stays, the interpreter's stops.
func noInterpreterAmendment(t *testing.T) (st *store.Store, prev record.Record, dr store.Draft, stopped []questionnaire.Adjustment) {
	t.Helper()
	prev, fu, stopped, _ := noMoreInterpreter(t)
	st = tempStore(t)
	if err := st.Save(&prev); err != nil {
		t.Fatal(err)
	}
	d := assess.Draft{ID: fu.ID, Patient: prev.Patient, Clinician: prev.Clinician, Team: prev.Team,
		InstrumentVersion: fu.InstrumentVersion, Answers: fu.Answers, Amends: prev.ID, AmendReason: "no interpreter needed, recorded in error"}
	return st, prev, store.Draft{Draft: d}, stopped
}

// saysAmendmentStops fails t unless text, from where it says so, names
// each of stopped as stopping with the amendment.
func saysAmendmentStops(t *testing.T, where, text string, stopped []questionnaire.Adjustment) {
	t.Helper()
	f := flat(text)
	at := strings.Index(f, "stop with this amendment")
	if at < 0 {
		t.Errorf("%s does not say which adjustments stop:\n%s", where, text)
		return
	}
	for _, a := range stopped {
		if !strings.Contains(f[at:], flat(a.Text)) {
			t.Errorf("%s does not say that %q stops:\n%s", where, a.Text, text)
		}
	}
}

func TestAnAmendmentSaysWhichAdjustmentsOfTheVersionAmendedStopInItsResultNoteAndHandout(t *testing.T) {
	t.Parallel()
	st, prev, dr, stopped := noInterpreterAmendment(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: dr, Base: &prev}}
	var file string
	o.SaveHandout = func(name, text string) (string, error) { file = text; return "/tmp/" + name + ".txt", nil }
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result")
	saysAmendmentStops(t, "the result", ansi.Strip(d.m.resultView.GetContent()), stopped)
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	if d.m.saved.Amends != prev.ID {
		t.Fatalf("not saved as an amendment of %s: %+v", prev.ID, d.m.saved)
	}
	note := d.m.savedDocument()
	at := strings.Index(note, "These adjustments of the earlier note stop with this amendment:\n")
	if at < 0 {
		t.Fatalf("the note does not say which adjustments stop:\n%s", note)
	}
	for _, a := range stopped {
		if !strings.Contains(note[at:], "- "+a.Text+"\n") {
			t.Errorf("the note does not say that %q stops:\n%s", a.Text, note)
		}
	}
	d.press("h")
	d.waitFor("Your contact and support plan")
	handoutSaysStopped(t, "the handout screen", ansi.Strip(d.m.savedView.GetContent()))
	d.press("w")
	d.waitFor("Handout saved")
	handoutSaysStopped(t, "the handout file", file)
}

func TestPlainPromptsAmendmentSaysWhichAdjustmentsOfTheVersionAmendedStopInItsResultNoteAndHandout(t *testing.T) {
	t.Parallel()
	st, prev, dr, stopped := noInterpreterAmendment(t)
	var out strings.Builder
	res, _ := prompt.Run(prompt.Options{
		Instrument: questionnaire.V1, Directory: questionnaire.National,
		Drafts: []prompt.Resume{{Label: "the draft", Draft: dr.Draft, Base: &prev}}, DraftsFromInput: true,
		Save: st.Save, Now: testOptions(nil).Now,
	}, strings.NewReader("2\n3\n1\n3\n3\n3\n2\n1\n3\n2\n"), &out) // as the follow-up's: save; read the handout; finish
	text := out.String()
	if len(res.Saved) != 1 || res.Saved[0].Amends != prev.ID {
		t.Fatalf("the amendment was not saved:\n%s", text)
	}
	result, note, handout := strings.Index(text, "Result:"), strings.Index(text, "Note for the patient record:"), strings.Index(text, "Handout for the patient:")
	if result < 0 || note < result || handout < note {
		t.Fatalf("no result, note and handout, in that order:\n%s", text)
	}
	saysAmendmentStops(t, "the result", text[result:note], stopped)
	saysAmendmentStops(t, "the note", text[note:handout], stopped)
	handoutSaysStopped(t, "the plain prompts' handout", text[handout:])
}
