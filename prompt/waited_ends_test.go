package prompt

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestTheWaitForTheStoreEndsWithItsStep: the note said while a call to the
// store runs long ("Waiting for the store…") is said by a goroutine of its
// own. When the call panicked after the note was said, that goroutine
// blocked for ever, handing on a result nobody would read. It ends with
// the call, however the call ends. (Not parallel: no other wait runs
// meanwhile, so the goroutines left are this test's.)
func TestTheWaitForTheStoreEndsWithItsStep(t *testing.T) {
	var out strings.Builder
	p := &prompter{out: &out, fd: -1}
	func() {
		defer func() { _ = recover() }()
		p.waited(false, func() {
			time.Sleep(waitSaid + 200*time.Millisecond)
			panic("the store failed")
		})
	}()
	if !strings.Contains(out.String(), waitingNote) {
		t.Fatalf("the scenario needs the note said before the call ended: %q", out.String())
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		if !bytes.Contains(buf[:n], []byte("(*prompter).waited.func")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the goroutine that said the note is still there, blocked:\n%s", buf[:n])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
