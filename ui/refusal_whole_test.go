package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestARefusalOfTextTypedIsAWholeSentenceAtTheSmallestWindow: a paste
// the terminal did not mark, "Tigrinya", a line break and "Eritrea 1 2",
// into the other language's box at 60x20: the refusal began "not typed:",
// as if words before it were missing, and its last line, how many keys
// were ignored, was cut off the screen. At 80x24 and 60x20, dark or
// light alike, the refusal begins with a capital and is whole.
func TestARefusalOfTextTypedIsAWholeSentenceAtTheSmallestWindow(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		d := toOtherLanguage(t)
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		d.m.refusalHold = time.Hour // one burst
		d.typeText("Tigrinya")
		d.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
		d.typeText("Eritrea 1 2")
		screen := d.screen()
		checkFits(t, screen, size[0], size[1])
		s := flat(screen)
		if strings.Contains(s, "not typed:") || !strings.Contains(s, "Not typed: a line break (Ctrl+J)") {
			t.Errorf("%dx%d: the refusal does not begin as a sentence:\n%s", size[0], size[1], screen)
		}
		if !strings.Contains(s, "(11 keys ignored.)") {
			t.Errorf("%dx%d: the refusal does not say whole how many keys were ignored:\n%s", size[0], size[1], screen)
		}
	}
}
