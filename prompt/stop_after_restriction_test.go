package prompt

import (
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// notByTextRun amends an assessment whose patient chose text messages: the
// contact section is changed to "must not contact: Text messages", the
// restriction kept ("1"), and then the lines after are typed at the choice
// asked again. It gives what was said, the last draft kept, and the run's
// error.
func notByTextRun(t *testing.T, after ...string) (string, *assess.Draft, error) {
	t.Helper()
	r := testkit.AssessedV2(t, testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkChoice: {string(questionnaire.RouteSMS)},
	})))
	var s saver
	o := options(&s)
	o.Instrument = questionnaire.V2
	o.Amend, o.AmendReason = &r, "they must not be texted"
	o.Clinician, o.Team = r.Clinician, r.Team
	var kept *assess.Draft
	o.Keep = func(d *assess.Draft) error { c := *d; c.Answers = d.Answers.Clone(); kept = &c; return nil }
	in := strings.Join(append([]string{
		"", "", // clinician, team: kept
		"6",        // review: change Communication and contact
		"", "", "", // needs, reading help, must contact: kept
		"3", // must not: text messages
		"1", // keep it, and ask their choice again now
	}, after...), "\n") + "\n"
	var out strings.Builder
	_, err := Run(o, strings.NewReader(in), &out)
	if len(s.saved) != 0 {
		t.Fatalf("a record was saved:\n%s", out.String())
	}
	return out.String(), kept, err
}

// TestStoppedAtTheChoiceAskedAgainKeepsTheRestriction: the clinician keeps
// "must not contact: Text messages" over the patient's text choice and
// stops (q) at the choice asked again. The screen says the answers are kept
// as a draft: the draft must hold the restriction, never the text choice,
// and resume at the section asking the choice, or resumed and saved it
// would route the patient by text.
func TestStoppedAtTheChoiceAskedAgainKeepsTheRestriction(t *testing.T) {
	said, d, err := notByTextRun(t, "q")
	if !errors.Is(err, ErrQuit) {
		t.Fatalf("run: %v, want stopped\n%s", err, said)
	}
	if d == nil {
		t.Fatalf("no draft kept:\n%s", said)
	}
	if !d.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the draft lost the restriction confirmed: must not contact %v", d.Answers[questionnaire.LinkContactAvoid])
	}
	if c, ok := d.Answers[questionnaire.LinkChoice]; ok {
		t.Errorf("the draft holds the choice %v beside 'must not contact: Text messages'", c)
	}
	if want := questionnaire.V2.Sections[contactSectionOf(t)].ID; d.Section != want {
		t.Errorf("the draft resumes at section %q, want %q, where their choice is asked", d.Section, want)
	}
}

// TestBackAtTheChoiceAskedAgainGoesToTheRestriction: b at the choice asked
// again goes back to the question just answered, "must not contact", not
// to the one before it.
func TestBackAtTheChoiceAskedAgainGoesToTheRestriction(t *testing.T) {
	said, _, _ := notByTextRun(t, "b", "q")
	_, rest, ok := strings.Cut(said, "Keep this answer?")
	if !ok {
		t.Fatalf("the restriction was not offered to keep:\n%s", said)
	}
	_, rest, ok = strings.Cut(rest, "How would you like us to contact you?")
	if !ok {
		t.Fatalf("their choice was not asked again:\n%s", said)
	}
	if strings.Contains(rest, "must we contact you in a certain way?") || !strings.Contains(rest, "Is there a way we must not contact you?") {
		t.Errorf("b at the choice asked again did not go back to 'must not contact':\n%s", rest)
	}
}

// contactSectionOf is the index of V2's section asking the patient's choice.
func contactSectionOf(t *testing.T) int {
	t.Helper()
	for k, sec := range questionnaire.V2.Sections {
		for _, it := range sec.Items {
			if it.LinkID == questionnaire.LinkChoice {
				return k
			}
		}
	}
	t.Fatal("no section asks the choice")
	return -1
}
