package ui

import (
	"strings"
	"testing"

	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// The result of a follow-up says which adjustments of the assessment
// before it stop; the note for the patient record, copied with c or
// written to the note file, did not, so the record kept no word of a need
// given up. The note of the follow-up saved now lists them, in both front
// ends.

// savedWithStopped saves noMoreInterpreter's first visit in a store of its
// own and gives the follow-up's draft, to be saved in the same store.
func savedWithStopped(t *testing.T) (st *store.Store, prev record.Record, dr store.Draft, stopped []questionnaire.Adjustment) {
	t.Helper()
	prev, d, stopped, _ := noMoreInterpreter(t)
	st = tempStore(t)
	if err := st.Save(&prev); err != nil {
		t.Fatal(err)
	}
	return st, prev, store.Draft{Draft: d}, stopped
}

// noteSaysStopped fails t unless note lists each of stopped after the
// line that says they stop.
func noteSaysStopped(t *testing.T, note string, stopped []questionnaire.Adjustment) {
	t.Helper()
	at := strings.Index(note, "stop with this follow-up:")
	if at < 0 {
		t.Fatalf("the note does not say which adjustments stop:\n%s", note)
	}
	for _, a := range stopped {
		if !strings.Contains(note[at:], "- "+a.Text+"\n") {
			t.Errorf("the note does not say that %q stops:\n%s", a.Text, note)
		}
	}
}

func TestTheNoteOfAFollowUpSavedSaysWhichAdjustmentsOfTheAssessmentBeforeStop(t *testing.T) {
	t.Parallel()
	st, prev, dr, stopped := savedWithStopped(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: dr, Base: &prev}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result", "stop with this follow-up")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	noteSaysStopped(t, d.m.savedDocument(), stopped)
}

func TestPlainPromptsNoteOfAFollowUpSavedSaysWhichAdjustmentsOfTheAssessmentBeforeStop(t *testing.T) {
	t.Parallel()
	st, prev, dr, stopped := savedWithStopped(t)
	var out strings.Builder
	res, _ := prompt.Run(prompt.Options{
		Instrument: questionnaire.V1, Directory: questionnaire.National,
		Drafts: []prompt.Resume{{Label: "the draft", Draft: dr.Draft, Base: &prev}}, DraftsFromInput: true,
		Save: st.Save, Now: testOptions(nil).Now,
	}, strings.NewReader("2\n3\n1\n3\n3\n3\n2\n1\n"), &out)
	if len(res.Saved) != 1 {
		t.Fatalf("the follow-up was not saved:\n%s", out.String())
	}
	noteSaysStopped(t, record.NoteWith(res.Saved[0], record.NoteOptions{}), stopped)
	text := out.String()
	if at := strings.Index(text, "Note for the patient record:"); at < 0 || !strings.Contains(text[at:], "stop with this follow-up:") {
		t.Errorf("the note printed does not say which adjustments stop:\n%s", text)
	}
}
