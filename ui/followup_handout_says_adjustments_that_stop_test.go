package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/prompt"
	"digicheck/questionnaire"
)

// The note and the result of a follow-up say which adjustments of the
// assessment before it stop; the patient's handout said nothing, so a
// patient who no longer needs an interpreter was not told one would no
// longer be booked. The handout of the follow-up saved says so, in both
// front ends, on the screen, in the file it is saved to and printed.

// handoutSaysStopped fails t unless handout tells the patient that the
// interpreter of noMoreInterpreter's first visit stops.
func handoutSaysStopped(t *testing.T, where, handout string) {
	t.Helper()
	flat := strings.Join(strings.Fields(handout), " ")
	for _, want := range []string{"What is different now", "We will no longer book an interpreter for you."} {
		if !strings.Contains(flat, want) {
			t.Errorf("%s: the handout does not say %q:\n%s", where, want, handout)
		}
	}
}

func TestTheHandoutOfAFollowUpSavedSaysWhichAdjustmentsOfTheAssessmentBeforeStop(t *testing.T) {
	t.Parallel()
	st, prev, dr, stopped := savedWithStopped(t)
	if !strings.Contains(stopped[0].Text, "interpreter") {
		t.Fatalf("the scenario needs the interpreter to stop: %+v", stopped)
	}
	o := withStore(testOptions(nil), st)
	o.Drafts = []Resumable{{Draft: dr, Base: &prev}}
	var file string
	o.SaveHandout = func(name, text string) (string, error) { file = text; return "/tmp/" + name + ".txt", nil }
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result", "stop with this follow-up")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Saved ·")
	d.press("h")
	d.waitFor("Your contact and support plan")
	handoutSaysStopped(t, "the handout screen", ansi.Strip(d.m.savedView.GetContent()))
	d.press("w")
	d.waitFor("Handout saved")
	handoutSaysStopped(t, "the handout file", file)
}

func TestPlainPromptsHandoutOfAFollowUpSavedSaysWhichAdjustmentsOfTheAssessmentBeforeStop(t *testing.T) {
	t.Parallel()
	st, prev, dr, _ := savedWithStopped(t)
	var out strings.Builder
	res, _ := prompt.Run(prompt.Options{
		Instrument: questionnaire.V1, Directory: questionnaire.National,
		Drafts: []prompt.Resume{{Label: "the draft", Draft: dr.Draft, Base: &prev}}, DraftsFromInput: true,
		Save: st.Save, Now: testOptions(nil).Now,
	}, strings.NewReader("2\n3\n1\n3\n3\n3\n2\n1\n3\n2\n"), &out) // ... save; read the handout; finish
	if len(res.Saved) != 1 {
		t.Fatalf("the follow-up was not saved:\n%s", out.String())
	}
	text := out.String()
	at := strings.Index(text, "Handout for the patient:")
	if at < 0 {
		t.Fatalf("the handout was not shown:\n%s", text)
	}
	handoutSaysStopped(t, "the plain prompts", text[at:])
}
