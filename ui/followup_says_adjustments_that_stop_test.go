package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// A follow-up whose patient answered "No, nothing extra" to the
// communication needs drops the interpreter the assessment before it
// booked, and the change since it spoke only of bands and routes: nobody
// was told that the interpreter would no longer be booked. The result now
// names each adjustment of the assessment followed up that this one no
// longer makes, in both front ends.

// noMoreInterpreter is a follow-up of firstVisit (an interpreter for
// Polish, help reading often) kept as a draft at its review, the patient
// now needing nothing extra: the reading help's adjustment stays, the
// interpreter's stops.
func noMoreInterpreter(t *testing.T) (prev record.Record, d assess.Draft, stopped, kept []questionnaire.Adjustment) {
	t.Helper()
	prev = firstVisit(t, func(int) string { return questionnaire.NotDiscussed })
	prev.ID, prev.Status = record.MustParseID("01890000-0000-7000-8000-00000000000b"), record.Completed
	a := testkit.Interpreter(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedNone},
		questionnaire.LinkLanguage:  nil,
	})
	res, err := questionnaire.V1.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	for _, was := range prev.Recommendation.Adjustments {
		if slices.ContainsFunc(res.Recommendation.Adjustments, func(now questionnaire.Adjustment) bool { return now.Text == was.Text }) {
			kept = append(kept, was)
		} else {
			stopped = append(stopped, was)
		}
	}
	if len(stopped) == 0 || len(kept) == 0 {
		t.Fatalf("the scenario needs adjustments that stop and that stay: stop %v, stay %v", stopped, kept)
	}
	id, _ := record.NewID()
	d = assess.Draft{ID: id, Patient: prev.Patient, Clinician: "Dr Ada Test", Team: "Ward 5",
		InstrumentVersion: questionnaire.V1.Version, Answers: a, FollowsUp: prev.ID}
	return prev, d, stopped, kept
}

func TestAFollowUpResultSaysWhichAdjustmentsOfTheAssessmentBeforeStop(t *testing.T) {
	t.Parallel()
	prev, dr, stopped, kept := noMoreInterpreter(t)
	o := testOptions((&memStore{}).Save)
	o.Drafts = []Resumable{{Draft: store.Draft{Draft: dr}, Base: &prev}}
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.press("enter")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result", "Change since")
	text := flat(ansi.Strip(d.m.resultView.GetContent()))
	for _, a := range stopped {
		if !strings.Contains(text, "stop with this follow-up") || !strings.Contains(text, flat(a.Text)) {
			t.Errorf("the result does not say that %q stops:\n%s", a.Text, ansi.Strip(d.m.resultView.GetContent()))
		}
	}
	for _, a := range kept {
		if n := strings.Count(text, flat(a.Text)); n != 1 {
			t.Errorf("%q, still made, is said %d times, as if it stopped:\n%s", a.Text, n, ansi.Strip(d.m.resultView.GetContent()))
		}
	}
}

func TestPlainPromptsFollowUpSaysWhichAdjustmentsOfTheAssessmentBeforeStop(t *testing.T) {
	t.Parallel()
	prev, dr, stopped, _ := noMoreInterpreter(t)
	var out strings.Builder
	prompt.Run(prompt.Options{
		Instrument: questionnaire.V1, Directory: questionnaire.National,
		Drafts: []prompt.Resume{{Label: "the draft", Draft: dr, Base: &prev}}, DraftsFromInput: true,
		Save: (&memStore{}).Save, Now: testOptions(nil).Now,
	}, strings.NewReader("2\n3\n1\nb\n"), &out) // resume the draft; the review is right; back
	text := flat(out.String())
	since := strings.Index(text, "Since the assessment of")
	if since < 0 {
		t.Fatalf("no change since the assessment before:\n%s", out.String())
	}
	for _, a := range stopped {
		if !strings.Contains(text[since:], "stop with this follow-up") || !strings.Contains(text[since:], flat(a.Text)) {
			t.Errorf("the follow-up does not say that %q stops:\n%s", a.Text, out.String())
		}
	}
	// b, as it says, goes back to the answers.
	if !strings.Contains(text[since:], "Review the answers:") {
		t.Errorf("b after the result did not go back to the answers:\n%s", out.String())
	}
}
