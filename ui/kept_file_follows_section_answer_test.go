package ui

import (
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"digicheck/store"
)

// TestUnderNotSavedEachSectionAnswerReachesTheFileAsItIsGiven: after a
// save refused because another program held the store, its answers and
// note kept in a file (the only copy while it is held), an answer changed
// in a section opened from the review reached the file only at the
// section's end: the screen showed "✓ Worry: A little worried" while the
// file still said "Very worried", and a window killed then left the
// answer the patient had corrected. Each answer confirmed in the section
// is now given to the file (DraftNow) before the screen shows it, changed
// back too, and the screen says what the file holds: no note once an
// answer differs from the save refused, the note again once it is back.
func TestUnderNotSavedEachSectionAnswerReachesTheFileAsItIsGiven(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt")
	st := &memStore{fail: heldKept{file}}
	o := testOptions(st.Save)
	o.Assessed = (&heldRead{}).read
	var mu sync.Mutex
	var given []store.Draft
	o.Draft = func(*store.Draft) error { return nil }
	o.DraftNow = func(dr *store.Draft) error {
		mu.Lock()
		defer mu.Unlock()
		given = append(given, *dr)
		return nil
	}
	last := func() (store.Draft, int) {
		mu.Lock()
		defer mu.Unlock()
		if len(given) == 0 {
			return store.Draft{}, 0
		}
		return given[len(given)-1], len(given)
	}
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved: another program held the store too long")
	kept := d.m.keptRec.Answers
	const asSaved = "the answers and note stay in"
	const asChanged = "changed since the save was refused, so no note yet"

	d.press("esc")
	d.waitFor("Check every answer with the patient")
	d.press(sectionKeyOf(t, d, "Motivation"))
	d.waitFor("Would you like to do things")
	d.press("enter") // kept as it was
	d.waitFor("How worried are you")
	_, before := last()
	d.press("3") // another answer than the one saved
	d.waitFor("Has something bad happened")
	dr, n := last()
	if n <= before || reflect.DeepEqual(map[string][]string(dr.Answers), map[string][]string(kept)) {
		t.Fatalf("the worry answered again in the section was not given to the file before the section's end (%d drafts given, %d before):\n%s", n, before, d.screen())
	}
	var link string
	for k, v := range dr.Answers {
		if !reflect.DeepEqual(v, kept[k]) {
			link = k
		}
	}
	if f := flat(d.screen()); strings.Contains(f, asSaved) || !strings.Contains(f, asChanged) {
		t.Errorf("with an answer changed in the section, the screen does not say the file holds no note:\n%s", d.screen())
	}

	// Changed back: the file follows, and holds the note again.
	d.press("esc")
	d.waitFor("How worried are you")
	d.press("1")
	d.waitFor("Has something bad happened")
	dr, _ = last()
	if !reflect.DeepEqual(dr.Answers[link], kept[link]) {
		t.Errorf("the worry changed back in the section was not given to the file: it holds %q, want %q", dr.Answers[link], kept[link])
	}
	if f := flat(d.screen()); !strings.Contains(f, asSaved) {
		t.Errorf("with every answer back as saved, the screen does not say the file holds the answers and note:\n%s", d.screen())
	}
}
