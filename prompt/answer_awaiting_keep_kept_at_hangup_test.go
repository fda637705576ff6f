//go:build unix

package prompt

import (
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"digicheck/assess"
)

// lockedWriter is a strings.Builder written by the run and read by the
// test while the run goes on.
type lockedWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// asked reports whether said ends at "Keep this answer?", asked.
func asked(said string) bool {
	_, after, ok := strings.Cut(said, "Keep this answer?")
	return ok && strings.Contains(after, "Type a number from 1 to 2")
}

// TestARestrictionEnteredAndHungUpAtKeepThisAnswerIsKeptAsNotConfirmed:
// "must not contact: Text messages" typed and entered, and the window
// closed (SIGHUP) at the "Keep this answer?" that follows. Nothing more is
// kept after a hang-up: the draft kept before the question is what the
// store holds, and it must hold the restriction as not confirmed, never
// the text choice it refuses.
func TestARestrictionEnteredAndHungUpAtKeepThisAnswerIsKeptAsNotConfirmed(t *testing.T) {
	f, in := awaitingKeep(t)
	var mu sync.Mutex
	f.o.Keep = func(d *assess.Draft) error {
		c := keptCopy(d)
		mu.Lock()
		f.kept = &c
		mu.Unlock()
		return nil
	}
	var atStop *assess.Draft
	stopped := make(chan os.Signal, 1)
	f.o.Stopped = func(sig os.Signal) {
		// What the store holds when the window closes.
		mu.Lock()
		atStop = f.kept
		mu.Unlock()
		stopped <- sig
	}
	r, w := io.Pipe()
	out := &lockedWriter{}
	done := make(chan error, 1)
	go func() {
		_, err := Run(f.o, r, out)
		done <- err
	}()
	if _, err := io.WriteString(w, in); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); !asked(out.String()); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("'Keep this answer?' was not asked:\n%s", out.String())
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-stopped:
	case <-time.After(20 * time.Second):
		t.Fatal("the hang-up did not stop the run")
	}
	w.Close()
	<-done
	checkAwaitingKeptNotConfirmed(t, atStop, out.String())
}
