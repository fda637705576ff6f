//go:build !windows

package ui

import (
	"io"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"
)

// firstRead is a terminal's input that says when the program first reads
// it, and then ends.
type firstRead struct {
	once sync.Once
	read chan struct{}
}

func (r *firstRead) Read([]byte) (int, error) {
	r.once.Do(func() { close(r.read) })
	return 0, io.EOF
}

// TestTheFirstScreenIsBuiltOnceTheProgramHasStarted: Bubble Tea draws the
// first frame on its renderer's first tick, a frame period after it has
// set the terminal up and started reading it, and only then asks the
// model for anything. The first screen (its forms, styles and boxes) is
// built in that wait: built before the program started, as it was, its
// time was added to every start's first frame. Here the program has read
// the terminal before the model is built, and a stop ends it as any stop
// does.
func TestTheFirstScreenIsBuiltOnceTheProgramHasStarted(t *testing.T) {
	in := &firstRead{read: make(chan struct{})}
	var started bool
	newModel = func(o Options) *Model {
		select {
		case <-in.read:
			started = true
		case <-time.After(2 * time.Second):
		}
		m := New(o)
		go func() {
			// Stopped as a closed window stops it: Run's handler
			// is listening by now.
			time.Sleep(20 * time.Millisecond)
			_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		}()
		return m
	}
	t.Cleanup(func() { newModel = New })
	out, err := Run(Options{}, in, io.Discard)
	if !started {
		t.Error("the first screen was built before the program had started reading the terminal")
	}
	if out.Stopped != syscall.SIGTERM {
		t.Errorf("Run = %+v, %v; want it stopped by SIGTERM", out, err)
	}
}
