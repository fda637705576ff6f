package push

import (
	"sync"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestAPushAskingTheServerOfEachAssessmentSaysHowFarItHasGot: push
// --check-server asks the server, 50 assessments a search, whether it
// still holds each it accepted from this store, and said nothing
// meanwhile: against a server taking a second a search, a store of 1,200
// assessments left the terminal blank for half a minute. It now tells
// Options.Asking how many it has asked of of how many, from none to all,
// as it goes, before the store is read for what to send.
func TestAPushAskingTheServerOfEachAssessmentSaysHowFarItHasGot(t *testing.T) {
	s := fhirserver.Start(t)
	st := newStore(t)
	const n = 120
	for range n {
		saved(t, st, "9434765919")
	}
	c := client(t, s.Base, 20*time.Second)
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != n {
		t.Fatalf("first push: sent %d, %v", rep.Sent, err)
	}
	var mu sync.Mutex
	type asked struct{ done, total int }
	var told []asked
	o := quick
	o.CheckServer = true
	o.Asking = func(done, total int) {
		mu.Lock()
		told = append(told, asked{done, total})
		mu.Unlock()
	}
	rep, err := run(t, st, c, o)
	if err != nil || !rep.Checked || rep.Lost != 0 {
		t.Fatalf("push --check-server: checked %v, lost %d, %v", rep.Checked, rep.Lost, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(told) == 0 {
		t.Fatal("push --check-server said nothing of how far it had got asking the server")
	}
	if first, last := told[0], told[len(told)-1]; first != (asked{0, n}) || last != (asked{n, n}) {
		t.Errorf("told %v first and %v last; want 0 of %d, then %d of %d", first, last, n, n, n)
	}
	between := 0
	for i, a := range told {
		if a.total != n {
			t.Errorf("told %d asked of %d; want of %d", a.done, a.total, n)
		}
		if i > 0 && a.done < told[i-1].done {
			t.Errorf("the count asked went back, from %d to %d", told[i-1].done, a.done)
		}
		if a.done > 0 && a.done < n {
			between++
		}
	}
	if between == 0 {
		t.Errorf("told only where the asking began and ended, nothing between: %v", told)
	}
}
