package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// Two windows on one store, working on, resuming, saving and abandoning
// drafts in a random order, with holds lapsing between steps: no step may
// fail for want of a lease, a save refused because the other window took
// the draft must succeed on retry, and whatever a window last wrote must
// be there, as a draft or a record, when it looks again. DIGICHECK_WINDOWS
// sets how many steps (default 300).
func TestTwoWindowsCampaign(t *testing.T) {
	shortLease(t, 15*time.Millisecond)
	steps := 300
	if n, err := strconv.Atoi(os.Getenv("DIGICHECK_WINDOWS")); err == nil && n > 0 {
		steps = n
	}
	a := openTempWaiting(t, loadedWait)
	b := windowWaiting(t, a, loadedWait)
	type win struct {
		s       *Store
		name    string
		d       Draft
		written bool
	}
	ws := []*win{{s: a, name: "A"}, {s: b, name: "B"}}
	rng := newRand(11)
	tries, failures := 0, 0
	fail := func(format string, args ...any) {
		failures++
		t.Errorf(format, args...)
	}
	present := func(w *win, id, marker string) bool {
		if r, err := w.s.Find(id); err == nil {
			return r.Clinician == marker
		}
		ds, _ := w.s.Drafts()
		for _, d := range ds {
			if d.ID.String() == id {
				return d.Clinician == marker
			}
		}
		return false
	}
	for i := range steps {
		w := ws[rng.IntN(2)]
		tries++
		switch op := rng.IntN(10); {
		case op < 5: // answer a question: the draft is kept
			w.d.Clinician = fmt.Sprintf("%s-%d", w.name, i)
			if err := w.s.SaveDraft(&w.d); err != nil {
				fail("step %d: %s's SaveDraft: %v", i, w.name, err)
				continue
			}
			w.written = true
			if !present(w, w.d.ID.String(), w.d.Clinician) {
				fail("step %d: %s's draft %s does not hold what it just wrote", i, w.name, w.d.ID)
			}
		case op < 7: // finish: save the record under the draft's id
			if !w.written {
				continue
			}
			r := assessed(t, nhsPatient)
			r.ID, r.Clinician = w.d.ID, w.d.Clinician
			err := w.s.Save(&r)
			if errors.Is(err, ErrDraftTaken) {
				if !present(w, r.ID.String(), r.Clinician) {
					fail("step %d: %s's answers were not kept as draft %s", i, w.name, r.ID)
				}
				err = w.s.Save(&r)
			}
			if err != nil {
				fail("step %d: %s's Save: %v", i, w.name, err)
				continue
			}
			if !present(w, r.ID.String(), r.Clinician) {
				fail("step %d: %s's record %s is not what it saved", i, w.name, r.ID)
			}
			w.d, w.written = Draft{}, false
		case op < 9: // resume a draft the other window is not using
			ls, err := w.s.ListDrafts(0)
			if err != nil {
				fail("step %d: ListDrafts: %v", i, err)
				continue
			}
			var free []DraftEntry
			for _, e := range ls {
				if !e.HeldElsewhere {
					free = append(free, e)
				}
			}
			if len(free) == 0 {
				continue
			}
			pick := free[rng.IntN(len(free))]
			d, err := w.s.ClaimDraft(pick.ID)
			if err != nil {
				if errors.Is(err, ErrDraftHeld) || errors.Is(err, ErrExists) || errors.Is(err, ErrNotFound) {
					continue // taken, saved or gone since the list: offered no more
				}
				fail("step %d: ClaimDraft: %v", i, err)
				continue
			}
			w.d, w.written = d, true
		default: // the window sleeps past its hold
			time.Sleep(20 * time.Millisecond)
		}
	}
	for _, w := range ws {
		if w.written && !present(w, w.d.ID.String(), w.d.Clinician) {
			// The other window may have resumed it since, and gone on.
			if ls, _ := w.s.ListDrafts(0); len(ls) == 0 {
				fail("%s's last draft %s is gone", w.name, w.d.ID)
			}
		}
	}
	if rep, err := a.Check(); err != nil || !rep.OK() {
		fail("Check after the campaign: %v\n%s", err, rep)
	}
	t.Logf("two windows: %d tries, %d failures", tries, failures)
}
