//go:build !windows

package main

import (
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// Full screen, a save refused while another program held the store: a
// referral's answer changed under the "Not saved" notice reached the file
// it names, but a letter refused just after it (a slow typist's next
// letter, "not a key of this screen") took the answer back on screen only.
// The file kept the answer taken back, unchanged however long, and a run
// killed then left in the only copy an answer the screen no longer showed,
// while esc said the file held the note. The file follows the answer taken
// back by the time the screen says so: here, back to the answers of the
// save refused, and a run killed then leaves it so.
func TestTheFileOfARefusedSaveFollowsAReferralAnswerTakenBack(t *testing.T) {
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
		t.Fatalf("the screen shows the referral declined, the file keeps %v:\n%s", got, tm.vt.Screen())
	}
	time.Sleep(200 * time.Millisecond)
	tm.keys("x") // the next letter of a word: d is taken back
	tm.waitFor("taken back")
	tm.waitFor("> [agreed ")
	if got := keptConsents(t, tm.vt.Screen(), dir); answered(got, "agreed") != 1 || answered(got, "declined") != 1 {
		t.Errorf("d taken back, the screen shows the referral agreed again, the file keeps %v:\n%s", got, tm.vt.Screen())
	}
	if err := tm.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-tm.done
	if got := keptConsents(t, tm.vt.Screen(), dir); answered(got, "agreed") != 1 || answered(got, "declined") != 1 {
		t.Errorf("killed with d taken back, the file keeps %v", got)
	}
}
