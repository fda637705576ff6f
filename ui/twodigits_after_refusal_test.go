package ui

import (
	"strings"
	"testing"
	"time"
)

// TestADigitTypedOnceEscHasEndedTheTwoDigitRefusalAnswersTheList: after
// "1 5" was refused on the interpreter's language list, Esc, then a digit
// 0.4 s after the Esc (about 0.35 s after it was read: a lone Esc is told
// from a sequence by a pause) was dropped, "Keys typed with esc were
// ignored", though the list had been on screen throughout and the Esc had
// been handled. Only keys typed with the Esc, in the same burst, are held;
// a digit typed after it chooses.
func TestADigitTypedOnceEscHasEndedTheTwoDigitRefusalAnswersTheList(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		after  time.Duration // from the Esc to the digit
		chosen bool
	}{
		{"a digit 0.35 s after the Esc chooses", 350 * time.Millisecond, true},
		{"a digit 0.15 s after the Esc chooses", 150 * time.Millisecond, true},
		{"a digit in the same burst as the Esc is held", 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := toLanguageList(t)
			d.m.refusalHold = refusalHold
			time.Sleep(wordHold) // the list has been read
			burst(d, "1", "5")
			d.waitFor(`Not an answer: "15"`, "Keys are being ignored")
			if c.after == 0 {
				burst(d, "esc", "2")
			} else {
				d.press("esc")
				time.Sleep(c.after)
				d.typeText("2")
			}
			f := d.m.sections[d.m.current].form.fields[0]
			for _, g := range d.m.sections[d.m.current].form.fields {
				if g.title == "Which language does the interpreter need to speak?" {
					f = g
				}
			}
			if got := f.chosen == 1; got != c.chosen {
				t.Fatalf("Romanian chosen %v, want %v (chosen %d)\n%s", got, c.chosen, f.chosen, d.screen())
			}
			if held := strings.Contains(flat(d.screen()), "Keys typed with esc were ignored"); held == c.chosen {
				t.Errorf("the screen says keys typed with esc were ignored: %v, want %v\n%s", held, !c.chosen, d.screen())
			}
		})
	}
}

// TestTheTwoDigitRefusalLeavesEveryOptionOfTheListOnScreen: "1" then "5"
// typed slowly on the language list, at 80x24: the refusal (four lines,
// the 1's choice taken back) took the bottom line of the list, and
// "Another language", the way to a language with no number, was not on
// screen while the refusal said to choose an answer. The question is fitted
// into the lines the refusal leaves it: the answers given above it give
// way first.
func TestTheTwoDigitRefusalLeavesEveryOptionOfTheListOnScreen(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold)
	d.typeText("1")
	time.Sleep(wordHold)
	d.typeText("5")
	scr := d.screen()
	if !strings.Contains(flat(scr), `Not an answer: "15": the options go up to 11.`) {
		t.Fatalf("no refusal of 1 then 5 on the list:\n%s", scr)
	}
	for _, want := range []string{"Which language does the interpreter need to speak?", " 1 ( ) Polish", "10 ( ) Italian", "11 ( ) Another language", "Keys are being ignored"} {
		if !strings.Contains(scr, want) {
			t.Errorf("with the refusal on screen, %q is not:\n%s", want, scr)
		}
	}
}
