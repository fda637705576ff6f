package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTheScrollingKeysReachTheEndOfTheResultUnderANotice: at 80x24 the
// notice of a save refused (the store held, the answers kept in a file)
// takes lines from the foot of the result. The line above it said truly
// "lines 4-15 of 18 · more below", but End, PgDn and ↓ stopped where the
// result would have ended without the notice: its last lines could not be
// scrolled into view. Each of them brings the last line of the result on
// screen, and the line then says nothing is below, whichever referral is
// highlighted.
func TestTheScrollingKeysReachTheEndOfTheResultUnderANotice(t *testing.T) {
	t.Parallel()
	for _, keys := range [][]string{{"end"}, repeat("pgdown", 10), repeat("down", 40)} {
		t.Run(keys[0], func(t *testing.T) {
			t.Parallel()
			const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
			st := &memStore{fail: keptErr{path}}
			d := newDriver(t, testOptions(st.Save), 80, 24)
			toReviewQuickly(d)
			d.press("end", "enter")
			d.waitFor("Result")
			answerReferrals(d, firstReferrals)
			saveReadBack(d)
			d.waitFor("Not saved:", "Press r to try again.")
			// The first referral highlighted, as after going back up
			// to read it again: the view is not held to the last.
			for i := 0; i < 10 && d.m.referral > 0; i++ {
				d.press("up")
			}
			if d.m.referral != 0 {
				t.Fatalf("↑ did not highlight the first referral:\n%s", d.screen())
			}
			d.press("home")
			d.press(keys...)
			s := d.screen()
			if !strings.Contains(s, "Not saved:") {
				t.Fatalf("after %s the notice of the refused save is gone, which this test is to keep:\n%s", keys[0], s)
			}
			content := strings.Split(strings.TrimRight(ansi.Strip(d.m.resultView.GetContent()), "\n "), "\n")
			last := strings.TrimSpace(content[len(content)-1])
			if !strings.Contains(s, last) {
				t.Errorf("after %s the last line of the result (%q) is not on screen:\n%s", keys[0], last, s)
			}
			if strings.Contains(s, "more below") {
				t.Errorf("after %s the screen still says more is below:\n%s", keys[0], s)
			}
			screenTellsTrue(t, d, "after "+keys[0], false)
		})
	}
}
