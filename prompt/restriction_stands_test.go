package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestNotByTextAsksTheChoiceAgainRightThere: the patient chose text
// messages; correcting the contact section, the clinician types "must not
// contact: Text messages". It is not refused (the only way on was to drop
// it): the prompts say the choice conflicts, offer as option 1 to keep the
// restriction and ask the choice again there and then, refuse a text
// choice there, and go on from where they were to a record that holds the
// restriction and the choice asked again, and routes nothing by text.
func TestNotByTextAsksTheChoiceAgainRightThere(t *testing.T) {
	f := notByTextAmendment(t)
	in := f.input(
		"5", // letter
		"",  // answered by: kept
		"1", // review: right
	) + answerReferrals(len(f.amended.Recommendation.Referrals), "1", "2") + "1\n2\n"
	var out strings.Builder
	_, err := Run(f.o, strings.NewReader(in), &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	said := out.String()
	for _, want := range []string{
		"Must not use: Text messages.",
		"Their choice was given before as: Text message.",
		"They must not be sent texts, so their choice of a text message cannot stand",
		"1. Keep it, and ask their choice again now",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("the prompts do not say %q:\n%s", want, said)
		}
	}
	// Asked again there and then, once: not a second time when the run
	// came to it.
	if n := strings.Count(said, "How would you like us to contact you?\nHint for the clinician"); n != 1 {
		t.Errorf("their choice asked %d times after the review, want once", n)
	}
	if len(f.s.saved) != 1 {
		t.Fatalf("%d records saved, want 1:\n%s", len(f.s.saved), said)
	}
	got := f.s.saved[0]
	if !got.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the restriction was not saved: %v", got.Answers[questionnaire.LinkContactAvoid])
	}
	if c := got.Answers.One(questionnaire.LinkChoice); c != string(questionnaire.RouteLetter) {
		t.Errorf("their choice saved as %q, want the letter chosen again", c)
	}
	if rec := got.Recommendation; rec.Primary == questionnaire.RouteSMS || rec.Fallback == questionnaire.RouteSMS || rec.Choice == questionnaire.RouteSMS {
		t.Errorf("a patient who must not be texted is routed by text: %+v", rec)
	}
}

// notByText is an amendment of an assessment whose patient chose text
// messages, as the tests of "must not contact: Text messages" given over
// that choice begin it: the clinician and team kept, the contact section
// changed from the review, and "Text messages" given as the way they must
// not be contacted.
type notByText struct {
	amended record.Record // the assessment amended
	s       saver
	o       Options
	// kept is the last draft kept.
	kept *assess.Draft
}

// notByTextAmendment sets up the amendment (see notByText).
func notByTextAmendment(t *testing.T) *notByText {
	t.Helper()
	f := &notByText{amended: testkit.AssessedV2(t, testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	})))}
	f.o = options(&f.s)
	f.o.Instrument = questionnaire.V2
	f.o.Amend, f.o.AmendReason = &f.amended, "they must not be texted"
	f.o.Clinician, f.o.Team = f.amended.Clinician, f.amended.Team
	f.o.Keep = func(d *assess.Draft) error { c := *d; c.Answers = d.Answers.Clone(); f.kept = &c; return nil }
	return f
}

// input is the lines that keep the restriction over the choice ("1"),
// and then after, typed at the choice asked again and on.
func (f *notByText) input(after ...string) string {
	return strings.Join(append([]string{
		"", "", // clinician, team: kept
		"6",        // review: change Communication and contact
		"", "", "", // needs, reading help, must contact: kept
		"3", // must not: text messages
		"1", // keep it, and ask their choice again now
	}, after...), "\n") + "\n"
}
