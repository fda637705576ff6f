package ui

import (
	"strings"
	"testing"
)

// atRefusedSave is an assessment whose save a damaged store refused, its
// answers and note kept in path, in a w x h window.
func atRefusedSave(t *testing.T, path string, w, h int) *driver {
	t.Helper()
	st := &memStore{fail: keptDamagedErr{path}}
	d := newDriver(t, testOptions(st.Save), w, h)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: the store is damaged.")
	return d
}

// A damaged store refused a completed, consented assessment's save, its
// answers kept in a file the screen named: "Press ctrl+c to finish" led
// to "Discard this assessment? … y discard and quit", and y, y deleted
// that file, the only copy, ending as if stopped (130). The screen now
// offers f, which finishes with the answers kept in the file, and says
// so; ctrl+c asks only whether to finish so, with no discard, whether on
// that screen or after going back to change an answer.
func TestASaveADamagedStoreRefusedFinishesWithTheFileKept(t *testing.T) {
	t.Parallel()
	const path = "/var/lib/ward7/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		w, h := size[0], size[1]
		d := atRefusedSave(t, path, w, h)
		s := flat(d.screen())
		if !strings.Contains(s, "Press f to finish") || strings.Contains(s, "ctrl+c to finish") {
			t.Errorf("%dx%d: the refused save does not tell the clinician to press f to finish:\n%s", w, h, d.screen())
		}
		if !strings.Contains(s, "f finish") {
			t.Errorf("%dx%d: the help does not show f to finish:\n%s", w, h, d.screen())
		}
		checkFits(t, d.m.View().Content, w, h)

		// f, typed on its own, finishes: not stopped, not discarded.
		d.press("f")
		d.aloneEnds()
		if d.m.exit != exitKeep || d.m.interrupted {
			t.Errorf("%dx%d: f ended with exit %v, interrupted %v; want the answers kept, not stopped", w, h, d.m.exit, d.m.interrupted)
		}

		// ctrl+c there, and after going back to the review: no discard.
		for _, back := range []bool{false, true} {
			d := atRefusedSave(t, path, w, h)
			if back {
				d.press("esc")
				d.waitFor("Review")
			}
			d.press("ctrl+c")
			s := flat(d.screen())
			if strings.Contains(s, "Discard") || strings.Contains(s, "y discard") || !strings.Contains(s, "f finish") ||
				!strings.Contains(strings.ReplaceAll(s, " ", ""), path) {
				t.Errorf("%dx%d, back %v: ctrl+c offers a discard, or no finish, or does not name the file:\n%s", w, h, back, d.screen())
			}
			checkFits(t, d.m.View().Content, w, h)
			for _, k := range []string{"y", "y", "k"} {
				d.press(k)
				d.aloneEnds()
				if d.m.exit != exitUnknown {
					t.Fatalf("%dx%d, back %v: %s at the question ended the run (exit %v)", w, h, back, k, d.m.exit)
				}
				d.press("esc") // the refusal read
			}
			if !d.m.confirmQuit {
				t.Fatalf("%dx%d, back %v: the question went away:\n%s", w, h, back, d.screen())
			}
			d.press("f")
			d.aloneEnds()
			if d.m.exit != exitKeep || d.m.interrupted {
				t.Errorf("%dx%d, back %v: f at the question ended with exit %v, interrupted %v; want the answers kept, not stopped", w, h, back, d.m.exit, d.m.interrupted)
			}
		}
	}
}
