package ui

import (
	"strings"
	"testing"
	"time"
)

// The question ctrl+c asks, "Discard this assessment?", follows the rules
// of every screen (hazard H19): a word typed at it (a language, a name, a
// shell command typed as if digicheck had ended) neither discards the
// assessment nor keeps a draft and quits; a letter that is not its key is
// refused on screen, with the rest of the burst; y, k and n act only when
// typed on their own; and discarding asks again.

// atQuitQuestion is an assessment under way with ctrl+c pressed and the
// question read, keys held as at a terminal.
func atQuitQuestion(t *testing.T) *driver {
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toSkillsHelp(d)
	d.m.refusalHold = refusalHold
	d.press("ctrl+c")
	d.waitFor("Discard this assessment?")
	time.Sleep(wordHold + 100*time.Millisecond) // the question has been read
	return d
}

// TestAWordTypedAtTheQuitQuestionDiscardsNothingAndIsRefused: "Yoruba"
// discarded the assessment and quit; "Kurdish" and the k of "digicheck"
// kept a draft and quit; "Tigrinya" was ignored without a word.
func TestAWordTypedAtTheQuitQuestionDiscardsNothingAndIsRefused(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"Yoruba", "yoruba", "Kurdish", "kurdish", "digicheck", "Tigrinya", "nurse", "T"} {
		t.Run(w, func(t *testing.T) {
			t.Parallel()
			d := atQuitQuestion(t)
			burst(d, word(w)...)
			if d.m.exit != exitUnknown || !d.m.confirmQuit {
				t.Fatalf("%q typed at the quit question answered it (exit %v):\n%s", w, d.m.exit, d.screen())
			}
			s := flat(d.screen())
			if !strings.Contains(s, "Not taken:") || !strings.Contains(s, "Keys are being ignored") ||
				!strings.Contains(s, "Discard this assessment?") {
				t.Fatalf("%q was not refused on screen, with the question kept:\n%s", w, d.screen())
			}
		})
	}
}

// TestACapitalIsNoKeyOfTheQuitQuestion: K (Caps Lock, or a word's
// capital) kept a draft and quit; it is refused, and says Caps Lock.
func TestACapitalIsNoKeyOfTheQuitQuestion(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"Y", "K", "N"} {
		d := atQuitQuestion(t)
		d.typeText(k)
		if d.m.exit != exitUnknown || !d.m.confirmQuit {
			t.Fatalf("%s answered the quit question (exit %v)", k, d.m.exit)
		}
		if s := flat(d.screen()); !strings.Contains(s, `Not taken: "`+k+`" is not a key here. (Is Caps Lock on?)`) {
			t.Fatalf("%s was not refused on screen:\n%s", k, d.screen())
		}
	}
}

// TestDiscardingAtTheQuitQuestionAsksAgain: y typed on its own asks again,
// saying the answers will be lost; only a second y, typed on its own after
// that is shown, discards. k and n typed on their own act as before.
func TestDiscardingAtTheQuitQuestionAsksAgain(t *testing.T) {
	t.Parallel()
	d := atQuitQuestion(t)
	d.typeText("y") // on its own: taken once no key follows it
	if d.m.exit != exitUnknown {
		t.Fatalf("one y discarded the assessment")
	}
	d.waitFor("Discard it for good?", "y yes, discard its answers and quit", "k keep as a draft and quit", "n keep going")
	time.Sleep(wordHold + 100*time.Millisecond)
	burst(d, "y", "e", "s")
	if d.m.exit != exitUnknown {
		t.Fatalf("yes typed as a word discarded the assessment")
	}
	d.press("esc") // the refusal read: keys are taken again
	time.Sleep(wordHold + 100*time.Millisecond)
	d.typeText("y")
	if d.m.exit != exitDiscard {
		t.Fatalf("y typed on its own, twice, did not discard:\n%s", d.screen())
	}
	out, _ := d.m.finish(nil)
	if !out.Discarded || out.DiscardedPatient.String() == "" {
		t.Fatalf("the outcome does not say whose assessment was discarded: %+v", out)
	}

	d = atQuitQuestion(t)
	d.typeText("k")
	if d.m.exit != exitKeep {
		t.Fatalf("k typed on its own did not keep a draft and quit:\n%s", d.screen())
	}

	d = atQuitQuestion(t)
	d.typeText("n")
	if d.m.confirmQuit || d.m.exit != exitUnknown {
		t.Fatalf("n typed on its own did not go back to the assessment:\n%s", d.screen())
	}
	d.waitFor("Does someone help you")
}

// discardAtQuit answers the quit question on screen: y, typed on its own,
// then y again once "Discard it for good?" has been read.
func discardAtQuit(u ui) {
	u.press("y")
	alone(u)
	u.waitFor("Discard it for good?")
	if p, ok := u.(*program); ok {
		p.read()
	}
	u.press("y")
	alone(u)
}
