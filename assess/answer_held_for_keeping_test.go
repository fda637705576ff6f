package assess

import (
	"testing"

	"digicheck/questionnaire"
)

// TestAnAnswerHeldForKeepingIsKeptAsNotConfirmedUntilAnswered: "must not
// contact: Text messages" entered over the patient's text choice and held
// while the clinician is asked whether to keep it (Hold). Every draft kept
// meanwhile holds it as not confirmed, never as the answer, leaves out the
// text choice it refuses, and resumes at its section; resumed, it is read
// out as not confirmed. Answered, it is held no longer, and the answers are
// the ones given.
func TestAnAnswerHeldForKeepingIsKeptAsNotConfirmedUntilAnswered(t *testing.T) {
	t.Parallel()
	s, k := answeredWithTextChoice(t)
	it, _ := s.Instrument().Item(questionnaire.LinkContactAvoid)
	s.Hold(it, []string{questionnaire.AvoidSMS})
	d, ok := s.Draft()
	if !ok {
		t.Fatal("nothing to keep")
	}
	if !d.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the draft does not keep the answer held: not confirmed %v", d.Unconfirmed)
	}
	if d.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the answer held is kept as an answer: %v", d.Answers[questionnaire.LinkContactAvoid])
	}
	if s.Answers().Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the answer held is taken as an answer: %v", s.Answers()[questionnaire.LinkContactAvoid])
	}
	if c, ok := d.Answers[questionnaire.LinkChoice]; ok {
		t.Errorf("the draft keeps the choice %v the answer held refuses", c)
	}
	if c := s.Answers().One(questionnaire.LinkChoice); c != string(questionnaire.RouteSMS) {
		t.Errorf("held, not kept: the session's choice became %q, want it left as given until the restriction is kept", c)
	}
	if d.Section != s.Instrument().Sections[k].ID {
		t.Errorf("the draft resumes at %q, want the section of the answer held (%s)", d.Section, s.Instrument().Sections[k].ID)
	}
	o := options()
	o.Instrument = questionnaire.V2
	r, err := Resume(o, d)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Unconfirmed().Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("resumed, the answer held is not shown as not confirmed: %v", r.Unconfirmed())
	}

	// Answered otherwise (the old answer given again): held no longer.
	if err := s.SetConfirmed(k, questionnaire.Answers{questionnaire.LinkContactAvoid: {questionnaire.AvoidNone}}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Draft()
	if len(d.Unconfirmed) != 0 {
		t.Errorf("answered, the draft still holds %v as not confirmed", d.Unconfirmed)
	}
	if c := d.Answers.One(questionnaire.LinkChoice); c != string(questionnaire.RouteSMS) {
		t.Errorf("answered otherwise, the choice kept is %q, want the text message as given", c)
	}
}
