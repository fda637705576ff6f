package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// A key acts when typed on its own, and a slow typist's letters each come
// on their own: the letters of a word before its first letter that is no
// key of the screen acted. Refused, that letter takes back the answers
// its run gave (letters and digits each within the run gap of the next)
// and says so; an answer given on its own, then a pause, is kept; what
// cannot be taken back is said with the refusal.

// pauseAfterAnswer is longer than any run: an answer then this pause was
// given on its own.
func pauseAfterAnswer(d *driver) { time.Sleep(d.m.runGapLen() + slowHold) }

// TestASlowWordOnTheResultTakesBackTheReferralAnswersItGave: "andrew" and
// "nadia", a key each after the hold, answered three referrals by their
// a, n and d before the refused letter. Those answers are taken back,
// the refusal says so, and the highlight is on the first of them.
func TestASlowWordOnTheResultTakesBackTheReferralAnswersItGave(t *testing.T) {
	for _, w := range []string{"andrew", "nadia"} {
		t.Run(w, func(t *testing.T) {
			d, st := atResult(t)
			slowTyping(d)
			slowerThanHold(d, word(w)...)
			if c := consentsOf(d.m); len(c) != 0 {
				t.Fatalf("%q typed slowly left referral answers: %v\n%s", w, c, d.screen())
			}
			s := flat(d.screen())
			if strings.Contains(s, "[agreed") || strings.Contains(s, "[declined") || strings.Contains(s, "[not discussed") {
				t.Fatalf("the result still shows answers taken back:\n%s", d.screen())
			}
			if !strings.Contains(s, "> [ask") {
				t.Fatalf("the result does not show the first referral taken back highlighted, to ask:\n%s", d.screen())
			}
			if !strings.Contains(s, "The 3 referral answers typed just before it were taken back: answer them again.") {
				t.Fatalf("the refusal does not say the answers were taken back:\n%s", d.screen())
			}
			mustIgnore(t, d, w+" typed slowly")
			if d.m.referral != 0 {
				t.Fatalf("the highlight is on referral %d, not the first taken back", d.m.referral)
			}
			d.press("esc")
			time.Sleep(d.m.wordHoldLen() + slowHold)
			d.press("enter")
			if st.Calls() != 0 {
				t.Fatalf("enter saved with the referrals unanswered:\n%s", d.screen())
			}
		})
	}
}

// TestAReferralAnsweredThenAPauseIsKeptWhenALetterIsRefused: a consent
// typed on its own, then a pause longer than a run, is the clinician's:
// a letter refused after the pause takes nothing back.
func TestAReferralAnsweredThenAPauseIsKeptWhenALetterIsRefused(t *testing.T) {
	d, _ := atResult(t)
	slowTyping(d)
	slowerThanHold(d, "a")
	pauseAfterAnswer(d)
	slowerThanHold(d, "r")
	if c := consentsOf(d.m); len(c) != 1 {
		t.Fatalf("a given on its own, then a pause, was taken back by a refused r: %v\n%s", c, d.screen())
	}
	mustIgnore(t, d, "r after a pause")
	if strings.Contains(flat(d.screen()), "taken back") {
		t.Fatalf("the refusal says an answer was taken back:\n%s", d.screen())
	}
}

// TestAnAnswerReplacedOnTheResultIsSaid: "d a n" typed slowly over
// referrals all answered changed the highlighted one three times without
// a word; each change is said, with what it was.
func TestAnAnswerReplacedOnTheResultIsSaid(t *testing.T) {
	d, _ := atResult(t)
	answerReferrals(d, firstReferrals)
	slowTyping(d)
	press := "d"
	was := d.m.referrals()[d.m.referral].Consent
	if was == questionnaire.Declined {
		press = "a"
	}
	slowerThanHold(d, press)
	if s := flat(d.screen()); !strings.Contains(s, "(it was "+was+")") {
		t.Fatalf("the screen does not say the answer %q was replaced:\n%s", was, d.screen())
	}
}

// TestTwoThenFiveSlowlyOnTheLanguageListTakesBackTheLanguage: "2 5", a
// number the list does not have, a key each after the hold: the 2 chose
// Romanian and moved on, and the 5 was refused on the next question with
// Romanian kept. The 5 takes Romanian back: the language list is on screen
// again with the answer it had before, and the refusal says so. (A 1,
// which may begin 10 or 11, chooses nothing by itself: "1 0" is the
// tenth, Italian, at any pace.)
func TestTwoThenFiveSlowlyOnTheLanguageListTakesBackTheLanguage(t *testing.T) {
	d := toLanguageList(t)
	slowTyping(d)
	f := d.m.activeForm().focused()
	chosen := f.chosen
	slowerThanHold(d, "2", "5")
	d.waitFor("Which language does the interpreter need to speak?")
	if g := d.m.activeForm().focused(); g != f || f.chosen != chosen {
		t.Fatalf("2 then 5 typed slowly left option %d chosen (was %d):\n%s", f.chosen, chosen, d.screen())
	}
	if !strings.Contains(flat(d.screen()), `Not an answer: "25", typed as one number: its 2 chose an answer, which was taken back.`) {
		t.Fatalf("the refusal does not say the language was taken back:\n%s", d.screen())
	}
	mustIgnore(t, d, "2 5 typed slowly")
	d.press("esc")
	if strings.Contains(flat(d.screen()), ignoring) || d.m.activeForm().focused() != f {
		t.Fatalf("esc did not end the ignoring on the language list:\n%s", d.screen())
	}
}

// TestAChoiceThenAPauseIsKeptWhenTheNextQuestionRefusesAKey: a language
// chosen by 2, then a pause, then a key that is no key of the next
// question: the language stays chosen.
func TestAChoiceThenAPauseIsKeptWhenTheNextQuestionRefusesAKey(t *testing.T) {
	d := toLanguageList(t)
	slowTyping(d)
	f := d.m.activeForm().focused()
	slowerThanHold(d, "2")
	pauseAfterAnswer(d)
	slowerThanHold(d, "0")
	if f.chosen != 1 || d.m.activeForm().focused() == f {
		t.Fatalf("2, a pause, then a refused 0 took the language back:\n%s", d.screen())
	}
}

// TestTicksTypedSlowlyBeforeARefusedLetterAreTakenBack: "1 3" then a
// letter on a list of many answers, a key each after the hold: the two
// ticks are taken back with the letter.
func TestTicksTypedSlowlyBeforeARefusedLetterAreTakenBack(t *testing.T) {
	d := toOwnTasks(t)
	slowTyping(d)
	slowerThanHold(d, "1", "3", "a")
	if f := d.m.activeForm().focused(); f == nil || len(f.values()) != 0 {
		t.Fatalf("ticks typed before a refused letter were kept:\n%s", d.screen())
	}
	if !strings.Contains(flat(d.screen()), "The 2 ticks made by the keys typed just before it were taken back") {
		t.Fatalf("the refusal does not say the ticks were taken back:\n%s", d.screen())
	}
}

// TestAHandoutWrittenBeforeARefusedLetterIsSaid: "paul" typed slowly on
// the saved screen wrote the handout by its p, and the refusal of its a
// hid that a file was written. The refusal says it, and goes on saying
// it for every key ignored after it, with their count.
func TestAHandoutWrittenBeforeARefusedLetterIsSaid(t *testing.T) {
	printed := 0
	o := testOptions((&memStore{}).Save)
	o.SaveHandout = func(name, text string) (string, error) { return "/tmp/" + name + ".txt", nil }
	o.PrintHandout = func(string) error { printed++; return nil }
	d := newDriver(t, o, 80, 24)
	toSaved(d)
	slowTyping(d)
	slowerThanHold(d, word("paul")...)
	if printed != 1 {
		t.Fatalf("p did not print the handout (%d)", printed)
	}
	s := flat(d.screen())
	if !strings.Contains(s, `Not taken: "a"`) || !strings.Contains(s, "Handout sent to the printer, and saved as /tmp/") {
		t.Fatalf("the refusal hides that the handout was printed:\n%s", d.screen())
	}
	if !strings.Contains(s, "(2 keys ignored.)") {
		t.Fatalf("the keys ignored are not counted:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// TestAHandoutNotPrintedBeforeARefusedLetterIsSaid: with no printer, p of
// "paul" saved the handout and said it was not printed; the refusal of the
// a hid that, and that a file holding the patient's plan was written.
func TestAHandoutNotPrintedBeforeARefusedLetterIsSaid(t *testing.T) {
	o := testOptions((&memStore{}).Save)
	o.SaveHandout = func(name, text string) (string, error) { return "/tmp/" + name + ".txt", nil }
	o.PrintHandout = func(path string) error {
		return errors.New("printing is not set up on this computer: the handout is saved at " + path)
	}
	d := newDriver(t, o, 80, 24)
	toSaved(d)
	slowTyping(d)
	slowerThanHold(d, word("paul")...)
	s := flat(d.screen())
	if !strings.Contains(s, `Not taken: "a"`) || !strings.Contains(s, "Handout saved as /tmp/") {
		t.Fatalf("the refusal hides that the handout was saved and not printed:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// TestADraftResumedBeforeARefusedLetterIsSaid: "rob" typed slowly at the
// kept draft's question resumed it by its r, and the refusal of its o hid
// "Resumed. It is recorded as done by …": the clinician never saw that the
// work is recorded under another's name. The refusal says it.
func TestADraftResumedBeforeARefusedLetterIsSaid(t *testing.T) {
	d, _ := keptTyping(t)
	slowTyping(d)
	slowerThanHold(d, word("rob")...)
	s := flat(d.screen())
	if !strings.Contains(s, "Before it: Resumed") || !strings.Contains(s, ignoring) {
		t.Fatalf("the refusal after the draft was resumed hides that it was:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// TestALetterRefusedAfterANumberKeepsTheNumbersAnswer: a number that
// answered a list, then a word of letters typed slowly on the question it
// brought up: the word was no part of the number, and the answer stays.
func TestALetterRefusedAfterANumberKeepsTheNumbersAnswer(t *testing.T) {
	d := toLanguageList(t)
	slowTyping(d)
	f := d.m.activeForm().focused()
	slowerThanHold(d, "2", "y", "e", "s")
	if f.chosen != 1 || d.m.activeForm().focused() == f {
		t.Fatalf("a word of letters after 2 took the language back:\n%s", d.screen())
	}
	mustIgnore(t, d, "yes typed after 2")
}

// TestTheQuitQuestionWhileKeysAreIgnoredOffersNoCtrlC: a key refused at
// ctrl+c's question left "ctrl+c quit" in the help, though ctrl+c is then
// ignored like any key: the help offers only esc, which takes keys again.
func TestTheQuitQuestionWhileKeysAreIgnoredOffersNoCtrlC(t *testing.T) {
	d := atQuitQuestion(t)
	burst(d, "Y")
	mustIgnore(t, d, "Y at the quit question")
	if s := flat(d.screen()); strings.Contains(s, "ctrl+c quit") {
		t.Fatalf("the help offers ctrl+c while keys are ignored at the quit question:\n%s", d.screen())
	}
	d.press("ctrl+c")
	if d.m.exit != exitUnknown || !d.m.confirmQuit {
		t.Fatalf("ctrl+c while keys were ignored answered the quit question:\n%s", d.screen())
	}
}
