//go:build !windows

package main

import (
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"digicheck/internal/testkit"
)

// exitStatus waits for digicheck to end and returns its exit status.
func (tm *ptyTerm) exitStatus() int {
	tm.t.Helper()
	var err error
	select {
	case err = <-tm.done:
		tm.done <- err // exited reads it
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("digicheck did not end; the screen shows:\n%s", tm.vt.Screen())
	}
	tm.exited()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	tm.t.Fatalf("digicheck's end: %v", err)
	return -1
}

// TestAnAssessmentStoppedWithCtrlCExitsWithStatus130InBothFrontEnds: the
// plain prompts stopped with Ctrl+C exited with status 130 (128 + SIGINT,
// as a shell reports a program interrupted), and with 143 for SIGTERM; the
// full screen stopped with Ctrl+C, the draft kept (k) or the answers
// discarded (y, y), exited 0, as if the assessment had ended, and 0 for
// SIGTERM too. Both front ends now end an assessment stopped so with the
// same status: 130 for Ctrl+C, whatever became of the answers, and 128 +
// the signal for a signal from outside.
func TestAnAssessmentStoppedWithCtrlCExitsWithStatus130InBothFrontEnds(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t)
	for _, c := range []struct {
		name string
		stop func(t *testing.T) *ptyTerm
		want int
	}{
		{"plain prompts, ctrl+c", func(t *testing.T) *ptyTerm {
			tm := startTerm(t, t.TempDir(), 80, 24, nil, "--accessible", "--team", "Ward 7")
			tm.waitFor("Patient identifier:")
			tm.keys("1", "enter")
			tm.waitFor("NHS number (10 digits)")
			tm.keys("9434765919", "enter")
			tm.waitFor("Clinician")
			tm.keys("ctrl+c")
			return tm
		}, 130},
		{"full screen, ctrl+c then k: kept as a draft", func(t *testing.T) *ptyTerm {
			tm := atHowOnline(t)
			tm.keys("ctrl+c")
			tm.waitFor("Discard this assessment?")
			time.Sleep(600 * time.Millisecond)
			tm.keys("k")
			return tm
		}, 130},
		{"full screen, ctrl+c then y, y: discarded", func(t *testing.T) *ptyTerm {
			tm := atHowOnline(t)
			tm.keys("ctrl+c")
			tm.waitFor("Discard this assessment?")
			time.Sleep(600 * time.Millisecond)
			tm.discardAtQuit()
			return tm
		}, 130},
		{"full screen, SIGTERM", func(t *testing.T) *ptyTerm {
			tm := atHowOnline(t)
			if err := tm.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			return tm
		}, 128 + int(syscall.SIGTERM)},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tm := c.stop(t)
			if got := tm.exitStatus(); got != c.want {
				t.Errorf("exit status %d, want %d; the screen shows:\n%s", got, c.want, tm.vt.Screen())
			}
		})
	}
}
