package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestTheKeptFileStaysOnScreenWhileRIsTakenAt60x20: after a save refused
// because another program held the store, the screen names the file its
// answers and note are kept in. While r waited to be taken, and while it
// tried again, the screen said only that, the path gone; and at 60x20
// "Press r to try again." lost "again.". The path and the key to try again
// are on screen at every step, at 60x20 as at 80x24.
func TestTheKeptFileStaysOnScreenWhileRIsTakenAt60x20(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		file := "/wards/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
		read := &heldRead{}
		d, st := notSavedHeld(t, file, read)
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		says := func(step string, words ...string) {
			t.Helper()
			s := d.screen()
			if !strings.Contains(joined(s), file) {
				t.Errorf("%dx%d, %s: the file the answers are kept in is not on screen whole:\n%s", size[0], size[1], step, s)
			}
			for _, w := range words {
				if !strings.Contains(flat(s), w) {
					t.Errorf("%dx%d, %s: the screen does not say %q:\n%s", size[0], size[1], step, w, s)
				}
			}
			checkFits(t, d.m.View().Content, size[0], size[1])
		}
		says("refused", "Press r to try again.")
		read.set(true)
		d.m.refusalHold = refusalHold
		_, cmd := d.m.Update(keyPress("r"))
		says("r waiting to be taken", `"r" is taken in a moment`)
		_, cmd = d.m.Update(cmd())
		says("trying again", "Trying again")
		d.m.refusalHold = 0
		d.run(cmd)
		says("held still", "Still not saved", "Press r to try again.")
		if st.Calls() != 1 {
			t.Fatalf("saved (%d saves) though the store was held", st.Calls())
		}
	}
}
