package ui

import (
	"strings"
	"testing"
	"time"
)

// TestACutResultSaysMoreIsBelowUnderANotice: at 80x24 a notice at the
// foot of the result (keys typed before it was shown, ignored; a save
// refused, kept in a file) took the place of the line that says more of
// the result is below, and cut it mid-list with nothing to say so: read
// with the patient, it looked complete. The line stays whenever the
// result is cut, the notice under it.
func TestACutResultSaysMoreIsBelowUnderANotice(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end")
	d.m.reviewAt = time.Now().Add(-4 * time.Hour)
	d.m.reviewEndAt = d.m.reviewAt
	d.m.refusalHold = time.Hour
	d.press("enter", "enter")
	d.waitFor("Result", "Keys typed before the result was shown were ignored")
	if d.m.resultView.AtBottom() {
		t.Fatalf("the result fits at 80x24, which this test is to cut:\n%s", d.screen())
	}
	cutSaysSo(t, d, "the notice of keys typed ahead")
	d.m.refusalHold = 0
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:", "Press r to try again.")
	d.press("home")
	d.waitFor("Not saved:")
	cutSaysSo(t, d, "a refused save")
	d.press("end")
	d.waitFor("Not saved:")
	cutSaysSo(t, d, "a refused save, the result at its end")
}

// cutSaysSo fails the test unless the screen, cut, says where more is.
func cutSaysSo(t *testing.T, d *driver, when string) {
	t.Helper()
	s := d.screen()
	v := d.m.activeViewport()
	want := scrollMarker(v, d.m.contentWidth())
	if want == "" {
		t.Fatalf("with %s the view is not cut:\n%s", when, s)
	}
	if !strings.Contains(s, want) {
		t.Errorf("with %s the screen, cut, does not say %q:\n%s", when, want, s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
