package ui

import (
	"strings"
	"testing"
)

// TestKeysTypedAsADraftResumesLeaveItsFileNamed: a draft whose later
// answers are in a not-saved file says so as it resumes, naming the file.
// Keys typed in the same burst as the enter that resumed it ("1 2 3 4 5 6
// enter") are rightly ignored, but the note saying so took the place of
// the one naming the file, and the file was never shown on the resumed
// question. Both are said: the file first, whole, the keys ignored after
// it, at 60x20 as at 80x24.
func TestKeysTypedAsADraftResumesLeaveItsFileNamed(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		st := tempStore(t)
		dr := draftAt(t, st)
		file := "/home/ward5/digicheck/digicheck-not-saved-draft-" + dr.ID.String() + ".txt"
		o := withStore(testOptions(nil), st)
		o.Drafts = []Resumable{{Draft: dr, KeptFile: file}}
		d := newDriver(t, o, size[0], size[1])
		d.waitFor("Unfinished assessments", "NHS 943 476 5919")
		d.m.refusalHold = refusalHold
		d.press("enter")
		d.waitFor("Motivation and trust · 3 of 5")
		d.press("1", "2", "3", "enter")
		s := d.screen()
		if !strings.Contains(flat(s), "were ignored") {
			t.Fatalf("%dx%d: the scenario needs the keys typed ahead to be ignored, and said so:\n%s", size[0], size[1], s)
		}
		if !strings.Contains(joined(s), file) || !strings.Contains(flat(s), "Later answers") {
			t.Errorf("%dx%d: the keys typed ahead took the file's notice from the resumed question:\n%s", size[0], size[1], s)
		}
		checkFits(t, d.m.View().Content, size[0], size[1])
	}
}
