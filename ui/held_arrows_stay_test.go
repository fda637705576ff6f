package ui

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// A single choice that came up holding the patient's answer refused the
// first arrow of a burst ("3 ↓ ↓" on an amendment's review, "enter ↑ ↑"
// after keeping the question before) and put the highlight back, but
// obeyed every arrow after it while keys were ignored, the help line
// offering "↑/↓ move (chooses nothing)". The highlight ended on another
// answer, and the enter pressed after esc, as the refusal asked, "to keep
// the answer", chose it: "Yes, with some help" was saved as "I am not
// sure", "24 point" as "20 point". While keys are ignored after such a
// refusal the arrows are ignored too, counted, and not offered; after esc
// the highlight is on the answer given and enter keeps it. An arrow
// pressed after esc moves the highlight as ever.

// highlightOnAnswer reports whether the screen draws the highlight (">")
// on the answer chosen ("(•)").
func highlightOnAnswer(screen string) bool {
	for l := range strings.SplitSeq(screen, "\n") {
		if strings.Contains(l, " > ") && strings.Contains(l, "(•)") {
			return true
		}
	}
	return false
}

// arrowsHeldThenKept checks f, a single choice on which keys just typed
// ahead were refused: the highlight is on the answer given (before), and
// stays there for arrows pressed while keys are ignored, however late; the
// help line offers no arrows; after esc the highlight is still on it, and
// an enter 1.3 s later keeps it.
func arrowsHeldThenKept(t *testing.T, d *driver, f *field, before []string) {
	t.Helper()
	s := flat(d.screen())
	if !strings.Contains(s, "not taken: it came before this question could be read") || !strings.Contains(s, "Keys are ignored until Esc") {
		t.Fatalf("the burst was not refused on %q:\n%s", f.title, d.screen())
	}
	if d.m.focusedField() != f || f.cursor != f.chosen || !highlightOnAnswer(d.screen()) {
		t.Fatalf("an arrow typed after the refused key moved the highlight of %q off the answer given %v, while keys are ignored:\n%s", f.title, before, d.screen())
	}
	if strings.Contains(d.screen(), "↑/↓") {
		t.Errorf("the help line offers the arrows while they are ignored:\n%s", d.screen())
	}
	time.Sleep(wordHold + 100*time.Millisecond) // the refusal is being read
	d.press("up", "end", "down")
	if f.cursor != f.chosen || !highlightOnAnswer(d.screen()) {
		t.Fatalf("arrows pressed while keys are ignored moved the highlight of %q off the answer given:\n%s", f.title, d.screen())
	}
	if !strings.Contains(flat(d.screen()), "keys ignored.)") {
		t.Errorf("the arrows pressed while keys are ignored are not counted as ignored:\n%s", d.screen())
	}
	// Esc apart from the arrows: one in their burst is not taken
	// (TestAnEscInTheBurstOfKeysIgnoredAfterAHeldRefusalDoesNotTakeKeysAgain).
	time.Sleep(refusalHold + 100*time.Millisecond)
	d.press("esc")
	d.waitFor("Keys are taken again")
	if f.cursor != f.chosen || !highlightOnAnswer(d.screen()) {
		t.Fatalf("after esc the highlight of %q is not on the answer given:\n%s", f.title, d.screen())
	}
	time.Sleep(wordHold + 100*time.Millisecond) // "then press enter to keep the answer"
	d.press("enter")
	if d.m.focusedField() == f {
		t.Fatalf("enter after esc did not keep the answer of %q:\n%s", f.title, d.screen())
	}
	if v := f.values(); !slices.Equal(v, before) {
		t.Fatalf("enter after esc, pressed to keep the answer, saved %q as %v; the patient gave %v", f.title, v, before)
	}
}

// heldSingleAt is the single choice in focus, titled question, and its
// answer, the highlight on it.
func heldSingleAt(t *testing.T, d *driver, question string) (*field, []string) {
	t.Helper()
	f := d.m.focusedField()
	if f == nil || f.kind != oneOf || !strings.Contains(flat(f.title), question) {
		t.Fatalf("the single choice %q is not in focus:\n%s", question, d.screen())
	}
	before := f.values()
	if len(before) == 0 {
		t.Fatalf("%q holds no answer:\n%s", question, d.screen())
	}
	return f, before
}

func TestArrowsTypedWithTheKeyThatReopenedAnAmendedSectionLeaveTheAnswerGiven(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	d.press("3", "down", "down") // one burst: reopen the section, two arrows
	f, before := heldSingleAt(t, d, "Would you like to do things")
	arrowsHeldThenKept(t, d, f, before)
}

func TestArrowsTypedWithTheEnterThatKeptTheQuestionBeforeLeaveTheAnswerGiven(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	time.Sleep(wordHold + 100*time.Millisecond) // the needs are read
	d.press("enter", "up", "up")                // keep them, and two arrows with it
	f, before := heldSingleAt(t, d, "How often do you need someone to help you read")
	arrowsHeldThenKept(t, d, f, before)
}

// A Space (no key of a list) refused as typed ahead is followed by arrows
// in the same burst: they must not move the highlight of a question that
// came up holding an answer either.
func TestArrowsAfterASpaceRefusedOnAHeldSingleChoiceLeaveTheAnswerGiven(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("enter", "space", "up", "up")
	f, before := heldSingleAt(t, d, "How often do you need someone to help you read")
	s := flat(d.screen())
	if !strings.Contains(s, "Keys are being ignored until you press Esc") {
		t.Fatalf("the space was not refused:\n%s", d.screen())
	}
	if f.cursor != f.chosen || !highlightOnAnswer(d.screen()) {
		t.Fatalf("arrows typed after the refused space moved the highlight off the answer given %v:\n%s", before, d.screen())
	}
	d.press("esc")
	d.waitFor("Keys are taken again")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("enter")
	if v := f.values(); d.m.focusedField() == f || !slices.Equal(v, before) {
		t.Fatalf("enter after esc gave %v, the patient gave %v:\n%s", v, before, d.screen())
	}
}

// Once esc has taken keys again, the clinician can choose another answer
// with the arrows: only the arrows typed before it are ignored.
func TestAnArrowPressedAfterEscChoosesAnotherAnswer(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	d.press("3", "down", "down")
	f, before := heldSingleAt(t, d, "Would you like to do things")
	time.Sleep(wordHold + 100*time.Millisecond) // the refusal is read: an esc sooner is not taken
	d.press("esc")
	d.waitFor("Keys are taken again")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("down")
	if f.cursor == f.chosen {
		t.Fatalf("down, pressed once keys were taken again, did not move the highlight:\n%s", d.screen())
	}
	want := []string{f.options[f.cursor].code}
	d.press("enter")
	if v := f.values(); d.m.focusedField() == f || !slices.Equal(v, want) || slices.Equal(v, before) {
		t.Fatalf("enter after down gave %v, want %v (was %v):\n%s", v, want, before, d.screen())
	}
}

// On a list of many answers the highlight chooses nothing: x and Space
// typed in the burst, before or after an arrow, tick nothing, and enter
// after esc keeps the ticks the patient gave.
func TestTicksTypedWithTheKeyThatReopenedAnAmendedTickAllListLeaveTheAnswersGiven(t *testing.T) {
	t.Parallel()
	for _, burst := range [][]string{
		{"1", "x", "down", "x", "space", "down", "x"},
		{"1", "down", "space", "x", "down", "x"},
		{"1", "down", "down", "x", "space"},
	} {
		t.Run(strings.Join(burst, " "), func(t *testing.T) {
			t.Parallel()
			d := aisPatientV2(t)
			d.press(burst...)
			f := d.m.focusedField()
			if f == nil || f.kind != manyOf || !strings.Contains(flat(f.title), "Which of these can you use") {
				t.Fatalf("the devices list is not in focus:\n%s", d.screen())
			}
			before := slices.Clone(f.shownTicked)
			if !slices.Equal(f.ticked, before) {
				t.Fatalf("the burst ticked %v, the patient gave %v:\n%s", f.ticked, before, d.screen())
			}
			if !strings.Contains(flat(d.screen()), "Keys are") {
				t.Fatalf("the burst was not refused:\n%s", d.screen())
			}
			time.Sleep(wordHold + 100*time.Millisecond)
			d.press("x", "space")
			if !slices.Equal(f.ticked, before) {
				t.Fatalf("x or space pressed while keys are ignored ticked %v, the patient gave %v:\n%s", f.ticked, before, d.screen())
			}
			time.Sleep(refusalHold + 100*time.Millisecond) // esc apart from the keys ignored
			d.press("esc")
			d.waitFor("Keys are taken again")
			time.Sleep(wordHold + 100*time.Millisecond)
			d.press("enter")
			if d.m.focusedField() == f || !slices.Equal(f.ticked, before) {
				t.Fatalf("enter after esc did not keep the ticks given %v (has %v):\n%s", before, f.ticked, d.screen())
			}
		})
	}
}
