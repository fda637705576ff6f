package ui

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// notSavedHeldTicking is notSavedHeld on a clock that moves on as a real
// one does, a minute at each reading: the record worked out again after
// going back is worked out at a later time.
func notSavedHeldTicking(t *testing.T, file string) (*driver, *memStore) {
	t.Helper()
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	var mu sync.Mutex
	now := fixedNow
	o.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Minute)
		return now
	}
	o.Assessed = (&heldRead{}).read
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long", "Press r to try again.")
	return d, st
}

// TestGoingBackAfterARefusedSaveWithoutChangingAnythingKeepsTheFilesNote:
// after a save refused because another program held the store, the
// clinician went back to the review and on to the result again, changing
// nothing, and saved. The saved screen said "Answers were changed after it
// was kept: a note already pasted from it is out of date", though the note
// in the file and the record's were the same, word for word: the record,
// worked out again, had only a later time. The record saved is now the one
// the file holds, and the screen says a note pasted from it stands. A
// changed answer still says the note is out of date.
func TestGoingBackAfterARefusedSaveWithoutChangingAnythingKeepsTheFilesNote(t *testing.T) {
	t.Parallel()
	for _, change := range []bool{false, true} {
		file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
		d, st := notSavedHeldTicking(t, file)
		kept := d.m.keptRec
		d.press("esc")
		d.waitFor("Check every answer with the patient")
		if change {
			// Back to the patient's own choice, another answer to it,
			// and on to the review again.
			d.press("esc", "esc")
			d.waitFor("How would you like us to contact you?")
			d.press("7", "enter")
			d.waitFor("Check every answer with the patient")
		}
		d.press("end", "enter")
		d.waitFor("Result")
		if n := d.m.s.ToAnswer(); n > 0 {
			answerReferrals(d, min(n, firstReferrals))
		}
		saveReadBack(d)
		d.waitFor("Saved")
		f := flat(d.screen())
		stands, outOfDate := "A note already pasted from it stands", "a note already pasted from it is out of date"
		if change {
			stands, outOfDate = outOfDate, stands
		}
		if !strings.Contains(f, stands) || strings.Contains(f, outOfDate) {
			t.Errorf("changed %v: the saved screen does not say %q alone:\n%s", change, stands, d.screen())
		}
		saved := st.recs[kept.ID.String()]
		if !change && !saved.Time.Equal(kept.Time) {
			t.Errorf("nothing changed, yet the record saved is of %v, the file's of %v", saved.Time, kept.Time)
		}
	}
}
