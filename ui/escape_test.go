package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// Text typed or pasted without bracketed paste reaches the program as keys,
// and an escape sequence in it as one event of its own, which the text
// input would drop, keeping the letters around it: "Dr \e[31mRed\e[0m
// Nurse" was saved as "Dr Red Nurse", and an OSC 52 sequence left a double
// space. Such text is refused where typed, with the note every control
// character gets, and the keys typed after it are dropped, saying so.

// openTeam opens the team field of a new assessment, emptied.
func openTeam(t *testing.T) (*driver, *field) {
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter", "enter")
	d.waitFor("Team (optional)")
	d.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	return d, d.m.patient.team
}

func TestAnEscapeSequenceTypedIntoTextIsRefused(t *testing.T) {
	t.Parallel()
	for name, seq := range map[string]tea.Msg{
		"CSI (SGR colour)":     uv.UnknownCsiEvent("\x1b[31m"),
		"OSC 52 (a clipboard)": tea.ClipboardMsg{Content: "Hello", Selection: 'c'},
		"OSC (a title)":        uv.UnknownOscEvent("\x1b]0;title\x07"),
		"DCS":                  uv.UnknownDcsEvent("\x1bP1$r\x1b\\"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, f := openTeam(t)
			d.typeText("Dr ")
			d.m.refusalHold = time.Hour // the rest comes in the same burst
			d.send(seq)
			d.typeText("Red Nurse")
			if got := f.input.Value(); got != "Dr " {
				t.Fatalf("the field holds %q, want the escape sequence refused and \"Dr \" kept as typed", got)
			}
			s := flat(d.screen())
			if !strings.Contains(s, "Not typed: an escape sequence") || !strings.Contains(s, "Keys typed after this were ignored") {
				t.Fatalf("the refusal is not in view:\n%s", d.screen())
			}
			// Once read, typing goes on as usual.
			d.m.refusalHold = 0
			d.typeText("X")
			if got := f.input.Value(); got != "Dr X" {
				t.Fatalf("typing after the refusal was read gives %q", got)
			}
		})
	}
}

// TestAnAnswerTypedOverItsLimitIsKeptInView: 60 characters typed into
// the 40-character language field are all kept, in view, counted as too
// long and refused at enter; none is cut off unseen. (48 were kept, and
// the last 12 lost without a word.)
func TestAnAnswerTypedOverItsLimitIsKeptInView(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toNeeds(d)
	d.press(repeat("down", 5)...)
	d.press("x", "enter")
	d.waitFor("Which language does the interpreter need to speak?")
	f := d.m.sections[3].form.focused()
	typed := strings.Repeat("abcdefghij", 6)
	d.typeText(typed)
	if got := f.input.Value(); got != typed {
		t.Fatalf("the field holds %d characters of the 60 typed: %q", len([]rune(got)), got)
	}
	d.waitFor("60 of 40 characters: too long, shorten it")
	d.press("enter")
	d.waitFor("Which language does the interpreter need to speak?", "at most 40 characters")

	// Far past its limit, a key is refused in view, never dropped unseen.
	d.typeText(strings.Repeat("k", 200))
	if n := len([]rune(f.input.Value())); n >= 260 {
		t.Fatalf("the field took %d characters", n)
	}
	d.waitFor("Not typed")
}
