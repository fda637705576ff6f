package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestAfterARefusedSaveEveryScreenNamesTheFileWhole: a save refused
// because another program held the store kept the answers and note in a
// file, named under the refusal. Esc (back) took the path from the screen:
// on the review, a section and the result the line under the heading said
// only "Store in use: answers kept in a file if it is still in use when
// you save", in the future tense though the file was there, and at 60x20
// it was cut ("if it is still in us…"). Once the file is written, that
// line names it, whole, on every screen, at 60x20 as at 80x24, its name
// broken, where it must be, only at a hyphen, never inside a part.
func TestAfterARefusedSaveEveryScreenNamesTheFileWhole(t *testing.T) {
	t.Parallel()
	const dir, name = "/wards/seven/", "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		st := &memStore{fail: heldKept{dir + name}}
		o := testOptions(st.Save)
		o.Reminder = "Store in use: answers kept in a file if it is still in use when you save"
		o.ReminderTillSaved = true
		o.Assessed = (&heldRead{}).read
		d := newDriver(t, o, 80, 24)
		toReviewQuickly(d)
		d.press("end", "enter")
		d.waitFor("Result")
		answerReferrals(d, firstReferrals)
		saveReadBack(d)
		d.waitFor("Not saved: another program held the store too long")
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		names := func(step string) {
			t.Helper()
			s := d.screen()
			if strings.Contains(s, "if it is still in use") {
				t.Errorf("%dx%d, %s: the screen still says the answers will be kept in a file:\n%s", size[0], size[1], step, s)
			}
			if !strings.Contains(flat(s), "Not saved yet") || !strings.Contains(joined(s), dir+name) {
				t.Errorf("%dx%d, %s: the screen does not name the file the answers are kept in, whole:\n%s", size[0], size[1], step, s)
			}
			for _, l := range strings.Split(ansi.Strip(s), "\n") {
				l = strings.TrimSpace(l)
				if strings.HasPrefix(name, l) && l != "" && l != name && !strings.HasSuffix(l, "-") {
					t.Errorf("%dx%d, %s: the file's name is broken inside a part, at %q:\n%s", size[0], size[1], step, l, s)
				}
			}
			checkFits(t, d.m.View().Content, size[0], size[1])
		}
		d.press("esc")
		d.waitFor("Check every answer with the patient")
		names("the review")
		d.press("esc")
		names("the last section")
		d.press("enter")
		d.waitFor("Check every answer with the patient")
		d.press("end", "enter")
		d.waitFor("Result")
		names("the result")
		if st.Calls() != 1 {
			t.Fatalf("%d saves, want the one refused", st.Calls())
		}
	}
}
