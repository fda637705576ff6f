package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// toResultWithManyNeeds answers every section as answerSections does, but
// with easy read, an interpreter and a screen reader asked for, so the
// result carries enough adjustments at 80x24 that its first referral no
// longer fits on the result's first screen; the optional section is skipped.
func toResultWithManyNeeds(d *driver) {
	enterPatient(d)
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("1", "enter")
	d.waitFor("Do you run out of data")
	d.press("2")
	d.waitFor("Skills · 2 of 5", "Which of these can you do on your own?")
	d.press("x", "down", "x", "enter")
	d.waitFor("Does someone help you")
	d.press("down", "down", "enter")
	d.waitFor("Motivation and trust · 3 of 5", "Would you like to do things")
	d.press("1")
	d.waitFor("How worried are you")
	d.press("down", "down", "down", "enter")
	d.waitFor("Has something bad happened")
	d.press("1")
	d.waitFor("Communication and contact · 4 of 5", "Do you need information")
	d.press("3", "6", "7", "enter")
	seen(d).waitFor("Which language does the interpreter")
	time.Sleep(refusalHold)
	d.typeText("Polish")
	d.press("enter")
	d.waitFor("How often do you need someone")
	d.press("4")
	d.waitFor("How would you like us to contact you?")
	d.press("1")
	d.waitFor("About you (optional) · 5 of 5", gateQuestion)
	d.press(skipOptional)
	d.waitFor("Review", "p  Patient")
	d.press("end", "enter")
	d.waitFor("Result")
}

// TestAConsentKeyForAReferralNotWhollyOnScreenShowsItAndAnswersNothing:
// at 80x24 with a few adjustments the first referral began below the
// result's first screen, yet a pressed at once agreed to it, though its
// "say:" line had never been read out: a patient could be consented to a
// referral never put to them. A consent key now answers only a referral
// wholly on screen; otherwise it scrolls the referral into view, records
// nothing and says so on one line; after esc, the same key pressed again
// answers.
func TestAConsentKeyForAReferralNotWhollyOnScreenShowsItAndAnswersNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toResultWithManyNeeds(d)
	// The scenario must put the first referral below the fold, as the
	// result was drawn before the change (scrolled to its top).
	d.m.resultView.SetYOffset(0)
	if d.m.referralShown() {
		t.Fatalf("the scenario's first referral fits the result's first screen: it does not test the fault\n%s", d.screen())
	}
	name := d.m.referrals()[0].Name
	const listen = wordHold + 200*time.Millisecond
	burst(d, "a") // typed on its own, it acts once the word hold is over
	time.Sleep(listen)
	if c := d.m.referrals()[0].Consent; c != "" {
		t.Fatalf("a answered %s (%s) while its wording was off screen:\n%s", name, c, d.screen())
	}
	scr := d.screen()
	for _, want := range []string{"> [ask", questionnaire.Printable(name), "say:", "how:"} {
		if !strings.Contains(scr, want) {
			t.Errorf("after a, the referral it would answer is not wholly on screen (no %q):\n%s", want, scr)
		}
	}
	oneLine := false
	for _, l := range strings.Split(scr, "\n") {
		oneLine = oneLine || strings.Contains(l, d.m.unseenReferralSay())
	}
	if !oneLine {
		t.Errorf("after a, no line says whole that the referral is now shown and to press again (%q):\n%s", d.m.unseenReferralSay(), scr)
	}
	if d.m.referral != 0 {
		t.Fatalf("the highlight moved off the referral shown: on %d", d.m.referral)
	}
	// Read with the patient, esc takes keys again, and the key pressed
	// again answers it.
	d.press("esc")
	time.Sleep(listen)
	burst(d, "a")
	time.Sleep(listen)
	d.waitFor("[agreed")
	if c := d.m.referrals()[0].Consent; c != questionnaire.Agreed {
		t.Errorf("a pressed again with %s on screen did not agree to it: %q", name, c)
	}
}
