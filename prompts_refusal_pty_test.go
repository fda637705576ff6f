//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// promptShown waits until the plain prompts have shown a new prompt: the
// screen differs from was, ends at a prompt (a line ending in ":"), and
// has stopped changing. It returns the screen.
func (tm *ptyTerm) promptShown(was string) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	last, since := "", time.Now()
	for {
		s := tm.vt.Screen()
		if s != last {
			last, since = s, time.Now()
		}
		if s != was && strings.HasSuffix(strings.TrimRight(s, " \n"), ":") && time.Since(since) > 150*time.Millisecond {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited for the next prompt; the screen shows:\n%s", s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// answerEach types each line once the prompt that reads it is shown, as a
// clinician who reads each question.
func (tm *ptyTerm) answerEach(lines ...string) {
	tm.t.Helper()
	was := ""
	for _, l := range lines {
		was = tm.promptShown(was)
		tm.keys(l + "\r")
	}
}

// toLanguage are the answers, through the plain prompts, from the first
// question to the interpreter's language list: a patient, 1 to every
// question (the tester's "1 Enter" ten times), then "needs an
// interpreter".
var toLanguage = append([]string{"1", "9434766087", "Nurse Tcap", ""},
	"1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "6")

// TestPlainPromptsTakeNoBurstTypedASecondAfterARefusedWord: at the plain
// prompts, on a real terminal, the clinician types "Tigrinya" at the
// list of languages, and it is refused; a second later comes the burst
// meant for the next questions, 1, 5 and 8. None of it answers the list
// (the 1 was recorded: an interpreter booked in Polish for a Tigrinya
// speaker): the screen says it was not used and asks again, and the
// answer typed once the refusal is read is the one taken.
func TestPlainPromptsTakeNoBurstTypedASecondAfterARefusedWord(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 60, nil, "--accessible")
	tm.answerEach(toLanguage...)
	tm.waitFor("Which language does the interpreter need to speak?", "Type a number from 1 to 11:")
	time.Sleep(500 * time.Millisecond) // the list is read
	tm.keys("Tigrinya\r")
	tm.waitFor(`Not an answer: "Tigrinya"`)
	time.Sleep(time.Second)
	tm.keys("1\r5\r8\r") // one write: one burst
	tm.waitFor("Not used: typed less than 2 seconds after the answer not taken")
	time.Sleep(500 * time.Millisecond) // anything still coming has come
	s := tm.vt.Screen()
	// Lines are still ignored: the note says what works, an empty line.
	if !strings.HasSuffix(strings.TrimRight(s, " \n"), "then answer again.\nType a number from 1 to 11:") {
		t.Fatalf("the burst typed after the refused word answered a question:\n%s", s)
	}
	time.Sleep(2 * time.Second) // the note is read
	tm.keys("\r")               // an empty line: lines are taken again
	tm.waitFor("Lines are taken again")
	tm.keys("11\r")
	tm.waitFor("What is the other language?")
	tm.keys("\x04")
	tm.exited()
}

// TestPlainPromptsTakeNoLineTypedSlowlyAfterARefusedWord: a slow
// two-finger typist (a key every 1.3 s, or 2.5 s) types "Tig" at the list
// of languages, refused, then 1, 5 and 8, each with its Enter, meant for
// the next questions: each line comes after the 2 s hold has ended, and
// the 1 recorded a Polish interpreter. Every line after the refused one
// is refused, said so, until an empty line; the answer after it is taken.
func TestPlainPromptsTakeNoLineTypedSlowlyAfterARefusedWord(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	for _, gap := range []time.Duration{1300 * time.Millisecond, 2500 * time.Millisecond} {
		t.Run(gap.String(), func(t *testing.T) {
			t.Parallel()
			tm := startTerm(t, t.TempDir(), 80, 60, nil, "--accessible")
			tm.answerEach(toLanguage...)
			tm.waitFor("Which language does the interpreter need to speak?", "Type a number from 1 to 11:")
			time.Sleep(500 * time.Millisecond) // the list is read
			slowly(t, tm, gap, "T", "i", "g", "enter", "1", "enter", "5", "enter", "8", "enter")
			s := tm.vt.Screen()
			if !strings.HasSuffix(strings.TrimRight(s, " \n"), "Type a number from 1 to 11:") || strings.Contains(s, "letters written in your own language") {
				t.Fatalf("a line typed slowly after the refused word answered a question:\n%s", s)
			}
			// Each line is said not used: begun within the 2 s hold
			// after the line before ("typed less than 2 seconds after
			// the answer not taken", a line being judged by its first
			// key), or after it ("lines are being ignored"); either way
			// until an empty line.
			if f := flatScreen(tm); strings.Count(f, "Not used:") < 3 || !strings.Contains(f, "Press Enter on an empty line") {
				t.Fatalf("the prompts do not say the lines are ignored until an empty line:\n%s", s)
			}
			tm.keys("\r")
			tm.waitFor("Lines are taken again")
			// Read, past the 2 s hold after the last line not used.
			time.Sleep(2500 * time.Millisecond)
			tm.keys("11\r")
			tm.waitFor("What is the other language?")
			tm.keys("\x04")
			tm.exited()
		})
	}
}

// TestPlainPromptsANewAssessmentsHabitResumesNoDraft: with another
// patient's draft kept, the clinician types a new assessment's first
// answers at the plain prompts twice, two seconds apart (1, the NHS
// number, the clinician), as every new assessment starts. The first 1
// starts a new assessment, listed first; nothing resumes the draft.
// (It chose the draft, listed first, and then "1. Resume it".)
func TestPlainPromptsANewAssessmentsHabitResumesNoDraft(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	keptDraft(t, dir, "9434765919")
	tm := startTerm(t, dir, 80, 60, nil, "--accessible")
	tm.waitFor("Choose one", "Type a number from 1 to 2:")
	time.Sleep(500 * time.Millisecond) // the list is read
	tm.keys("1\r9434766079\rNurse Bob\r")
	time.Sleep(2 * time.Second)
	tm.keys("1\r9434766079\rNurse Bob\r")
	time.Sleep(time.Second) // anything still coming has come
	if s := tm.vt.Screen(); strings.Contains(s, "Resuming") || !strings.Contains(s, "  1. Start a new assessment\n") ||
		!strings.Contains(s, "NHS number (10 digits): 9434766079") || !strings.Contains(s, "): Nurse Bob") {
		t.Fatalf("a new assessment's answers typed out of habit did not start it, or opened the draft:\n%s", s)
	}
	tm.keys("\x04")
	tm.exited()
	if ds := draftsIn(t, dir); len(ds) != 1 || ds[0] != "9434765919" {
		t.Errorf("drafts after the run: %v, want the one draft as it was", ds)
	}
}

// TestPlainPromptsABurstAtTheReviewAgreesToNoReferral: at the plain
// prompts, on a real terminal, the clinician types 1 and Enter four
// times in one burst at "Are these answers right?". The first shows the
// result; the rest, typed before the referral questions were shown, are
// dropped, and said so: the first referral waits for its answer. (The
// burst agreed to three referrals the patient never heard of.)
func TestPlainPromptsABurstAtTheReviewAgreesToNoReferral(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	dir := t.TempDir()
	tm := startTerm(t, dir, 80, 60, nil, "--accessible")
	lines := append(append([]string{}, toLanguage...), "11", "Tigrinya")
	// The rest of the questions, 1 to each (the optional ones asked),
	// and a postcode district.
	for range 12 {
		lines = append(lines, "1")
	}
	tm.answerEach(append(lines, "LS6")...)
	tm.waitFor("Are these answers right?", "Type a number from 1 to 7:")
	time.Sleep(readPause)   // the review is read
	tm.keys("1\r1\r1\r1\r") // one write: one burst
	tm.waitFor("Referral 1 of")
	time.Sleep(500 * time.Millisecond) // anything still coming has come
	s := tm.vt.Screen()
	if !strings.HasSuffix(strings.TrimRight(s, " \n"), "Not discussed with the patient\nType a number from 1 to 3:") || strings.Contains(s, "Referral 2 of") {
		t.Fatalf("the burst typed at the review answered a referral:\n%s", s)
	}
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, "Keys typed before this question was shown were ignored") {
		t.Errorf("the keys dropped are not said:\n%s", s)
	}
	tm.keys("\x04")
	tm.exited()
}
