package main

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/store"
)

// busyWriter holds the store at path for writing in a loop, as another
// digicheck saving all the time does, each hold longer than a save's
// bound on waiting (2 s) and a short gap between holds, until stop is
// called. It returns once the first hold is taken.
func busyWriter(t *testing.T, path string, hold, gap time.Duration) (stop func()) {
	t.Helper()
	quit, done, held := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var once sync.Once
	go func() {
		defer close(done)
		for {
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 10 * time.Second})
			if err != nil {
				t.Error(err)
				once.Do(func() { close(held) })
				return
			}
			once.Do(func() { close(held) })
			select {
			case <-quit:
				db.Close()
				return
			case <-time.After(hold):
			}
			db.Close()
			select {
			case <-quit:
				return
			case <-time.After(gap):
			}
		}
	}()
	<-held
	return func() { close(quit); <-done }
}

// TestCheckWaitsForAStoreBusyWithSaves: with another program writing the
// store all the time, check is not interactive and waits for its turn
// (beyond a save's 2 s) rather than failing "in use by another digicheck
// window or program" as it did in 2 of 8 runs.
func TestCheckWaitsForAStoreBusyWithSaves(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	stop := busyWriter(t, path, 2500*time.Millisecond, 300*time.Millisecond)
	defer stop()
	out, errs, err := runStoreCmd(t, path, (*app).checkCmd)
	if err != nil {
		t.Fatalf("check of a store busy with saves: %v\n%s%s", err, out, errs)
	}
	if !strings.Contains(out, "Records: 3,") || !strings.Contains(out, "OK:") {
		t.Errorf("check did not report the store:\n%s", out)
	}
}

// TestCheckRefusesAStoreBusyPastItsBoundSayingWhatToDo: a store held for
// longer than check waits is refused, after that bound, in words that say
// check waited, that nothing was changed, and what to do.
func TestCheckRefusesAStoreBusyPastItsBoundSayingWhatToDo(t *testing.T) {
	path, _ := storeWith(t, 3)
	was := checkWait
	checkWait = 3 * time.Second
	defer func() { checkWait = was }()
	stop := busyWriter(t, path, time.Minute, 0)
	defer stop()
	start := time.Now()
	_, _, err := runStoreCmd(t, path, (*app).checkCmd)
	took := time.Since(start)
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("check of a store held throughout: %v, want it refused as in use", err)
	}
	if took < checkWait || took > checkWait+4*time.Second {
		t.Errorf("check gave up after %v, want about %v", took, checkWait)
	}
	for _, want := range []string{path, "waited 3 seconds", "nothing was changed", "Run check again"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
}

// A store only held by another program (a lock, no save) was refused by
// check as "writing to it the whole time (saves are being made)": no save
// was made, and the words sent the nurse looking for one. The refusal
// says the store is in use, not that saves are being made.
func TestCheckRefusingAHeldStoreSaysItIsInUseNotThatSavesAreMade(t *testing.T) {
	path, _ := storeWith(t, 3)
	was := checkWait
	checkWait = 2 * time.Second
	defer func() { checkWait = was }()
	stop := busyWriter(t, path, time.Minute, 0)
	defer stop()
	_, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("check of a store held throughout: %v, want it refused as in use", err)
	}
	if msg := err.Error(); strings.Contains(msg, "saves are being made") || strings.Contains(msg, "writing to it") || !strings.Contains(msg, "in use") {
		t.Errorf("the refusal %q claims saves, or does not say the store is in use", msg)
	}
}
