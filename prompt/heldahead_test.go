package prompt

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
)

// keys is what a terminal delivers: each burst after its pause, counted
// from when the burst before it was read (for the first, from the first
// read), all of a burst at once, as keys typed in one go wait together.
type keys struct {
	bursts []burst
	read   bool // the first read was made
}

type burst struct {
	after time.Duration
	text  string
}

func (k *keys) Read(b []byte) (int, error) {
	if len(k.bursts) == 0 {
		return 0, io.EOF
	}
	time.Sleep(k.bursts[0].after)
	n := copy(b, k.bursts[0].text)
	if n < len(k.bursts[0].text) {
		k.bursts[0].text, k.bursts[0].after = k.bursts[0].text[n:], 0
	} else {
		k.bursts = k.bursts[1:]
	}
	return n, nil
}

// typist types each line a moment after the read that waits for it, as a
// clinician who reads each prompt before answering it.
func typist(lines ...string) []burst {
	var bs []burst
	for _, l := range lines {
		bs = append(bs, burst{after: 3 * typedAhead / 2, text: l + "\n"})
	}
	return bs
}

// atTerminal is a prompter reading bursts as keys typed at a terminal
// that does not echo them through the prompts (as on Windows), holding
// lines for hold after a refusal.
func atTerminal(o Options, bs []burst, out io.Writer, hold time.Duration) *prompter {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &prompter{o: o, in: bufio.NewReader(&keys{bursts: bs}), out: out, first: true,
		pushed: make(chan string, 64), fd: -1, tty: true, hold: hold}
}

// typed runs the prompts on lines typed at a terminal, each a moment
// after the prompt that reads it, as by a clinician who reads each
// question before answering it: a line refused is answered again by the
// next one.
func typed(o Options, in string, out io.Writer) (Outcome, error) {
	return atTerminal(o, typist(strings.Split(strings.TrimSuffix(in, "\n"), "\n")...), out, 0).all()
}

var languages = []string{"Polish", "Urdu", "Punjabi", "Bengali", "Gujarati", "Arabic", "Somali", "Portuguese", "Romanian", "Italian", "Another language"}

// TestALineTypedASecondAfterARefusedAnswerIsNotTaken: the clinician types
// a language's name at the list of languages, and it is refused; a second
// later, before the refusal could be read out, comes the burst meant for
// the next questions (1, 5, 8). None of it answers the list: it is not
// used, and said so, and the question is asked again; the answer typed
// once the refusal was read (an empty line says so) is the one taken.
// (The 1 was taken: a Tigrinya speaker recorded as needing a Polish
// interpreter.)
func TestALineTypedASecondAfterARefusedAnswerIsNotTaken(t *testing.T) {
	var out strings.Builder
	p := atTerminal(Options{}, []burst{
		{after: 300 * time.Millisecond, text: "Tigrinya\n"},
		{after: time.Second, text: "1\n5\n8\n"},
		{after: refusalHold + time.Second, text: "\n"},
		{after: 200 * time.Millisecond, text: "11\n"},
	}, &out, refusalHold)
	i, err := p.choose("Which language does the interpreter need to speak?", languages)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if i != 10 {
		t.Fatalf("chose %q, want %q, typed once the refusal was read:\n%s", languages[i], languages[10], out.String())
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{`Not an answer: "Tigrinya"`, "Not used: typed less than 2 seconds after the answer not taken, before that could be read", "Press Enter on an empty line, then answer again."} {
		if !strings.Contains(said, want) {
			t.Errorf("the prompts do not say %q:\n%s", want, out.String())
		}
	}
	// Asked again after the note, with nothing of the burst taken, and
	// after the empty line.
	if strings.Count(out.String(), "Type a number from 1 to 11:") != 4 {
		t.Errorf("the question was not asked again after each line not taken:\n%s", out.String())
	}
}

// TestAHoldEndsWithTheFirstLineTypedAfterIt: after a refusal, lines that
// keep coming within the hold of each other are none of them taken; the
// empty line takes lines again (whenever it comes), an answer typed once
// the hold is over is taken, and the hold does not come back for the next
// question.
func TestAHoldEndsWithTheFirstLineTypedAfterIt(t *testing.T) {
	const hold = 600 * time.Millisecond
	var out strings.Builder
	p := atTerminal(Options{}, []burst{
		{after: 100 * time.Millisecond, text: "Tigrinya\n"},
		{after: hold / 2, text: "1\n"},
		{after: 2 * hold / 3, text: "5\n"}, // within the hold of the 1, not of the refusal
		{after: 2 * hold / 3, text: "\n"},  // within the hold of the 5: takes lines again
		{after: 2 * hold, text: "\n"},      // no answer, refused
		{after: 2 * hold, text: "7\n"},
		{after: 100 * time.Millisecond, text: "3\n"},
	}, &out, hold)
	if i, err := p.choose("Which language?", languages); err != nil || i != 6 {
		t.Fatalf("chose %d (%v), want 6, the 7 typed after the hold:\n%s", i, err, out.String())
	}
	if i, err := p.choose("Next?", languages); err != nil || i != 2 {
		t.Fatalf("the next question chose %d (%v), want 2: the hold went on past the answer taken:\n%s", i, err, out.String())
	}
}

// TestARefusedLineInAPipeStopsTheRun: answers piped in are meant in
// order, one line a question. One refused (here the devices question is
// given a number out of range) leaves the lines after it one question
// out: the run stops there, saves nothing, keeps no answer from after the
// refused line, and says why; it never takes the next line, meant for the
// next question, as this one's answer.
func TestARefusedLineInAPipeStopsTheRun(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	bad := append(append(append([]string{}, lines[:4]...), "9"), lines[4:]...) // a line too many
	var kept []questionnaire.Answers
	var s saver
	o := options(&s)
	o.Keep = func(d *assess.Draft) error { kept = append(kept, d.Answers.Clone()); return nil }
	var out strings.Builder
	n := len(expectedResult(t).Recommendation.Referrals)
	_, err := Run(o, strings.NewReader(strings.Join(bad, "\n")+"\n"+consentLines(n)), &out)
	if !errors.Is(err, ErrAnswerNotTaken) {
		t.Fatalf("err = %v, want ErrAnswerNotTaken\n%s", err, out.String())
	}
	if len(s.saved) != 0 {
		t.Fatalf("saved %+v from a script whose lines were a question out", s.saved)
	}
	for _, a := range kept {
		if len(a) > 0 {
			t.Fatalf("kept answers given after the refused line: %v", a)
		}
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(said, `Not an answer: "9"`) || strings.Contains(said, "Do you have access to the internet") {
		t.Errorf("the refusal is not said, or a question after it was asked:\n%s", out.String())
	}
	// Every line right, the same pipe saves as before.
	s.saved, kept = nil, nil
	if _, err := Run(o, strings.NewReader(script+consentLines(n)), &strings.Builder{}); err != nil || len(s.saved) != 1 {
		t.Fatalf("a pipe of right answers: err %v, saved %d", err, len(s.saved))
	}
}

// TestTheDraftsOfferTakesNoNewAssessmentsHabit: at a terminal, with a
// draft kept for another patient, the clinician types a new assessment's
// first answers twice, two seconds apart (1, an NHS number, a name): the
// habit of every new assessment. It starts a new assessment, listed first,
// and never resumes the draft, which needs its number on the list and
// then "Resume it", which is not 1, each typed after its question.
func TestTheDraftsOfferTakesNoNewAssessmentsHabit(t *testing.T) {
	claims := 0
	o := options(&saver{})
	o.Drafts = []Resume{{
		Label: "Patient 943 476 5919, kept 10:00 by jsmith, at Motivation and trust",
		Draft: draft(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}, "jsmith", "Ward 5", firstTwoSections(), "motivation"),
		Claim: func() error { claims++; return nil },
	}}
	habit := "1\n9434766079\nNurse Bob\n"
	var out strings.Builder
	_, err := atTerminal(o, []burst{{after: 300 * time.Millisecond, text: habit}, {after: 2 * time.Second, text: habit}}, &out, refusalHold).all()
	if !errors.Is(err, ErrEndOfInput) {
		t.Fatalf("err = %v\n%s", err, out.String())
	}
	if claims != 0 || strings.Contains(out.String(), "Resuming") {
		t.Fatalf("a new assessment's habit resumed another patient's draft:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "  1. Start a new assessment\n") || !strings.Contains(out.String(), "Patient identifier:") {
		t.Errorf("a new assessment is not first on the list, or did not start:\n%s", out.String())
	}

	// Typed after each question: the draft's number, then Resume it.
	out.Reset()
	_, err = atTerminal(o, typist("2", "3"), &out, refusalHold).all()
	if claims != 1 || !strings.Contains(out.String(), "Resuming the assessment of patient 943 476 5919") {
		t.Fatalf("the draft chosen and resumed deliberately was not resumed (%v):\n%s", err, out.String())
	}
	// 1 after choosing the draft goes back to the list.
	out.Reset()
	claims = 0
	_, _ = atTerminal(o, typist("2", "1", "1"), &out, refusalHold).all()
	if claims != 0 || !strings.Contains(out.String(), "Patient identifier:") {
		t.Fatalf("1 after choosing the draft did not go back to the list:\n%s", out.String())
	}
}

// TestABurstAtTheReviewAgreesToNoReferral: at a terminal, at "Are these
// answers right?", the clinician types 1 and Enter four times in one
// burst. The first 1 confirms the review, on screen as it was typed; the
// rest were typed before the result and its referral questions were shown,
// and answer none of them: they are dropped, and said so. Each referral is
// answered by a line typed after its question was shown.
func TestABurstAtTheReviewAgreesToNoReferral(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(script, "\n"), "\n")
	bs := typist(lines[:len(lines)-1]...)
	bs = append(bs, burst{after: 3 * typedAhead, text: "1\n1\n1\n1\n"})
	n := len(expectedResult(t).Recommendation.Referrals)
	bs = append(bs, typist(strings.Split(strings.TrimSuffix(answerReferrals(n, "3", "3")+"1\n2\n", "\n"), "\n")...)...)
	var s saver
	var out strings.Builder
	if _, err := atTerminal(options(&s), bs, &out, refusalHold).all(); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(s.saved) != 1 {
		t.Fatalf("saved %d records\n%s", len(s.saved), out.String())
	}
	for _, r := range s.saved[0].Recommendation.Referrals {
		if r.Consent != questionnaire.NotDiscussed {
			t.Errorf("%s: %q, want not discussed, as typed after its question:\n%s", r.Name, r.Consent, out.String())
		}
	}
	if !strings.Contains(out.String(), "Keys typed before this question was shown were ignored") {
		t.Errorf("the keys dropped are not said:\n%s", out.String())
	}
}

// TestLinesTypedSlowlyAfterARefusedAnswerAreIgnoredUntilAnEmptyLine: a
// slow typist's lines come later than any hold: "Tigrinya" refused at the
// list of languages, then "1", "5" and "8" (the next questions' answers),
// each typed after the hold had ended, recorded a Polish interpreter by
// the 1. After a line refused at a terminal, every line is refused, said
// so, until an empty line; the answer typed after it is the one taken.
func TestLinesTypedSlowlyAfterARefusedAnswerAreIgnoredUntilAnEmptyLine(t *testing.T) {
	const hold = 300 * time.Millisecond
	var out strings.Builder
	p := atTerminal(Options{}, []burst{
		{after: 100 * time.Millisecond, text: "Tigrinya\n"},
		{after: 2 * hold, text: "1\n"},
		{after: 2 * hold, text: "5\n"},
		{after: 2 * hold, text: "8\n"},
		{after: 2 * hold, text: "\n"},
		{after: 2 * hold, text: "11\n"},
	}, &out, hold)
	i, err := p.choose("Which language does the interpreter need to speak?", languages)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if i != 10 {
		t.Fatalf("chose %q, want %q, typed after the empty line:\n%s", languages[i], languages[10], out.String())
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	if n := strings.Count(said, "Not used: lines are being ignored"); n != 3 {
		t.Errorf("said %d lines ignored, want 3 (1, 5 and 8):\n%s", n, out.String())
	}
	for _, want := range []string{"press Enter on an empty line", "Lines are taken again"} {
		if !strings.Contains(said, want) {
			t.Errorf("the prompts do not say %q:\n%s", want, out.String())
		}
	}
	// Taken again, the next question takes its line as ever.
	var out2 strings.Builder
	p = atTerminal(Options{}, []burst{
		{after: 100 * time.Millisecond, text: "x\n"},
		{after: 2 * hold, text: "\n"},
		{after: 2 * hold, text: "2\n"},
		{after: 2 * hold, text: "3\n"},
	}, &out2, hold)
	if i, err := p.choose("Which language?", languages); err != nil || i != 1 {
		t.Fatalf("chose %d (%v), want 1:\n%s", i, err, out2.String())
	}
	if i, err := p.choose("Next?", languages); err != nil || i != 2 {
		t.Fatalf("the next question chose %d (%v), want 2:\n%s", i, err, out2.String())
	}
}
