package store

import (
	"context"
	"sync"
	"testing"
)

// TestCheckSaysHowFarItHasGot: a check of a large store took 40 s at
// 100,000 records, and 4 min 40 s at a million, saying nothing. Given a
// progress function, it is told how much of the store is copied, and how
// many records are checked of how many, each count rising to its total.
func TestCheckSaysHowFarItHasGot(t *testing.T) {
	for _, inPlace := range []bool{false, true} { // room for a copy: copied either way
		s := openTemp(t)
		for range 3000 {
			save(t, s, assessed(t, nhsPatient))
		}
		var mu sync.Mutex
		var got []CheckProgress
		ctx := WithCheckProgress(context.Background(), func(p CheckProgress) {
			mu.Lock()
			got = append(got, p)
			mu.Unlock()
		})
		rep, err := s.CheckContext(ctx, inPlace)
		if err != nil || !rep.OK() {
			t.Fatalf("check: %v\n%s", err, rep)
		}
		last := map[string]CheckProgress{}
		for _, p := range got {
			if prev, ok := last[p.Phase]; ok && p.Done < prev.Done {
				t.Errorf("in place %v: %s went back from %d to %d", inPlace, p.Phase, prev.Done, p.Done)
			}
			last[p.Phase] = p
		}
		if p, ok := last[PhaseRecords]; !ok || p.Done != 3000 || p.Total != 3000 {
			t.Errorf("in place %v: records checked last said %+v, want 3000 of 3000 (all: %+v)", inPlace, p, got)
		}
		if p, ok := last[PhaseCopy]; !ok || p.Done == 0 || p.Done != p.Total {
			t.Errorf("in place %v: the copy last said %+v (said: %v), want the whole store copied", inPlace, p, ok)
		}
		if _, ok := last[PhasePages]; !ok {
			t.Errorf("in place %v: the page walk was not said", inPlace)
		}
	}
}
