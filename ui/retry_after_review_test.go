package ui

import (
	"strings"
	"testing"
	"time"
)

// Under "Not saved" (a save refused, the answers kept in a file), r tried
// the save again until the review was visited; back from it the notice
// said "Not saved yet" and r was "not a key of this screen". r tries the
// save again there too: one way to retry, on the result as first shown
// and as come back to.
func TestRRetriesTheRefusedSaveBackFromTheReview(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	d := newDriver(t, testOptions(st.Save), 60, 20)
	underRefusedSave(t, d)
	d.press("esc")
	d.waitFor("Review")
	d.press("end", "enter")
	d.waitFor("Result")
	if !strings.Contains(flat(d.screen()), "Not saved yet") {
		t.Fatalf("back from the review, the result does not say the answers are not saved yet:\n%s", d.screen())
	}
	before := st.Calls()
	d.press("r")
	if s := flat(d.screen()); strings.Contains(s, "not a key of this screen") {
		t.Fatalf("r is refused back from the review:\n%s", d.screen())
	}
	if strings.Contains(d.screen(), confirmAsk) {
		// The answers read back first, as enter reads them back,
		// and saved by enter as that screen says.
		d.press("end")
		time.Sleep(d.m.wordHoldLen())
		d.press("enter")
	}
	d.waitFor("Saved")
	if st.Calls() != before+1 {
		t.Errorf("r back from the review saved %d times; want once", st.Calls()-before)
	}
}
