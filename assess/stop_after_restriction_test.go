package assess

import (
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// answeredWithTextChoice is an assessment answered through with "Text
// message" the patient's choice, and the index of the section that asks
// how they must not be contacted and their choice.
func answeredWithTextChoice(t *testing.T) (*Session, int) {
	t.Helper()
	o := options()
	o.Instrument = questionnaire.V2
	s := start(t, o)
	answerAll(t, s, testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	})))
	return s, contactSection(t, s.Instrument())
}

// checkDraftAsksTheChoiceAgain: a draft kept after "must not contact: Text
// messages" holds the restriction, never the text choice it cleared, and
// resumes at the section that asks the choice, however far the assessment
// had gone.
func checkDraftAsksTheChoiceAgain(t *testing.T, d Draft, k int) {
	t.Helper()
	if !d.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the draft lost the restriction: %v", d.Answers[questionnaire.LinkContactAvoid])
	}
	if c, ok := d.Answers[questionnaire.LinkChoice]; ok {
		t.Errorf("the draft holds the choice %v beside 'must not contact: Text messages'", c)
	}
	o := options()
	o.Instrument = questionnaire.V2
	r, err := Resume(o, d)
	if err != nil {
		t.Fatal(err)
	}
	if at := r.ResumeAt(); at.Step != StepSection || at.Section != k {
		t.Errorf("the draft resumes at %+v, want the section asking their choice (%d)", at, k)
	}
}

// TestADraftAfterNotByTextHoldsTheRestrictionAndNoChoice: the plain
// prompts confirm the restriction (SetConfirmed) and keep a draft before
// the choice is asked again; stopped there, the draft must not send the
// patient texts when resumed and saved.
func TestADraftAfterNotByTextHoldsTheRestrictionAndNoChoice(t *testing.T) {
	t.Parallel()
	s, k := answeredWithTextChoice(t)
	if err := s.SetConfirmed(k, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}}); err != nil {
		t.Fatal(err)
	}
	d, ok := s.Draft()
	if !ok {
		t.Fatal("nothing to keep")
	}
	checkDraftAsksTheChoiceAgain(t, d, k)

	// Answered again, the section completes, and the draft goes on
	// from where the assessment had got to.
	if err := s.SetConfirmed(k, questionnaire.Answers{questionnaire.LinkChoice: {string(questionnaire.RouteLetter)}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSection(k, s.Answers()); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Draft()
	if d.Section == s.Instrument().Sections[k].ID {
		t.Errorf("the choice answered again, the draft still resumes at its section")
	}
}

// TestAPartDraftAfterNotByTextHoldsTheRestrictionAndNoChoice: the full
// screen lays the answers confirmed in the section on screen over the
// session's draft (LayConfirmed); the text choice it cleared must not come
// back from the committed answers.
func TestAPartDraftAfterNotByTextHoldsTheRestrictionAndNoChoice(t *testing.T) {
	t.Parallel()
	s, k := answeredWithTextChoice(t)
	d, _ := s.Draft()
	s.LayConfirmed(&d, k, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}})
	checkDraftAsksTheChoiceAgain(t, d, k)

	// Asked again and answered, the new choice stands with the
	// restriction.
	d, _ = s.Draft()
	s.LayConfirmed(&d, k, questionnaire.Answers{
		questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS},
		questionnaire.LinkChoice:       {string(questionnaire.RouteLetter)},
	})
	if c := d.Answers.One(questionnaire.LinkChoice); c != string(questionnaire.RouteLetter) {
		t.Errorf("the choice given again was kept as %q, want a letter", c)
	}
}
