package ui

import (
	"strings"
	"testing"
	"time"
)

// TestElevenTypedAtAnyPaceOnTheLanguageListIsTheEleventhOption: "1" then
// "1" on the interpreter's language list (eleven options, the plain
// prompts' 11 "Another language") typed 0.45 s, 0.6 s or 0.9 s apart, a
// slow typist's pace, chose Polish and answered the next question,
// translated letters, Yes: the wrong interpreter booked and letters
// translated into Polish. On a list whose options run past 9 a 1 may begin
// a number of two digits, so it chooses nothing: it points at the first
// option and waits for the next key. A second digit makes the number,
// at any pace, as the plain prompts take it (11: Another language; 10:
// Italian), a number past the list chooses nothing, and enter chooses
// the first option.
func TestElevenTypedAtAnyPaceOnTheLanguageListIsTheEleventhOption(t *testing.T) {
	t.Parallel()
	for _, gap := range []time.Duration{100 * time.Millisecond, 450 * time.Millisecond, 900 * time.Millisecond, 2 * time.Second} {
		for _, tc := range []struct {
			second, want string // want "": nothing chosen
		}{
			{"1", "Another language"},
			{"0", "Italian"},
			{"2", ""},
			{"enter", "Polish"},
		} {
			t.Run(gap.String()+" 1 "+tc.second, func(t *testing.T) {
				t.Parallel()
				d := toLanguageList(t)
				d.m.refusalHold = refusalHold
				p := newPacer(d)
				p.wait(wordHold) // the list has been read
				p.keys(gap, "1")
				one := d.screen()
				f := d.m.activeForm().focused()
				chose := f == nil || f.title != "Which language does the interpreter need to speak?" || f.chosen != -1
				p.keys(refusalHold, tc.second)
				scr := d.screen()
				if strings.Contains(scr, "Translated letters") {
					t.Fatalf("1 then %s, %v apart, answered the question after the list:\n%s", tc.second, gap, scr)
				}
				if chose {
					t.Fatalf("1 on its own chose on the language list:\n%s", one)
				}
				for _, g := range d.m.sections[d.m.current].form.fields {
					if g.title == "Which language does the interpreter need to speak?" {
						f = g
					}
				}
				switch {
				case tc.want == "" && f.chosen != -1:
					t.Fatalf("1 then %s, %v apart, chose %q:\n%s", tc.second, gap, f.options[f.chosen].label, scr)
				case tc.want == "":
					d.waitFor(`Not an answer: "12"`)
				case f.chosen < 0 || f.options[f.chosen].label != tc.want:
					t.Fatalf("1 then %s, %v apart, did not choose %s (chosen %d):\n%s", tc.second, gap, tc.want, f.chosen, scr)
				}
			})
		}
	}
}

// TestTheTenthOfALongListIsDrawnAsTheNumberTheAdviceNames: on the
// language list (eleven options) a 1 is said to wait for "the second
// digit of 10 or 11", and the options are drawn as those numbers: Italian
// as 10 beside Another language as 11, not as 0 (which still chooses it).
func TestTheTenthOfALongListIsDrawnAsTheNumberTheAdviceNames(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	scr := d.screen()
	for _, want := range []string{" 10 ( ) Italian", " 11 ( ) Another language", "  1 ( ) Polish"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the language list does not show %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, " 0 ( ) Italian") {
		t.Errorf("Italian is drawn as 0 while a 1 waits for the second digit of 10 or 11:\n%s", scr)
	}
}

// TestAFirstDigitLeftWaitingIsDroppedWhenTheClinicianTurnsAway: a 1 on
// the language list waits for its second digit; Ctrl+C's question
// answered "no", or Esc back and forward again, left it waiting, and the
// next single digit the clinician typed on coming back finished it: "5"
// for Mixed: White and Black African saved as 15, Other: Chinese, on
// the ethnic group list, and "1" for Polish chose Another language here.
// A first digit waits only while the list is the clinician's next key's.
func TestAFirstDigitLeftWaitingIsDroppedWhenTheClinicianTurnsAway(t *testing.T) {
	t.Parallel()
	for name, away := range map[string][]string{
		"ctrl+c then n": {"ctrl+c", "n"},
		// The first esc cancels the 1 only, staying on the list
		// (TestEscWithAFirstDigitWaitingCancelsItAndStaysOnTheQuestion).
		"esc twice then enter": {"esc", "esc", "enter"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := toLanguageList(t)
			d.m.refusalHold = refusalHold
			p := newPacer(d)
			p.wait(wordHold) // the list has been read
			p.keys(wordHold, "1")
			d.waitFor("1: press enter to choose Polish")
			p.keys(3*wordHold, away...)
			d.waitFor("Which language does the interpreter need to speak?")
			p.keys(refusalHold, "1")
			f := d.m.activeForm().focused()
			if f == nil || f.title != "Which language does the interpreter need to speak?" || f.chosen != -1 {
				t.Fatalf("after %s, the 1 typed on coming back finished the 1 typed before it:\n%s", name, d.screen())
			}
			d.waitFor("1: press enter to choose Polish")
		})
	}
}

// TestEscWithAFirstDigitWaitingCancelsItAndStaysOnTheQuestion: on the
// language list a 1 waits for its second digit; esc, pressed to take back
// a stray digit, went back a whole question ("Do you need information in a
// certain way?"). Esc with a digit waiting cancels that digit only, says
// so, and leaves the list on screen with nothing chosen; the next esc goes
// back as ever.
func TestEscWithAFirstDigitWaitingCancelsItAndStaysOnTheQuestion(t *testing.T) {
	t.Parallel()
	const list = "Which language does the interpreter need to speak?"
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold
	p := newPacer(d)
	p.wait(wordHold) // the list has been read
	p.keys(wordHold, "1")
	d.waitFor("1: press enter to choose Polish")
	p.keys(wordHold, "esc")
	f := d.m.activeForm().focused()
	if f == nil || f.title != list {
		t.Fatalf("esc with a 1 waiting left the list:\n%s", d.screen())
	}
	if f.opened != "" || f.chosen != -1 {
		t.Fatalf("esc with a 1 waiting left it waiting (%q) or chose %d:\n%s", f.opened, f.chosen, d.screen())
	}
	scr := d.screen()
	if strings.Contains(scr, "press enter to choose Polish") {
		t.Fatalf("the advice for the 1 is still shown after esc:\n%s", scr)
	}
	if !strings.Contains(flat(scr), "1 cancelled: nothing is chosen. Choose an answer, or press esc again to go back.") {
		t.Fatalf("the screen does not say the 1 was cancelled:\n%s", scr)
	}
	// Nothing waits: a 2 now chooses Romanian, on its own.
	p.keys(wordHold, "2")
	for _, g := range d.m.sections[d.m.current].form.fields {
		if g.title == list && (g.chosen < 0 || g.options[g.chosen].label == "Another language") {
			t.Fatalf("2 after the cancelled 1 did not choose the second option:\n%s", d.screen())
		}
	}
}

// TestEscWithNoDigitWaitingStillGoesBack: at the boundary, esc on the
// list with no digit waiting goes back a question, as everywhere.
func TestEscWithNoDigitWaitingStillGoesBack(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold
	p := newPacer(d)
	p.wait(wordHold)
	p.keys(wordHold, "esc")
	d.waitFor("Do you need information")
}

// TestAnArrowWithAFirstDigitWaitingSaysTheDigitIsCancelled: "1" on a long
// list, then ↓: the highlight moved and the "1:" line simply went, the 1
// dropped without a word (esc says so). The arrow still moves the
// highlight and cancels the digit, and now says so.
func TestAnArrowWithAFirstDigitWaitingSaysTheDigitIsCancelled(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold
	p := newPacer(d)
	p.wait(wordHold) // the list has been read
	p.keys(wordHold, "1")
	d.waitFor("1: press enter to choose Polish")
	p.keys(wordHold, "down")
	f := d.m.activeForm().focused()
	if f.opened != "" || f.chosen != -1 {
		t.Fatalf("↓ with a 1 waiting left it waiting (%q) or chose %d:\n%s", f.opened, f.chosen, d.screen())
	}
	if !strings.Contains(flat(d.screen()), "1 cancelled by the arrow: nothing is chosen by it.") {
		t.Fatalf("the screen does not say the 1 was cancelled:\n%s", d.screen())
	}
}
