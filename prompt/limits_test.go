package prompt

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/questionnaire"
)

// A line far longer than any answer (a paste gone wrong) is refused with
// a message and the question asked again; the run goes on and saves the
// assessment. It once ended the run with bufio.Scanner's "token too long".
func TestAnOverlongLineIsRefusedAndAskedAgain(t *testing.T) {
	t.Parallel()
	var s saver
	var out strings.Builder
	long := strings.Repeat("1", MaxAnswer+1)
	lines := strings.SplitAfter(script, "\n")
	// The long line in place of the team's name, then the team.
	in := strings.Join(lines[:3], "") + long + "\r\n\r\n" + strings.Join(lines[3:], "") +
		consentLines(len(expectedResult(t).Recommendation.Referrals))
	if _, err := typed(options(&s), in, &out); err != nil {
		t.Fatalf("run ended: %v", err)
	}
	if len(s.saved) != 1 || s.saved[0].Team != "Ward 5" {
		t.Fatalf("saved %+v", s.saved)
	}
	if !strings.Contains(out.String(), "Not accepted: that line is longer than 64 KB") {
		t.Errorf("no message for the long line:\n%.2000s", out.String())
	}
	if strings.Contains(out.String(), long[:100]) {
		t.Error("the long line was echoed back")
	}
	// A line of exactly MaxAnswer bytes is an answer like any other:
	// refused as an NHS number, not as too long (piped, the run stops
	// at the refusal).
	out.Reset()
	if _, err := Run(options(&saver{}), strings.NewReader("1\n"+strings.Repeat("9", MaxAnswer)+"\n"), &out); !errors.Is(err, ErrAnswerNotTaken) ||
		strings.Contains(out.String(), "longer than 64 KB") || !strings.Contains(out.String(), "Not accepted: ") {
		t.Errorf("a line of MaxAnswer bytes: %v\n%s", err, out.String()[len(out.String())-300:])
	}
}

// Answers kept in a file by Windows Notepad start with a byte order mark;
// the first answer is read as if it had none.
func TestAnswersFileWithAByteOrderMark(t *testing.T) {
	var s saver
	in := "\ufeff" + script + consentLines(len(expectedResult(t).Recommendation.Referrals))
	var out strings.Builder
	if _, err := Run(options(&s), strings.NewReader(in), &out); err != nil || len(s.saved) != 1 {
		t.Fatalf("run: %v, %d saved\n%.1500s", err, len(s.saved), out.String())
	}
}

// However many drafts are kept, the first question comes within a
// screenful (24 lines), and every draft can still be reached: the list
// shows the newest ten and lists older ones on request.
func TestManyDraftsListAScreenfulAndReachTheRest(t *testing.T) {
	const n = 100_000
	var s saver
	o := options(&s)
	chosen := -1
	for i := range n {
		o.Drafts = append(o.Drafts, Resume{Label: fmt.Sprintf("Draft %d", i),
			Draft: assess.Draft{InstrumentVersion: questionnaire.V1.Version},
			Claim: func() error { chosen = i; return nil }})
	}
	o.DraftsFromInput = true // the answers are piped in, and choose from the drafts
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(""), &out); !errors.Is(err, ErrEndOfInput) {
		t.Fatal(err)
	}
	shown := out.String()
	if lines := strings.Count(shown, "\n"); lines > 24 {
		t.Fatalf("%d lines before the first answer:\n%.3000s", lines, shown)
	}
	for _, want := range []string{"100000 unfinished", "1. Start a new assessment", "2. Draft 99999", "11. Draft 99990", "12. List older drafts (99990 more)"} {
		if !strings.Contains(shown, want) {
			t.Errorf("no %q in:\n%s", want, shown)
		}
	}
	// Older twice, then newer, then older again: the third page; its
	// first draft is the 21st newest.
	out.Reset()
	_, err := Run(o, strings.NewReader("12\n12\n13\n12\n2\n3\n"), &out)
	if !errors.Is(err, ErrEndOfInput) || chosen != n-21 {
		t.Errorf("chose draft %d (err %v), want %d\n%.4000s", chosen, err, n-21, out.String())
	}
	if !strings.Contains(out.String(), "here are numbers 21 to 30 of them, last kept first") {
		t.Errorf("the page is not said:\n%.4000s", out.String())
	}
}

// b at the list of drafts, or at a draft's choices, goes back, never out:
// it once ended the run with the error "back" (found by FuzzPromptAnswers).
func TestBackAtTheDraftsListDoesNotEndTheRun(t *testing.T) {
	var s saver
	o := options(&s)
	discarded := 0
	o.Drafts = []Resume{{Label: "Patient A", Discard: func() error { discarded++; return nil }}}
	o.DraftsFromInput = true // the answers are piped in, and choose from the drafts
	// b at the list; choose it, b; choose it, discard, b; then start anew.
	var out strings.Builder
	_, err := Run(o, strings.NewReader("b\n2\nb\n2\n2\nb\n1\n"), &out)
	if !errors.Is(err, ErrEndOfInput) || discarded != 0 {
		t.Fatalf("err %v, discarded %d\n%s", err, discarded, out.String())
	}
	if !strings.Contains(out.String(), "Patient identifier") {
		t.Errorf("no new assessment after going back:\n%s", out.String())
	}
}

// TestANameOverItsLimitIsRefusedAndAskedAgain: a clinician's name or a
// team one character longer than either may be is refused with the limit
// and the count, and asked again; nothing is kept cut short.
func TestANameOverItsLimitIsRefusedAndAskedAgain(t *testing.T) {
	t.Parallel()
	lines := strings.SplitAfter(script, "\n")
	for _, c := range []struct {
		name string
		at   int // the line of script it goes before
		most int
	}{
		{"clinician", 2, assess.MaxClinician},
		{"team", 3, assess.MaxTeam},
	} {
		var s saver
		var out strings.Builder
		long := strings.Repeat("n", c.most+1)
		in := strings.Join(lines[:c.at], "") + long + "\n\n" + strings.Join(lines[c.at:], "") +
			consentLines(len(expectedResult(t).Recommendation.Referrals))
		if _, err := typed(options(&s), in, &out); err != nil {
			t.Fatalf("%s: run ended: %v", c.name, err)
		}
		want := fmt.Sprintf("Not accepted: a %s's name can have at most %d characters, and this has %d: shorten it.", map[string]string{"clinician": "clinician", "team": "team"}[c.name], c.most, c.most+1)
		// At a terminal the lines are wrapped at its width.
		if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), want) {
			t.Errorf("%s: no %q in:\n%.1500s", c.name, want, out.String())
		}
		if len(s.saved) != 1 || s.saved[0].Clinician == long[:c.most] || s.saved[0].Team == long[:c.most] ||
			s.saved[0].Clinician == long || s.saved[0].Team != "Ward 5" {
			t.Errorf("%s: saved %q, %q", c.name, s.saved[0].Clinician, s.saved[0].Team)
		}
	}
}

// TestAReasonOverItsLimitIsRefusedAndAskedAgain: at a follow-up, the reason
// a referral was not taken up one character longer than it may be is
// refused with the limit and the count, asked again, and the reason typed
// then is the one kept.
func TestAReasonOverItsLimitIsRefusedAndAskedAgain(t *testing.T) {
	t.Parallel()
	var s saver
	o := options(&s)
	base := saved(t)
	o.FollowUp = &base
	n := len(expectedResult(t).Recommendation.Referrals)
	long := strings.Repeat("r", assess.MaxOutcomeReason+1)
	in := "\n\n3\n" + long + "\n\nno bus\n" + strings.Repeat("2\n", n-1) +
		strings.Join(strings.Split(script, "\n")[4:], "\n") + consentLines(n)
	var out strings.Builder
	if _, err := typed(o, in, &out); err != nil {
		t.Fatalf("run ended: %v\n%.3000s", err, out.String())
	}
	want := "Not accepted: the reason can have at most 120 characters, and this has 121: shorten it."
	// At a terminal the lines are wrapped at its width.
	if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), want) {
		t.Errorf("no %q in:\n%.3000s", want, out.String())
	}
	if len(s.saved) != 1 {
		t.Fatalf("%d saved", len(s.saved))
	}
	var reasons []string
	for _, f := range s.saved[0].Outcomes {
		reasons = append(reasons, f.Reason)
	}
	if !slices.Contains(reasons, "no bus") || slices.Contains(reasons, long) || slices.Contains(reasons, long[:assess.MaxOutcomeReason]) {
		t.Errorf("reasons kept %q, want \"no bus\"", reasons)
	}
}

// TestALanguageOverItsLimitIsRefusedWithTheCount: the interpreter's
// language is asked with its limit, and one character more is refused
// with the count and asked again; the language typed then is kept.
func TestALanguageOverItsLimitIsRefusedWithTheCount(t *testing.T) {
	t.Parallel()
	var s saver
	var out strings.Builder
	long := strings.Repeat("l", 41)
	in := strings.Replace(script, "\nPolish\n", "\n"+long+"\n\nPolish\n", 1) +
		consentLines(len(expectedResult(t).Recommendation.Referrals))
	if _, err := typed(options(&s), in, &out); err != nil {
		t.Fatalf("run ended: %v", err)
	}
	for _, want := range []string{"Type the answer (at most 40 characters):", "Not accepted: at most 40 characters, and this has 41: shorten it."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%.3000s", want, out.String())
		}
	}
	if len(s.saved) != 1 || !slices.Equal(s.saved[0].Answers[questionnaire.LinkLanguage], []string{"Polish"}) {
		t.Fatalf("saved %v", s.saved)
	}
}

// TestAFollowUpAsksEveryQuestionAfresh: a follow-up is a new assessment
// measured against the last, so its plain prompts read out no earlier
// answer and enter keeps none, as on the full screen; only an amendment
// offers the answers it corrects.
func TestAFollowUpAsksEveryQuestionAfresh(t *testing.T) {
	t.Parallel()
	var s saver
	o := options(&s)
	base := saved(t)
	o.FollowUp = &base
	n := len(expectedResult(t).Recommendation.Referrals)
	// Enter alone at the first question keeps nothing: it is asked again.
	// The others attended, too soon to say whether it helped: offered
	// again, as one that helped is not.
	in := "\n\n3\nno bus\n" + strings.Repeat("1\n", n-1) + "\n" +
		strings.Join(strings.Split(script, "\n")[4:], "\n") + consentLines(n)
	var out strings.Builder
	if _, err := typed(o, in, &out); err != nil {
		t.Fatalf("run ended: %v\n%.3000s", err, out.String())
	}
	if strings.Contains(out.String(), "Answered before") {
		t.Errorf("a follow-up read out an earlier answer:\n%.3000s", out.String())
	}
	if len(s.saved) != 1 || s.saved[0].FollowsUp != base.ID {
		t.Fatalf("saved %d, want one follow-up", len(s.saved))
	}
	if !slices.Equal(s.saved[0].Answers[questionnaire.LinkLanguage], []string{"Polish"}) {
		t.Errorf("the follow-up saved %v", s.saved[0].Answers)
	}
}

// TestANameWithNoLetterIsRefusedAndAskedAgain: a "1" typed (or piped) one
// prompt early at the clinician or the team is refused, saying a name has
// letters, and asked again; the name typed then is the one kept.
func TestANameWithNoLetterIsRefusedAndAskedAgain(t *testing.T) {
	t.Parallel()
	lines := strings.SplitAfter(script, "\n")
	for _, c := range []struct {
		name string
		at   int // the line of script it goes before
	}{
		{"clinician", 2},
		{"team", 3},
	} {
		var s saver
		var out strings.Builder
		in := strings.Join(lines[:c.at], "") + "1\n\n" + strings.Join(lines[c.at:], "") +
			consentLines(len(expectedResult(t).Recommendation.Referrals))
		if _, err := typed(options(&s), in, &out); err != nil {
			t.Fatalf("%s: run ended: %v", c.name, err)
		}
		want := fmt.Sprintf("Not accepted: a %s's name has letters, and what was typed has none", c.name)
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s: no %q in:\n%.1500s", c.name, want, out.String())
		}
		if len(s.saved) != 1 || s.saved[0].Clinician != "jsmith" || s.saved[0].Team != "Ward 5" {
			t.Fatalf("%s: saved %d records, %+v", c.name, len(s.saved), s.saved)
		}
	}
}
