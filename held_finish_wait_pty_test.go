//go:build !windows

package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// Found assessed by the retry, the store held again and the save refused
// again, the clinician finished (ctrl+c, f). The full screen closed at
// once, and the terminal stayed blank, without a word of waiting, for
// 5 seconds and more (the draft, the read of the patient's assessments
// and the letting go of drafts each waited 2 s for the store, to be
// refused); then the end began with the notice from the start of the
// run, "Go on: this assessment will be saved in the store if it is free
// when you save", no longer true. The end comes at once, without it.
func TestAFinishWhileTheStoreIsHeldAgainEndsAtOnceWithoutTheStartNotice(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	tm, path, _ := heldFoundAssessed(t)
	again := holdStoreNow(t, path)
	tm.keys("enter")
	tm.waitFor("Not saved")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("ctrl+c")
	tm.waitFor("f finish")
	time.Sleep(1500 * time.Millisecond) // read
	tm.keys("f")
	pressed := time.Now()
	var saidEnd time.Duration
	for time.Since(pressed) < 25*time.Second && saidEnd == 0 {
		if strings.Contains(strings.Join(strings.Fields(tm.vt.Text()), " "), "follow it up instead") {
			saidEnd = time.Since(pressed)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("after f: the end said at %v", saidEnd)
	again()
	if got := tm.exitStatus(); got != 1 {
		t.Errorf("exit status %d, want 1 (answers kept in a file):\n%s", got, tm.vt.Screen())
	}
	said := strings.Join(strings.Fields(tm.vt.Text()), " ")
	switch {
	case saidEnd == 0:
		t.Fatalf("the end was not said within 25 seconds of f:\n%s", tm.vt.Text())
	case saidEnd > 3*time.Second:
		t.Errorf("the end came %v after f, the terminal blank till then:\n%s", saidEnd, tm.vt.Text())
	}
	if strings.Contains(said, "Go on: this assessment will be saved") {
		t.Errorf("the end says the start's notice to go on as if it were still so:\n%s", tm.vt.Text())
	}
}
