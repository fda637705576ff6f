package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// A slow two-finger typist leaves more time between a word's letters than
// any hold after a refused key can wait for: at a key every 1.3 s a hold
// of 1.2 s ended before each letter, and "e x t r a" ticked a skill,
// "Tigrinya" agreed to referrals, "Spanish" printed the handout, and the
// burst after a refused "Tigrinya" recorded a Polish interpreter. After a
// key refused as no key of the screen, every key is ignored, however
// slowly it comes, until the clinician presses esc (which goes back
// nowhere); only the arrows still move a list's highlight, choosing
// nothing.

// slowHold is the hold these tests give the model: short, so that a
// typist slower than it is quick to test. Nothing here depends on the
// hold's length: a key that comes after it has ended is the point.
const slowHold = 60 * time.Millisecond

// slowerThanHold types keys one at a time, each after the hold has ended: as a
// typist slower than any hold types a word. A key of the screen that
// waits to be seen typed on its own is taken (press runs its wait) before
// the next comes.
func slowerThanHold(d *driver, keys ...string) {
	gap := d.m.wordHoldLen() + slowHold
	for _, k := range keys {
		time.Sleep(gap)
		d.press(k)
	}
	time.Sleep(gap)
}

// ignoring says the keys are being ignored until esc.
const ignoring = "Keys are being ignored"

// slowTyping gives d the short hold, with the screen on show read.
func slowTyping(d *driver) {
	d.m.refusalHold = slowHold
	time.Sleep(d.m.wordHoldLen() + slowHold)
}

func mustIgnore(t *testing.T, d *driver, what string) {
	t.Helper()
	if s := flat(d.screen()); !strings.Contains(s, ignoring) || !strings.Contains(s, "Esc") {
		t.Fatalf("%s: the screen does not say keys are being ignored until esc:\n%s", what, d.screen())
	}
	if !strings.Contains(flat(d.screen()), "esc take keys again") {
		t.Fatalf("%s: the help does not say what esc does now:\n%s", what, d.screen())
	}
}

// TestAWordTypedSlowlyOnAListChoosesNothingUntilEsc: "Tigrinya" and enter
// at a key each after the hold, then "1 enter 5 enter 8 enter" the same
// way (the next questions' answers), record nothing on the language list:
// every key after the T is ignored, and said so. The arrows move the
// highlight, choosing nothing. Esc stays on the question and takes keys
// again: 1 then chooses.
func TestAWordTypedSlowlyOnAListChoosesNothingUntilEsc(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	slowTyping(d)
	slowerThanHold(d, append(word("Tigrinya"), "enter")...)
	slowerThanHold(d, "1", "enter", "5", "enter", "8", "enter")
	d.waitFor("Which language does the interpreter need to speak?")
	mustIgnore(t, d, "Tigrinya typed slowly")
	f := d.m.activeForm().focused()
	if f == nil || f.values() != nil {
		t.Fatalf("a word typed slowly answered the language list:\n%s", d.screen())
	}
	if got := d.m.sections[d.m.current].values()[questionnaire.LinkLanguageCode]; got != nil {
		t.Fatalf("a word typed slowly recorded language %q", got)
	}
	slowerThanHold(d, "down", "down")
	if f := d.m.activeForm().focused(); f.cursor != 1 || f.values() != nil {
		t.Fatalf("the arrows did not move the highlight (cursor %d), or chose:\n%s", f.cursor, d.screen())
	}
	slowerThanHold(d, "enter")
	if f := d.m.activeForm().focused(); f == nil || f.values() != nil {
		t.Fatalf("enter chose the option highlighted while keys were ignored:\n%s", d.screen())
	}
	d.press("esc")
	d.waitFor("Which language does the interpreter need to speak?")
	if strings.Contains(flat(d.screen()), ignoring) {
		t.Fatalf("esc did not end the ignoring:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + slowHold)
	d.press("2")
	d.waitFor("Do you need letters written in your own language?")
}

// TestAWordTypedSlowlyOnAListOfManyAnswersTicksNothingUntilEsc: "extra"
// then enter, a key each after the hold, ticked the answer highlighted by
// its x and went on; it ticks nothing and stays, until esc; x then ticks.
func TestAWordTypedSlowlyOnAListOfManyAnswersTicksNothingUntilEsc(t *testing.T) {
	t.Parallel()
	d := toOwnTasks(t)
	slowTyping(d)
	slowerThanHold(d, append(word("extra"), "enter")...)
	d.waitFor("Which of these can you do on your own?")
	if f := d.m.activeForm().focused(); f == nil || len(f.values()) != 0 {
		t.Fatalf("extra typed slowly ticked an answer:\n%s", d.screen())
	}
	mustIgnore(t, d, "extra typed slowly")
	d.press("esc")
	d.waitFor("Which of these can you do on your own?")
	slowerThanHold(d, "x")
	if f := d.m.activeForm().focused(); f == nil || len(f.values()) != 1 {
		t.Fatalf("x after esc ticked nothing:\n%s", d.screen())
	}
}

// TestAWordTypedSlowlyOnTheReviewPassesNothingUntilEsc: "Tigrinya enter"
// typed slowly on the review neither opens a section (by a digit) nor
// passes it; esc stays on the review.
func TestAWordTypedSlowlyOnTheReviewPassesNothingUntilEsc(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	slowTyping(d)
	slowerThanHold(d, append(word("Tigrinya"), "enter", "1", "p")...)
	if d.m.screen != reviewScreen {
		t.Fatalf("a word typed slowly left the review (screen %d):\n%s", d.m.screen, d.screen())
	}
	mustIgnore(t, d, "Tigrinya typed slowly on the review")
	d.press("esc")
	if d.m.screen != reviewScreen || strings.Contains(flat(d.screen()), ignoring) {
		t.Fatalf("esc went back from the review, or keys are still ignored:\n%s", d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + slowHold)
	d.press("end")
	time.Sleep(d.m.wordHoldLen() + slowHold) // the review is read to its end
	d.press("enter")
	d.waitFor("Result")
}

// TestAWordTypedSlowlyOnTheResultAnswersNoReferral: "Tigrinya" typed
// slowly on the result answered two referrals by its n and a; "and"
// typed slowly after a refused key answers none either. After esc, a then
// ↓ answers as before.
func TestAWordTypedSlowlyOnTheResultAnswersNoReferral(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Tigrinya", "xand"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d, st := atResult(t)
			slowTyping(d)
			slowerThanHold(d, append(word(w), "enter")...)
			if c := consentsOf(d.m); len(c) != 0 {
				t.Fatalf("%q typed slowly answered referrals: %v\n%s", w, c, d.screen())
			}
			if st.Calls() != 0 || d.m.screen != resultScreen {
				t.Fatalf("%q typed slowly saved:\n%s", w, d.screen())
			}
			mustIgnore(t, d, w+" typed slowly on the result")
			d.press("esc")
			if d.m.screen != resultScreen {
				t.Fatalf("esc went back from the result:\n%s", d.screen())
			}
			time.Sleep(d.m.wordHoldLen() + slowHold)
			burst(d, "a", "down")
			if c := consentsOf(d.m); len(c) != 1 {
				t.Fatalf("a then down after esc did not answer one referral: %v\n%s", c, d.screen())
			}
		})
	}
}

// TestAWordTypedSlowlyOnTheSavedScreenPrintsNothing: "Spanish" typed
// slowly printed the handout by its p and started a new assessment by its
// n; it does neither, until esc; p then prints.
func TestAWordTypedSlowlyOnTheSavedScreenPrintsNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Spanish", "spanish"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			printed, saved := 0, 0
			o := testOptions((&memStore{}).Save)
			o.SaveHandout = func(name, text string) (string, error) { saved++; return "/tmp/" + name, nil }
			o.PrintHandout = func(string) error { printed++; return nil }
			d := newDriver(t, o, 80, 24)
			toSaved(d)
			slowTyping(d)
			slowerThanHold(d, word(w)...)
			if printed+saved != 0 || d.m.screen != savedScreen || d.m.exit != exitUnknown {
				t.Fatalf("%q typed slowly printed %d, saved %d, screen %d:\n%s", w, printed, saved, d.m.screen, d.screen())
			}
			mustIgnore(t, d, w+" typed slowly on the saved screen")
			d.press("esc")
			if d.m.screen != savedScreen {
				t.Fatalf("esc left the saved screen:\n%s", d.screen())
			}
			slowerThanHold(d, "p")
			if printed != 1 {
				t.Fatalf("p after esc did not print:\n%s", d.screen())
			}
		})
	}
}

// TestAWordTypedSlowlyOnTheDraftsListOpensNothing: a name typed slowly on
// the list of drafts ("Dina", whose n starts a new assessment; an NHS
// number and enter) opens no draft and starts nothing; after esc, n
// starts a new assessment.
func TestAWordTypedSlowlyOnTheDraftsListOpensNothing(t *testing.T) {
	t.Parallel()
	for _, w := range [][]string{word("Dina"), append(word("9434766079"), "enter", "n")} {
		t.Run(strings.Join(w, ""), func(t *testing.T) {
			t.Parallel()
			d, claims := draftsTyping(t)
			slowTyping(d)
			slowerThanHold(d, w...)
			if d.m.screen != draftsScreen || *claims != 0 {
				t.Fatalf("%v typed slowly on the list opened something:\n%s", w, d.screen())
			}
			mustIgnore(t, d, "a word typed slowly on the list of drafts")
			d.press("esc")
			if d.m.screen != draftsScreen {
				t.Fatalf("esc left the list:\n%s", d.screen())
			}
			slowerThanHold(d, "n")
			if d.m.screen != patientScreen {
				t.Fatalf("n after esc started no assessment:\n%s", d.screen())
			}
		})
	}
}

// TestAWordTypedSlowlyAtTheQuitQuestionAnswersNothing: "Tigrinya" typed
// slowly at ctrl+c's question was refused at its T, and its n (keep
// going) then taken; "kiwi" discarded nothing but its k kept a draft and
// quit. Every key after the refused one is ignored until esc, which
// leaves the question on screen.
func TestAWordTypedSlowlyAtTheQuitQuestionAnswersNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Tigrinya", "Oyk", "1nk"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d := atQuitQuestion(t)
			slowTyping(d)
			slowerThanHold(d, word(w)...)
			if d.m.exit != exitUnknown || !d.m.confirmQuit {
				t.Fatalf("%q typed slowly answered the quit question (exit %v):\n%s", w, d.m.exit, d.screen())
			}
			mustIgnore(t, d, w+" typed slowly at the quit question")
			d.press("esc")
			if !d.m.confirmQuit {
				t.Fatalf("esc answered the quit question while keys were ignored:\n%s", d.screen())
			}
			d.waitFor("Discard this assessment?")
			slowerThanHold(d, "n")
			if d.m.confirmQuit {
				t.Fatalf("n after esc did not keep going:\n%s", d.screen())
			}
		})
	}
}

// TestACapitalOfAKeySaysCapsLock: a capital of a key of the screen is no
// key there (a name's first letter, or Caps Lock on), and its refusal
// asks whether Caps Lock is on, on every screen with letter keys.
func TestACapitalOfAKeySaysCapsLock(t *testing.T) {
	t.Parallel()
	caps := "(Is Caps Lock on?)"
	t.Run("result", func(t *testing.T) {
		t.Parallel()
		d, _ := atResult(t)
		burst(d, "A")
		if c := consentsOf(d.m); len(c) != 0 || !strings.Contains(flat(d.screen()), caps) {
			t.Fatalf("A on the result: %v\n%s", c, d.screen())
		}
	})
	t.Run("review", func(t *testing.T) {
		t.Parallel()
		d, _ := atReview(t)
		burst(d, "P")
		if d.m.screen != reviewScreen || !strings.Contains(flat(d.screen()), caps) {
			t.Fatalf("P on the review:\n%s", d.screen())
		}
	})
	t.Run("many answers", func(t *testing.T) {
		t.Parallel()
		d := toOwnTasks(t)
		burst(d, "X")
		if f := d.m.activeForm().focused(); len(f.values()) != 0 || !strings.Contains(flat(d.screen()), caps) {
			t.Fatalf("X on a list of many answers:\n%s", d.screen())
		}
	})
	t.Run("drafts", func(t *testing.T) {
		t.Parallel()
		d, _ := draftsTyping(t)
		burst(d, "N")
		if d.m.screen != draftsScreen || !strings.Contains(flat(d.screen()), caps) {
			t.Fatalf("N on the list of drafts:\n%s", d.screen())
		}
	})
	t.Run("discard", func(t *testing.T) {
		t.Parallel()
		d, discards := discardTyping(t)
		burst(d, "d")
		time.Sleep(wordHold + 100*time.Millisecond)
		burst(d, "Y")
		time.Sleep(wordHold + 100*time.Millisecond)
		if *discards != 0 || !strings.Contains(flat(d.screen()), caps) {
			t.Fatalf("Y at discard?:\n%s", d.screen())
		}
	})
	t.Run("a letter that is no key", func(t *testing.T) {
		t.Parallel()
		d, _ := atResult(t)
		burst(d, "T")
		if strings.Contains(flat(d.screen()), caps) {
			t.Fatalf("T, no key's capital, asks about Caps Lock:\n%s", d.screen())
		}
	})
}
