package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/store"
)

// TestAnAnswerUnderTheNotSavedNoticeTheFileDidNotTakeIsSaid: at 60x20,
// under the notice of a save refused as the store was held, an answer
// changed there that the file of the answers could not take either (it
// could not be written again) was in neither the store nor the file, and
// the screen said nothing, the notice going on naming the file. It says
// the answers could not be written to the file; once the file is written
// again (the store still held), that goes, the notice standing.
func TestAnAnswerUnderTheNotSavedNoticeTheFileDidNotTakeIsSaid(t *testing.T) {
	t.Parallel()
	const path = "/home/nurse/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptErr{path}}
	o := testOptions(st.Save)
	var draftErr error
	o.Draft = func(*store.Draft) error { return draftErr }
	d := newDriver(t, o, 60, 20)
	underRefusedSave(t, d)
	refs := d.m.referrals()
	answer := func(i int, key string, want string) {
		t.Helper()
		for j := 0; j < 40 && d.m.referral != i; j++ {
			d.press("up")
		}
		readReferral(d)
		d.press(key)
		if got := consentsOf(d.m)[refs[i].ProgrammeID]; got != want {
			t.Fatalf("%s on referral %d (%s) recorded %q:\n%s", key, i+1, refs[i].Name, got, d.screen())
		}
	}
	// Written to neither: the store held, the file not written.
	draftErr = errors.New("the answers could not be written again to " + path + ": read-only file system")
	answer(len(refs)-2, "n", questionnaire.NotDiscussed)
	s := flat(d.screen())
	if !strings.Contains(s, "could not be written again to") || !strings.Contains(s, "read-only file system") {
		t.Errorf("an answer neither the store nor the file took is not said:\n%s", d.screen())
	}
	// The next answer written to the file: the failure is out of date.
	draftErr = fmt.Errorf("the store is in use by another digicheck window or program: %w", store.ErrLocked)
	answer(len(refs)-2, "a", questionnaire.Agreed)
	s = flat(d.screen())
	if strings.Contains(s, "could not be written again") || strings.Contains(s, "could not be kept as a draft") {
		t.Errorf("once the file was written again, the answers are still said not kept:\n%s", d.screen())
	}
	if !strings.Contains(s, "Not saved") || !strings.Contains(s, "kept") {
		t.Errorf("nothing says the answers are not saved and where they are kept:\n%s", d.screen())
	}
}
