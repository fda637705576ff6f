package ui

import (
	"strings"
	"testing"
	"time"
)

// A consent key on the result is taken only when typed on its own (a word
// typed there holds them), so it waits a moment before it acts. At an
// ordinary pace, a, a, a half a second apart, the clinician saw nothing
// for that moment, pressed the next, and was told the keys came "as in a
// word" and to "press one key at a time", which they had done.

// TestAConsentWaitingToBeTakenIsShownAtOnce: the referral's tag shows the
// answer about to be taken as soon as the key is pressed, and the status
// line says how to have it taken at once.
func TestAConsentWaitingToBeTakenIsShownAtOnce(t *testing.T) {
	t.Parallel()
	d, _ := atResult(t)
	if !strings.Contains(d.screen(), "> [ask") {
		t.Fatalf("the first referral is not highlighted, unanswered:\n%s", d.screen())
	}
	d.m.Update(keyPress("a")) // its wait not yet over
	s := d.screen()
	if !strings.Contains(s, "> [agreed?") {
		t.Fatalf("the referral does not show the answer waiting to be taken:\n%s", s)
	}
	if f := flat(s); !strings.Contains(f, "↓ takes it at once and goes on") {
		t.Fatalf("the status line does not say how to have it taken at once:\n%s", s)
	}
	if c := consentsOf(d.m); len(c) != 0 {
		t.Fatalf("the consent was taken before its wait was over: %v", c)
	}
	d.aloneEnds()
	if s := d.screen(); strings.Contains(s, "agreed?") || !strings.Contains(s, "[agreed ") {
		t.Fatalf("once taken, the referral does not show the answer:\n%s", s)
	}
}

// TestConsentsTypedTooCloseSayWhatWorks: a, a typed half a second apart is
// refused (a word's letters come so), and the refusal says what works:
// ↓ after each answer, or waiting until the answer shows. The help line
// says it too.
func TestConsentsTypedTooCloseSayWhatWorks(t *testing.T) {
	t.Parallel()
	d, _ := atResult(t)
	d.m.Update(keyPress("a"))
	time.Sleep(500 * time.Millisecond)
	d.m.Update(keyPress("a"))
	f := flat(d.screen())
	if !strings.Contains(f, `"aa" came as keys typed together`) {
		t.Fatalf("a, a half a second apart was not refused:\n%s", d.screen())
	}
	if !strings.Contains(f, "press ↓ after each answer: only ↓ moves on to the next") {
		t.Fatalf("the refusal does not say what works:\n%s", d.screen())
	}
	if strings.Contains(d.screen(), "agreed?") {
		t.Fatalf("a refused consent still shows as waiting:\n%s", d.screen())
	}
	if !strings.Contains(f, "esc take keys again") {
		t.Fatalf("the help line does not say what esc does while keys are ignored:\n%s", d.screen())
	}
	d.press("esc")
	if !strings.Contains(flat(d.screen()), "only ↓ moves on") {
		t.Fatalf("the help line does not say that only ↓ moves the highlight:\n%s", d.screen())
	}
}

// TestAConsentReplacedIsSaidInWords: n over an agreed referral said
// "Your local public library: not-discussed (it was agreed).", the answer's
// code where every other line of the result says "not discussed". The
// answer replaced, and the one replacing it, are said in words.
func TestAConsentReplacedIsSaidInWords(t *testing.T) {
	t.Parallel()
	d, _ := atResult(t)
	name := d.m.referrals()[0].Name
	d.m.Update(keyPress("a"))
	d.aloneEnds()
	time.Sleep(wordHold + 100*time.Millisecond)
	d.m.Update(keyPress("n"))
	d.aloneEnds()
	f := flat(d.screen())
	if strings.Contains(f, "not-discussed") {
		t.Fatalf("the answer is said as its code:\n%s", d.screen())
	}
	if want := "not discussed (it was agreed)."; !strings.Contains(f, want) {
		t.Fatalf("the screen does not say %q for %s:\n%s", want, name, d.screen())
	}
	time.Sleep(wordHold + 100*time.Millisecond)
	d.m.Update(keyPress("a"))
	d.aloneEnds()
	if want := "agreed (it was not discussed)."; !strings.Contains(flat(d.screen()), want) {
		t.Fatalf("the screen does not say %q:\n%s", want, d.screen())
	}
}
