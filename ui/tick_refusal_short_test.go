package ui

import (
	"strings"
	"testing"
	"time"
)

// refusalRows is the refusal beginning with start as the screen draws it,
// row by row, up to the help line.
func refusalRows(screen, start string) []string {
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case len(rows) == 0 && strings.HasPrefix(l, start):
			rows = append(rows, l)
		case len(rows) > 0 && (l == "" || strings.HasPrefix(l, "esc ")):
			return rows
		case len(rows) > 0:
			rows = append(rows, l)
		}
	}
	return rows
}

// TestTheRefusalOfAnXOnAListNotYetReadIsShortAndSaysKeysAreIgnored: an x
// typed before a list could be read was refused in four rows at 80
// columns, the reason, what it would have done and how to tick coming
// first, and what mattered most at the end: "Keys are being ignored until
// you press Esc (it does not go back)" (a tester at 80x24). It is now two
// rows at 80 columns, saying plainly that keys are ignored until Esc, and
// whole at 60x20, the smallest window drawn.
func TestTheRefusalOfAnXOnAListNotYetReadIsShortAndSaysKeysAreIgnored(t *testing.T) {
	t.Parallel()
	for _, size := range []struct{ w, h, most int }{{80, 24, 2}, {60, 20, 3}} {
		d := newDriver(t, testOptions((&memStore{}).Save), size.w, size.h)
		enterPatient(d)
		d.m.refusalHold = 100 * time.Millisecond // the word hold: 300 ms
		time.Sleep(d.m.wordHoldLen())
		burst(d, "1", "enter", "x")
		d.waitFor("How do you get online?")
		rows := refusalRows(d.screen(), "Not ticked")
		s := strings.Join(rows, " ")
		if len(rows) == 0 || len(rows) > size.most || !strings.Contains(s, "came before this list could be read") ||
			!strings.Contains(s, "Keys are ignored until Esc") || !strings.HasSuffix(s, "press x.") {
			t.Errorf("at %dx%d the refusal is %d rows (want at most %d, whole, saying keys are ignored until Esc):\n%s",
				size.w, size.h, len(rows), size.most, d.screen())
		}
	}
}
