//go:build !windows

package main

import (
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// Full screen, a save refused while another program held the store (held
// after the assessment began, so each draft waits the store's 2 s before it
// is refused): a referral's answer changed under the "Not saved" notice was
// written to the file the notice names only once the store had refused the
// draft, each change 2 s after the one before, and the file said "declined"
// while the screen showed "agreed". A run killed meanwhile left in the only
// copy an answer the patient did not give. The file holds each answer by
// the time the screen shows it, and a run killed (SIGKILL) straight after
// a change leaves it so.
func TestTheFileOfARefusedSaveHoldsEachReferralAnswerAsSoonAsTheScreenShowsIt(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	tm, dir := atResult(t)
	for _, k := range []string{"d", "down", "n", "down", "a"} { // only ↓ moves the highlight
		tm.keys(k)
		time.Sleep(1500 * time.Millisecond)
	}
	holdStoreNow(t, filepath.Join(dir, "digicheck.db"))
	tm.saveReadBack()
	tm.waitFor("Not saved")
	time.Sleep(2500 * time.Millisecond) // the draft kept after the refusal has been refused too
	was := keptConsents(t, tm.vt.Screen(), dir)
	if answered(was, "agreed") != 1 || answered(was, "declined") != 1 {
		t.Fatalf("the refused save kept %v; want one referral agreed, one declined", was)
	}

	tm.keys("d") // the highlighted referral, agreed, declined
	tm.waitFor("> [declined ")
	if got := keptConsents(t, tm.vt.Screen(), dir); answered(got, "agreed") != 0 || answered(got, "declined") != 2 {
		t.Errorf("the screen shows the referral declined, the file keeps %v:\n%s", got, tm.vt.Screen())
	}
	time.Sleep(200 * time.Millisecond)
	tm.keys("a") // and agreed again, as first given
	tm.waitFor("> [agreed ")
	if err := tm.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-tm.done
	if got := keptConsents(t, tm.vt.Screen(), dir); answered(got, "agreed") != 1 || answered(got, "declined") != 1 {
		t.Errorf("killed as the screen showed the referral agreed again, the file keeps %v", got)
	}
}
