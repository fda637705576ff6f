package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestAKeyPressedWhileTheWindowIsTooSmallIsSaidToHaveDoneNothing: a
// consent key (or an answer's digit) pressed while the window was too
// small to draw the screen was dropped without a word: the too-small
// screen said nothing of it, and once the window was big again the
// referral was as before, with nothing to say the key had done nothing.
// It still records nothing; the too-small screen says at once that the key
// was not taken, and the screen, once back, says so again, naming it.
func TestAKeyPressedWhileTheWindowIsTooSmallIsSaidToHaveDoneNothing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		to        func(d *driver)
		key       string
		unchanged func(d *driver) bool
	}{
		{"a consent key on the result", toScriptedResult, "a", func(d *driver) bool {
			return d.m.referrals()[d.m.referral].Consent == ""
		}},
		{"a digit on a question's list", func(d *driver) {
			enterPatient(d)
			d.press("x", "enter")
			d.waitFor("How do you get online?")
		}, "1", func(d *driver) bool {
			f := d.m.focusedField()
			return f != nil && strings.Contains(f.title, "How do you get online?") && f.chosen < 0
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			c.to(d)
			time.Sleep(wordHold + refusalHold) // read, and past every hold
			d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
			burst(d, c.key)
			if !strings.Contains(flat(d.screen()), `Not taken: "`+c.key+`"`) {
				t.Errorf("the too-small screen does not say the key was not taken:\n%s", d.screen())
			}
			d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			if !c.unchanged(d) {
				t.Fatalf("a key pressed while the window was too small answered:\n%s", d.screen())
			}
			scr := flat(d.screen())
			if !strings.Contains(scr, `Not taken: "`+c.key+`", pressed while the window was too small`) || !strings.Contains(scr, "nothing was recorded") {
				t.Errorf("the screen back does not say the key did nothing:\n%s", d.screen())
			}
		})
	}
}

// TestAFirstDigitWaitingOnALongListThatAKeyWhileTheWindowIsTooSmallCancelsIsSaid:
// a 1 on the interpreter's languages waits for a second digit (10, 11); a
// key pressed while the window is too small cancels it (a 5 typed on
// coming back must not make 15), and that is said with the key once the
// window is back, never dropped without a word.
func TestAFirstDigitWaitingOnALongListThatAKeyWhileTheWindowIsTooSmallCancelsIsSaid(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	time.Sleep(refusalHold)
	d.press("1")
	f := d.m.focusedField()
	if f.opened != "1" {
		t.Fatalf("the 1 does not wait for a second digit:\n%s", d.screen())
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 10})
	d.press("5")
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if f.opened != "" || f.chosen >= 0 {
		t.Fatalf("after a key while the window was too small: waiting %q, chosen %d", f.opened, f.chosen)
	}
	scr := flat(d.screen())
	for _, w := range []string{`Not taken: "5", pressed while the window was too small`, "The 1 typed before it is cancelled: nothing is chosen by it."} {
		if !strings.Contains(scr, w) {
			t.Errorf("the screen back does not say %q:\n%s", w, d.screen())
		}
	}
}

// TestWhatTheTooSmallScreenSaysIsWrappedWhole: the too-small screen's
// lines wrapped to its width (the quit question, what became of a key)
// were cut after the first letter of their second line: a line holding a
// line break was truncated whole to the width. Each wrapped line is now a
// line of its own, whole.
func TestWhatTheTooSmallScreenSaysIsWrappedWhole(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	d := newDriver(t, withStore(testOptions(nil), st), 80, 24)
	toSkillsHelp(d)
	d.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	d.press("a")
	if scr := flat(d.screen()); !strings.Contains(scr, `Not taken: "a". Keys do nothing until the window is big enough.`) {
		t.Errorf("the too-small screen does not say the key was not taken, whole:\n%s", d.screen())
	}
	d.press("ctrl+c")
	if scr := flat(d.screen()); !strings.Contains(scr, "Discard this assessment? It is kept as a draft, not saved as a record.") {
		t.Errorf("the too-small screen does not ask the quit question whole:\n%s", d.screen())
	}
	lines := strings.Split(d.m.View().Content, "\n")
	if len(lines) > 12 {
		t.Errorf("the too-small screen has %d lines at 40x12", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("a line %d wide at 40x12: %q", w, l)
		}
	}
}
