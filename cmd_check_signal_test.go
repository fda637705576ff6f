//go:build !windows

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 15 (damaged stores, item 4): check works on a hidden copy of the
// store, and Ctrl+C, or SIGTERM or SIGHUP as a scheduled task's timeout
// sends them, ended it with no word, leaving that full copy of patient
// data beside the store. As backup does, an interrupted check stops, says
// it was cancelled and that its copy was removed, fails, and leaves no
// copy, whether it was copying the store or checking the copy.
func TestAnInterruptedCheckRemovesItsCopyAndSaysSo(t *testing.T) {
	t.Parallel()
	bin, db, _ := killWorld(t)
	storeDir := filepath.Dir(db)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		for _, phase := range []struct {
			name string
			at   int64 // the copy's size at which the signal is sent; 0: once it stops growing
		}{{"copying", 1}, {"checking the copy", 0}} {
			stderr, err := checkSignalled(t, bin, db, sig, phase.at)
			if err == nil {
				t.Errorf("%v while %s: exit status 0\n%s", sig, phase.name, stderr)
				continue
			}
			if !strings.Contains(stderr, "check of "+db+" cancelled: its temporary copy was removed") || strings.Contains(stderr, ".tmp") {
				t.Errorf("%v while %s: %v, stderr %q, want the check said cancelled and its copy removed", sig, phase.name, err, stderr)
			}
			if l := temporaries(storeDir); len(l) != 0 {
				t.Errorf("%v while %s: copies left: %v", sig, phase.name, l)
			}
		}
	}
	if b, err := exec.Command(bin, "--db", db, "check").CombinedOutput(); err != nil {
		t.Errorf("the store fails its check after the interruptions: %v\n%s", err, b)
	}
}

// checkSignalled runs check of db and sends it sig once its copy beside
// the store has reached at bytes. It returns stderr and the exit error.
func checkSignalled(t *testing.T, bin, db string, sig syscall.Signal, at int64) (string, error) {
	t.Helper()
	c := exec.Command(bin, "--db", db, "check")
	var errb strings.Builder
	c.Stderr = &errb
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("check finished before its copy reached %d bytes (%v): make the store bigger\n%s", at, err, errb.String())
		case <-deadline:
			c.Process.Kill()
			t.Fatalf("check: no copy of %d bytes seen in 30 s", at)
		case <-time.After(time.Millisecond):
		}
		for _, tmp := range temporaries(filepath.Dir(db)) {
			fi, err := os.Stat(tmp)
			if err != nil || fi.Size() == 0 {
				continue
			}
			if at == 0 {
				// Copied once it has not grown for a while.
				time.Sleep(50 * time.Millisecond)
				if again, err := os.Stat(tmp); err != nil || again.Size() != fi.Size() {
					continue
				}
			} else if fi.Size() < at {
				continue
			}
			c.Process.Signal(sig)
			err = <-done
			return errb.String(), err
		}
	}
}
