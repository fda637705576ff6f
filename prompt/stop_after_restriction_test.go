package prompt

import (
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
)

// notByTextRun runs the amendment of notByText with the lines after typed
// at the choice asked again. It gives what was said, the last draft kept,
// and the run's error.
func notByTextRun(t *testing.T, after ...string) (string, *assess.Draft, error) {
	t.Helper()
	f := notByTextAmendment(t)
	var out strings.Builder
	_, err := Run(f.o, strings.NewReader(f.input(after...)), &out)
	if len(f.s.saved) != 0 {
		t.Fatalf("a record was saved:\n%s", out.String())
	}
	return out.String(), f.kept, err
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

// TestBackAtTheChoiceAskedAgainKeepsTheRestrictionGiven: b at the choice
// asked again goes back to "must not contact" with "Text messages" read
// out as given, not lost: Enter keeps it, their choice is asked (once) as
// the run comes to it, and the record saved holds the restriction and the
// choice given then.
func TestBackAtTheChoiceAskedAgainKeepsTheRestrictionGiven(t *testing.T) {
	f := notByTextAmendment(t)
	in := f.input(
		"b", // at the choice asked again: back
		"",  // must not: Text messages, kept
		"5", // their choice: letter
		"",  // answered by: kept
		"1", // review: right
	) + answerReferrals(len(f.amended.Recommendation.Referrals), "1", "2") + "1\n2\n"
	var out strings.Builder
	if _, err := Run(f.o, strings.NewReader(in), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	said := out.String()
	_, back, _ := strings.Cut(said, "How would you like us to contact you?")
	if !strings.Contains(back, "Is there a way we must not contact you?\nHint for the clinician: For example no calls because of hearing, speech or worry. Choose all that apply.\nAnswered before: Text messages.") {
		t.Errorf("back at the choice asked again, 'must not contact' does not read out Text messages as given:\n%s", back)
	}
	if len(f.s.saved) != 1 {
		t.Fatalf("%d records saved, want 1:\n%s", len(f.s.saved), said)
	}
	got := f.s.saved[0]
	if !got.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the restriction was lost going back: must not contact saved as %v", got.Answers[questionnaire.LinkContactAvoid])
	}
	if c := got.Answers.One(questionnaire.LinkChoice); c != string(questionnaire.RouteLetter) {
		t.Errorf("their choice saved as %q, want the letter given after going back", c)
	}
}
