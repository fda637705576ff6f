package prompt

import (
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// awaitingKeep is the amendment of notByText with every draft kept whole
// (its answers not confirmed too), and the lines that type "must not
// contact: Text messages" over the patient's text choice and enter it,
// then after, typed at "Keep this answer?" and on.
func awaitingKeep(t *testing.T, after ...string) (*notByText, string) {
	t.Helper()
	f := notByTextAmendment(t)
	// Saved, as every record amended is: a draft of its amendment is
	// resumed as an amendment, which goes from the patient to the review.
	f.amended.ID = record.MustParseID("01a2410f-bc2f-7000-8000-000000000018")
	f.o.Keep = func(d *assess.Draft) error { c := keptCopy(d); f.kept = &c; return nil }
	return f, strings.Join(append([]string{
		"", "", // clinician, team: kept
		"6",        // review: change Communication and contact
		"", "", "", // needs, reading help, must contact: kept
		"3", // must not: text messages
	}, after...), "\n") + "\n"
}

// keptCopy is d as the store keeps it: nothing in it shared with the run.
func keptCopy(d *assess.Draft) assess.Draft {
	c := *d
	c.Answers, c.Unconfirmed = d.Answers.Clone(), d.Unconfirmed.Clone()
	return c
}

// checkAwaitingKeptNotConfirmed: a draft kept while "must not contact:
// Text messages" was entered and awaiting "Keep this answer?" holds it as
// not confirmed, never as the answer, holds no text choice (the choice the
// restriction refuses), and resumes at the section asking them.
func checkAwaitingKeptNotConfirmed(t *testing.T, d *assess.Draft, said string) {
	t.Helper()
	if !strings.Contains(said, "Keep this answer?") {
		t.Fatalf("the restriction was not offered to keep:\n%s", said)
	}
	if d == nil {
		t.Fatalf("no draft kept:\n%s", said)
	}
	if !d.Unconfirmed.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the draft lost the restriction entered: must not contact %v, not confirmed %v", d.Answers[questionnaire.LinkContactAvoid], d.Unconfirmed)
	}
	if d.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the restriction never confirmed is kept as the answer: %v", d.Answers[questionnaire.LinkContactAvoid])
	}
	if c, ok := d.Answers[questionnaire.LinkChoice]; ok {
		t.Errorf("the draft keeps the choice %v the restriction entered refuses", c)
	}
	if want := questionnaire.V2.Sections[contactSectionOf(t)].ID; d.Section != want {
		t.Errorf("the draft resumes at section %q, want %q, where the restriction is asked", d.Section, want)
	}
}

// TestARestrictionEnteredAndStoppedAtKeepThisAnswerIsKeptAsNotConfirmed:
// "must not contact: Text messages" typed and entered, and q at the "Keep
// this answer?" that follows. The draft held the old answer and the text
// choice, and nothing said the restriction was lost: resumed and saved, the
// patient was routed by text. It is kept as not confirmed, as the full
// screen keeps a tick not confirmed.
func TestARestrictionEnteredAndStoppedAtKeepThisAnswerIsKeptAsNotConfirmed(t *testing.T) {
	f, in := awaitingKeep(t, "q")
	var out strings.Builder
	if _, err := Run(f.o, strings.NewReader(in), &out); !errors.Is(err, ErrQuit) {
		t.Fatalf("run: %v, want stopped\n%s", err, out.String())
	}
	if len(f.s.saved) != 0 {
		t.Fatalf("a record was saved:\n%s", out.String())
	}
	checkAwaitingKeptNotConfirmed(t, f.kept, out.String())
}

// TestARestrictionKeptNotConfirmedAtKeepThisAnswerIsReadOutOnResume: the
// draft left at "Keep this answer?" resumed in the plain prompts went to
// the review (an amendment goes from the patient to the review), which
// said nothing of it. The section it is in is asked first, as the full
// screen opens it: the restriction is read out at its question as not
// confirmed before the stop; Enter confirms it, their choice is asked
// again, and the record saved holds the restriction and the choice given
// then.
func TestARestrictionKeptNotConfirmedAtKeepThisAnswerIsReadOutOnResume(t *testing.T) {
	f, in := awaitingKeep(t, "q")
	var out strings.Builder
	if _, err := Run(f.o, strings.NewReader(in), &out); !errors.Is(err, ErrQuit) {
		t.Fatalf("run: %v, want stopped\n%s", err, out.String())
	}
	checkAwaitingKeptNotConfirmed(t, f.kept, out.String())

	g := notByTextAmendment(t)
	g.o.Drafts = []Resume{{Label: "the draft", Draft: *f.kept, Base: &f.amended}}
	g.o.DraftsFromInput = true
	resumed := strings.Join([]string{
		"2", "3", // the draft: resume it
		"", "", "", // needs, reading help, must contact: kept
		"",  // must not: confirm Text messages
		"5", // their choice: letter
		"",  // answered by: kept
		"1", // review: right
	}, "\n") + "\n" + answerReferrals(len(f.amended.Recommendation.Referrals), "1", "2") + "1\n2\n"
	out.Reset()
	if _, err := Run(g.o, strings.NewReader(resumed), &out); err != nil {
		t.Fatalf("resumed: %v\n%s", err, out.String())
	}
	said := out.String()
	_, at, ok := strings.Cut(said, "Is there a way we must not contact you?")
	if !ok {
		t.Fatalf("resumed, 'must not contact' was not asked:\n%s", said)
	}
	at, _, _ = strings.Cut(at, "How would you like us to contact you?")
	if !strings.Contains(at, "Not confirmed before the stop: Text messages.") {
		t.Errorf("resumed, the restriction entered before the stop is not read out at its question:\n%s", at)
	}
	if len(g.s.saved) != 1 {
		t.Fatalf("%d records saved, want 1:\n%s", len(g.s.saved), said)
	}
	got := g.s.saved[0]
	if !got.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
		t.Errorf("the restriction confirmed on resume was not saved: must not contact %v", got.Answers[questionnaire.LinkContactAvoid])
	}
	if c := got.Answers.One(questionnaire.LinkChoice); c != string(questionnaire.RouteLetter) {
		t.Errorf("their choice saved as %q, want the letter given on resume", c)
	}
}

// TestARestrictionAwaitingKeepThisAnswerIsHeldUntilTheQuestionIsAnswered:
// "Answer this question again" at "Keep this answer?": a stop at the
// question asked again still keeps what was entered as not confirmed (the
// question is not answered yet); the old answer given again instead, the
// draft holds it and their choice as they were, and nothing not confirmed.
func TestARestrictionAwaitingKeepThisAnswerIsHeldUntilTheQuestionIsAnswered(t *testing.T) {
	t.Run("stopped at the question asked again", func(t *testing.T) {
		f, in := awaitingKeep(t, "2", "q")
		var out strings.Builder
		if _, err := Run(f.o, strings.NewReader(in), &out); !errors.Is(err, ErrQuit) {
			t.Fatalf("run: %v, want stopped\n%s", err, out.String())
		}
		checkAwaitingKeptNotConfirmed(t, f.kept, out.String())
	})
	t.Run("answered again", func(t *testing.T) {
		f, in := awaitingKeep(t,
			"2", // answer this question again
			"",  // must not: kept as it was (No)
			"",  // their choice: kept (text message)
			"q", // at who gave these answers
		)
		var out strings.Builder
		if _, err := Run(f.o, strings.NewReader(in), &out); !errors.Is(err, ErrQuit) {
			t.Fatalf("run: %v, want stopped\n%s", err, out.String())
		}
		d := f.kept
		if d == nil {
			t.Fatalf("no draft kept:\n%s", out.String())
		}
		if len(d.Unconfirmed) != 0 || d.Answers.Has(questionnaire.LinkContactAvoid, questionnaire.AvoidSMS) {
			t.Errorf("answered again otherwise, the draft still holds the restriction entered: answers %v, not confirmed %v", d.Answers[questionnaire.LinkContactAvoid], d.Unconfirmed)
		}
		if c := d.Answers.One(questionnaire.LinkChoice); c != string(questionnaire.RouteSMS) {
			t.Errorf("their choice kept as %q, want the text message given again", c)
		}
	})
}
