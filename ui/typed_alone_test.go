package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Keys typed ahead, or words typed where a text box was expected, record
// nothing nobody chose on the list of drafts, the review, the result and
// the saved screen: a key that is not a key of the screen is refused with
// the rest of its burst, enter straight after it confirms nothing, and a
// letter that is a key there (a consent, print, a new assessment, quit) is
// taken only when it is typed on its own.

// burst delivers keys to the model one after another before any timer
// the model set can fire, as keys typed together reach it, then lets the
// timers run.
func burst(d *driver, keys ...string) {
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := d.m.Update(keyPress(k))
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		d.run(c)
	}
}

// word is a word as keys.
func word(s string) []string { return strings.Split(s, "") }

// draftsTyping is the list of drafts with one draft (another patient's)
// highlighted, read, and keys held at it as at a terminal.
func draftsTyping(t *testing.T) (*driver, *int) {
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	claims := 0
	o.ClaimDraft = func(record.ID) error { claims++; return nil }
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusalHold = refusalHold
	time.Sleep(refusalHold) // the list has been read
	return d, &claims
}

// TestDigitsTypedSlowlyOnTheDraftsListThenEnterOpenNoDraft: a new
// patient's NHS number typed one digit every 0.4 s on the list, then
// enter, opens no draft: each digit holds the keys until none has come
// for the longer hold, as on the questions.
func TestDigitsTypedSlowlyOnTheDraftsListThenEnterOpenNoDraft(t *testing.T) {
	t.Parallel()
	d, claims := draftsTyping(t)
	for _, r := range "9434766" {
		d.typeText(string(r))
		time.Sleep(400 * time.Millisecond)
	}
	d.press("enter")
	if d.m.screen != draftsScreen || *claims != 0 {
		t.Fatalf("digits typed slowly, then enter, opened a draft:\n%s", d.screen())
	}
	d.waitFor("Unfinished assessments", `Not a choice here: "`)
}

// TestEnterAfterARefusedKeyOnTheDraftsListOpensNothingUntilEsc: however
// long after a key refused on the list, enter opens no draft, and the
// list says why in plain words; after esc, enter resumes as usual, and so
// does n.
func TestEnterAfterARefusedKeyOnTheDraftsListOpensNothingUntilEsc(t *testing.T) {
	t.Parallel()
	d, claims := draftsTyping(t)
	d.typeText("9")
	time.Sleep(wordHold + 100*time.Millisecond) // the hold is over
	d.press("enter")
	if d.m.screen != draftsScreen || *claims != 0 {
		t.Fatalf("enter after a refused digit opened the draft highlighted:\n%s", d.screen())
	}
	d.waitFor("Unfinished assessments")
	if s := flat(d.screen()); !strings.Contains(s, `Not a choice here: "9"`) || !strings.Contains(s, "Keys are being ignored") || !strings.Contains(s, "↑/↓") {
		t.Fatalf("the list does not say why enter opened nothing:\n%s", d.screen())
	}
	d.press("esc")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("enter")
	if *claims != 1 {
		t.Fatalf("enter after esc did not resume the draft:\n%s", d.screen())
	}

	d, claims = draftsTyping(t)
	d.typeText("9")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("esc")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("n")
	if d.m.screen != patientScreen || *claims != 0 {
		t.Fatalf("n after a refused digit did not start a new assessment:\n%s", d.screen())
	}
}

// atReview is an assessment answered up to the review, read.
func atReview(t *testing.T) (*driver, *memStore) {
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.waitFor("Review")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the review has been read
	return d, st
}

// TestAWordTypedOnTheReviewIsRefusedAndEnterAfterItConfirmsNothing:
// "Tigrinya" and enter on the review: the T is refused, said on screen,
// and the enter after it does not pass the review.
func TestAWordTypedOnTheReviewIsRefusedAndEnterAfterItConfirmsNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Tigrinya", "tigrinya", "polish"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d, _ := atReview(t)
			burst(d, append(word(w), "enter")...)
			if d.m.screen != reviewScreen {
				t.Fatalf("%q and enter on the review left it (screen %d):\n%s", w, d.m.screen, d.screen())
			}
			if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
				t.Fatalf("%q on the review was not refused on screen:\n%s", w, d.screen())
			}
		})
	}
}

// atResult is an assessment at its result, read.
func atResult(t *testing.T) (*driver, *memStore) {
	d, st := atReview(t)
	d.m.refusalHold = 0
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d) // read down to the first referral: the routes, wrapped whole, can put it below the fold
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the result has been read
	return d, st
}

// TestAWordTypedOnTheResultAgreesToNothingAndSavesNothing: "Tigrinya
// enter", twice, on the result: no referral is answered (n, y and a are in
// it) and nothing is saved.
func TestAWordTypedOnTheResultAgreesToNothingAndSavesNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Tigrinya", "agreed", "yes", "and", "nurse"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d, st := atResult(t)
			for range 2 {
				burst(d, append(word(w), "enter")...)
				time.Sleep(wordHold + 100*time.Millisecond)
			}
			if c := consentsOf(d.m); len(c) != 0 {
				t.Fatalf("%q typed on the result answered referrals: %v\n%s", w, c, d.screen())
			}
			if st.Calls() != 0 || d.m.screen != resultScreen {
				t.Fatalf("%q typed on the result saved the assessment:\n%s", w, d.screen())
			}
			if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
				t.Fatalf("%q was not refused on screen:\n%s", w, d.screen())
			}
		})
	}
}

// TestAConsentIsAKeyTypedOnItsOwn: a alone agrees to the referral
// highlighted, once no key follows it; a followed by another letter (a
// word) agrees to nothing, and y agrees to nothing at all. The help line
// says the keys.
func TestAConsentIsAKeyTypedOnItsOwn(t *testing.T) {
	t.Parallel()
	d, _ := atResult(t)
	d.waitFor("a agrees", "d declines", "n not discussed")
	burst(d, "y")
	time.Sleep(wordHold + 100*time.Millisecond)
	burst(d, "esc") // the refusal read: keys are taken again
	time.Sleep(wordHold + 100*time.Millisecond)
	burst(d, "a", "g")
	time.Sleep(wordHold + 100*time.Millisecond)
	if c := consentsOf(d.m); len(c) != 0 {
		t.Fatalf("y, or a in a word, answered a referral: %v\n%s", c, d.screen())
	}
	burst(d, "esc")
	time.Sleep(wordHold + 100*time.Millisecond)
	first := d.m.referrals()[0].ProgrammeID
	d.press("a") // alone: taken once no key has followed it
	if c := consentsOf(d.m); c[first] != questionnaire.Agreed {
		t.Fatalf("a typed on its own did not agree to the referral highlighted: %v\n%s", c, d.screen())
	}
	// An arrow or enter straight after a consent shows it was typed on
	// its own: it is taken at once, then the arrow.
	second := d.m.referrals()[1].ProgrammeID
	d.press("down") // the highlight stays on the referral answered until ↓
	time.Sleep(wordHold + 100*time.Millisecond)
	burst(d, "d", "down")
	if c := consentsOf(d.m); c[second] != questionnaire.Declined {
		t.Fatalf("d then down did not decline the referral highlighted: %v\n%s", c, d.screen())
	}
}

// TestAWordTypedOnTheSavedScreenPrintsNothing: "Spanish" and "spanish"
// typed on the saved screen neither print the handout, nor save it, nor
// start a new assessment; p typed on its own prints it.
func TestAWordTypedOnTheSavedScreenPrintsNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Spanish", "spanish", "print", "news", "quit"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			printed, saved := 0, 0
			st := &memStore{}
			o := testOptions(st.Save)
			o.SaveHandout = func(name, text string) (string, error) { saved++; return "/tmp/" + name, nil }
			o.PrintHandout = func(string) error { printed++; return nil }
			d := newDriver(t, o, 80, 24)
			toSaved(d)
			d.m.refusalHold = refusalHold
			time.Sleep(wordHold) // the saved screen has been read
			var cmds []tea.Cmd
			for _, k := range word(w) {
				_, cmd := d.m.Update(keyPress(k))
				cmds = append(cmds, cmd)
			}
			for _, c := range cmds {
				if quits(c) {
					t.Fatalf("%q typed on the saved screen quit", w)
				}
				d.run(c)
			}
			if printed+saved != 0 || d.m.screen != savedScreen {
				t.Fatalf("%q typed on the saved screen printed %d, saved %d, screen %d:\n%s", w, printed, saved, d.m.screen, d.screen())
			}
			if !strings.Contains(flat(d.screen()), "Keys are being ignored") {
				t.Fatalf("%q was not refused on screen:\n%s", w, d.screen())
			}
			d.press("esc") // the refusal read: keys are taken again
			time.Sleep(wordHold + 100*time.Millisecond)
			d.press("p")
			if printed != 1 {
				t.Fatalf("p typed on its own did not print the handout:\n%s", d.screen())
			}
		})
	}
}

// toSaved answers an assessment and saves it, with no hold.
func toSaved(d *driver) {
	toSaving(d)
	d.waitFor("Saved ·")
}

// toSaving answers an assessment and confirms its save.
func toSaving(d *driver) {
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
}

// toOwnTasks stops on "Which of these can you do on your own?", a list of
// many answers with the highlight on its first, read, with keys held as at
// a terminal.
func toOwnTasks(t *testing.T) *driver {
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toSkills(d, "1")
	d.waitFor("Which of these can you do on your own?")
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold) // the question has been read
	return d
}

// TestAWordTypedSlowlyOnAListOfManyAnswersTicksNothing: a word typed at a
// typist's pace (a key every 0.45 s), then enter, on a list of many
// answers ticks nothing, whether its x comes inside it ("extra") or first
// ("xtra"): x ticks the answer highlighted only when typed on its own.
func TestAWordTypedSlowlyOnAListOfManyAnswersTicksNothing(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"extra", "xtra"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d := toOwnTasks(t)
			var cmds []tea.Cmd
			for _, r := range w {
				_, cmd := d.m.Update(keyPress(string(r)))
				cmds = append(cmds, cmd)
				time.Sleep(450 * time.Millisecond)
			}
			_, cmd := d.m.Update(keyPress("enter"))
			for _, c := range append(cmds, cmd) {
				d.run(c)
			}
			if f := d.m.activeForm().focused(); f == nil || len(f.values()) != 0 {
				t.Fatalf("%q typed slowly on a list of many answers ticked one:\n%s", w, d.screen())
			}
			d.waitFor("Which of these can you do on your own?")
		})
	}
	// x typed on its own ticks the answer highlighted, as the help says.
	d := toOwnTasks(t)
	d.press("x")
	if f := d.m.activeForm().focused(); f == nil || len(f.values()) != 1 {
		t.Fatalf("x typed on its own ticked nothing:\n%s", d.screen())
	}
}
