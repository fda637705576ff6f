package prompt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// At the plain prompts b on the first question of a resumed draft cannot
// go back ("This is the first question since resuming"), and the question
// was asked again taking any line at once: stopped at "Which of these can
// you do on your own?", unanswered, the draft resumed, then b and, 0.5 s
// after it, the 3 meant for "3. Often" on the data question b was to go
// back to, saved "Use an app on a phone or tablet", never said by the
// patient. A b that cannot go back is an answer not taken: a line within
// the hold after it is not used, and said so, and the question is asked
// again; lines are ignored until an empty one says the refusal was read,
// as after any line that is no answer. The same wherever b cannot go
// back: a new assessment's first question, the drafts list.

// backThenLine is b typed once the question could be read, then a line
// 0.5 s after it, meant for the question before.
func backThenLine(line string) []burst {
	return []burst{{after: 1500 * time.Millisecond, text: "b\n"}, {after: 500 * time.Millisecond, text: line + "\n"}}
}

// heldAfterBack is what says the line after the b was not used.
const heldAfterBack = "Not used: typed less than 2 seconds after the answer not taken, before that could be read; nothing typed with it was used either."

// TestALineJustAfterABackOnTheFirstQuestionSinceResumingIsNotTaken is the
// tester's keys on a draft stopped at an unanswered question; the same
// question answered once the refusal was read (an empty line, then the
// answer) takes that answer.
func TestALineJustAfterABackOnTheFirstQuestionSinceResumingIsNotTaken(t *testing.T) {
	t.Parallel()
	access := questionnaire.Answers{
		questionnaire.LinkDevices:  {questionnaire.DevSmartphone},
		questionnaire.LinkInternet: {questionnaire.NetHome},
		questionnaire.LinkAfford:   {"sometimes"},
	}
	s := resumedWith(t, access, "skills")
	var out strings.Builder
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National},
		append(backThenLine("3"),
			burst{after: refusalHold + 500*time.Millisecond, text: "\n"},
			burst{after: 300 * time.Millisecond, text: "1\n"}), &out)
	p.o.Keep = func(*assess.Draft) error { return nil }
	_, err := p.assessment(s)
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("assessment: %v, want the end of the keys\n%s", err, out.String())
	}
	said := flatOut(&out)
	if !strings.Contains(said, "This is the first question since resuming.") {
		t.Fatalf("b on the first question since resuming was not refused:\n%s", out.String())
	}
	got := s.Answers()[questionnaire.LinkTasks]
	if len(got) != 1 || got[0] == tasksOption(t, 3) {
		t.Fatalf("the tasks answered %q, want only the 1 typed once the refusal was read, not the 3 typed 0.5 s after b:\n%s", got, out.String())
	}
	if got[0] != tasksOption(t, 1) {
		t.Errorf("the tasks answered %q, want %q, typed once the refusal was read:\n%s", got, tasksOption(t, 1), out.String())
	}
	_, after, _ := strings.Cut(said, "This is the first question since resuming.")
	if !strings.Contains(after, heldAfterBack) {
		t.Errorf("the line after b is not said to be not used:\n%s", out.String())
	}
	if _, rest, _ := strings.Cut(after, heldAfterBack); !strings.Contains(rest, "Type one or more numbers from 1 to 7") {
		t.Errorf("the question is not asked again after the line not used:\n%s", out.String())
	}
}

// tasksOption is the code of the n-th option of "Which of these can you do
// on your own?".
func tasksOption(t *testing.T, n int) string {
	t.Helper()
	it := heldItem(t, questionnaire.LinkTasks)
	if len(it.Options) < n {
		t.Fatalf("the tasks question has %d options", len(it.Options))
	}
	return it.Options[n-1].Code
}

// TestALineJustAfterABackOnANewAssessmentsFirstQuestionIsNotTaken: b on
// the patient identifier of a new assessment cannot go back either.
func TestALineJustAfterABackOnANewAssessmentsFirstQuestionIsNotTaken(t *testing.T) {
	t.Parallel()
	s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Now: time.Now})
	var out strings.Builder
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National}, backThenLine("1"), &out)
	_, err := p.assessment(s)
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("assessment: %v, want the end of the keys\n%s", err, out.String())
	}
	said := flatOut(&out)
	_, after, ok := strings.Cut(said, "This is the first question.")
	if !ok {
		t.Fatalf("b on the first question was not refused:\n%s", out.String())
	}
	if !strings.Contains(after, heldAfterBack) {
		t.Errorf("the line 0.5 s after b is not said to be not used:\n%s", out.String())
	}
}

// TestALineJustAfterABackOnTheDraftsListIsNotTaken: b on the list of
// drafts, where nothing comes before, then the 2 that would open the
// draft listed first.
func TestALineJustAfterABackOnTheDraftsListIsNotTaken(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := heldAt(Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Drafts: []Resume{{
		Label: "Patient H100006, at Skills",
		Draft: assess.Draft{ID: record.MustParseID("0190a1b2-0000-7000-8000-0000000000d3"),
			Patient:   record.PatientID{Kind: record.LocalID, Value: "H100006"},
			Clinician: "Gil Poe", Team: "Ward7", InstrumentVersion: questionnaire.V1.Version, Started: time.Now()},
	}}}, backThenLine("2"), &out)
	_, err := p.offerDrafts()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("offerDrafts: %v, want the end of the keys\n%s", err, out.String())
	}
	said := flatOut(&out)
	if strings.Contains(said, "What would you like to do with this draft?") {
		t.Errorf("the 2 typed 0.5 s after b on the drafts list opened the draft:\n%s", out.String())
	}
	_, after, ok := strings.Cut(said, "This is the first question.")
	if !ok || !strings.Contains(after, heldAfterBack) {
		t.Errorf("the line 0.5 s after b is not said to be not used:\n%s", out.String())
	}
}

// TestALineJustAfterABackFromASectionOpenedFromTheReviewIsNotTaken: on an
// amendment, a section opened from the review, b on its first question
// goes back to the review; a line 0.5 s after it, meant for the question
// before, is not taken there either: the review, just shown again, holds
// it.
func TestALineJustAfterABackFromASectionOpenedFromTheReviewIsNotTaken(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := heldAt(Options{}, append([]burst{{after: 1500 * time.Millisecond, text: "3\n"}}, backThenLine("1")...), &out)
	f := amending(t, p)
	err := f.review()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("review: %v, want the end of the keys\n%s", err, out.String())
	}
	said := flatOut(&out)
	if !strings.Contains(said, "Section 1 of") {
		t.Fatalf("3 on the review did not open the first section:\n%s", out.String())
	}
	if strings.Count(said, "Are these answers right?") < 2 {
		t.Fatalf("b on the section's first question did not go back to the review:\n%s", out.String())
	}
	if !strings.Contains(said, "Not taken: that line came less than 1.2 seconds after the review was shown") {
		t.Errorf("the 1 typed 0.5 s after b is not refused at the review:\n%s", out.String())
	}
}
