package assess

import (
	"testing"

	"digicheck/questionnaire"
)

// TestAnAnswerNotConfirmedIsKeptApartUntilGiven: a restriction ticked on
// screen and not confirmed (the full screen stopped with it so) is kept in
// the draft apart from the answers, and the draft resumes at its section.
// Resumed, it is carried in every draft kept, never taken as an answer,
// and dropped once the question is answered (confirmed, or the section
// completed).
func TestAnAnswerNotConfirmedIsKeptApartUntilGiven(t *testing.T) {
	t.Parallel()
	s, k := answeredWithTextChoice(t)
	d, ok := s.Draft()
	if !ok {
		t.Fatal("nothing to keep")
	}
	s.LayUnconfirmed(&d, k, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}})
	if !d.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Fatalf("the draft does not keep the tick not confirmed: %v", d.Unconfirmed)
	}
	if d.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Fatal("the tick not confirmed is kept as an answer")
	}
	if d.Section != s.Instrument().Sections[k].ID {
		t.Errorf("the draft resumes at %q, want the section of the tick not confirmed (%s)", d.Section, s.Instrument().Sections[k].ID)
	}

	o := options()
	o.Instrument = questionnaire.V2
	resume := func() *Session {
		t.Helper()
		r, err := Resume(o, d)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := resume()
	if at := r.ResumeAt(); at.Step != StepSection || at.Section != k {
		t.Errorf("resumed at %+v, want section %d", at, k)
	}
	if !r.Unconfirmed().Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || r.Answers().Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Fatalf("resumed: unconfirmed %v, answers %v", r.Unconfirmed(), r.Answers()[questionnaire.LinkContactAvoid])
	}
	if again, _ := r.Draft(); !again.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) || again.Section != d.Section {
		t.Errorf("kept again before it was answered, the draft lost it: unconfirmed %v, section %q", again.Unconfirmed, again.Section)
	}

	if err := r.SetConfirmed(k, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidSMS}}); err != nil {
		t.Fatal(err)
	}
	if len(r.Unconfirmed()) != 0 {
		t.Errorf("confirmed, it is still held as not confirmed: %v", r.Unconfirmed())
	}
	if again, _ := r.Draft(); again.Unconfirmed != nil || !again.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("confirmed, the draft holds unconfirmed %v, answers %v", again.Unconfirmed, again.Answers[questionnaire.LinkContactAvoid])
	}

	r = resume()
	live := r.Answers()
	if err := r.SetSection(k, live); err != nil { // completed as it was
		t.Fatal(err)
	}
	if len(r.Unconfirmed()) != 0 {
		t.Errorf("the section completed, the tick is still held as not confirmed: %v", r.Unconfirmed())
	}
}
