package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// keptDamagedErr is a save a damaged store refused, its answers kept in a
// file (as the command's keepRefused makes it).
type keptDamagedErr struct{ path string }

func (e keptDamagedErr) Error() string {
	return "answers and note kept in " + e.path + " (paste the note into the patient record) as the store is damaged"
}
func (e keptDamagedErr) KeptIn() string { return e.path }
func (e keptDamagedErr) Unwrap() error {
	return &store.Error{Kind: store.ErrDamaged, Msg: "the store is damaged"}
}

// Damaged stores, item 5 of the last re-test: after a save a damaged store
// refused, the result screen said "Press r to try again", and every try
// was refused alike, the store taking nothing until check finds it sound.
// It says the answers stay in the file and how to finish, and offers no
// retry.
func TestASaveADamagedStoreRefusedOffersNoRetry(t *testing.T) {
	const path = "/var/lib/ward7/digicheck-not-saved-0193c0de-aaaa-7bbb-8ccc-0123456789ab.txt"
	st := &memStore{fail: keptDamagedErr{path}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:", "kept in:", path, "Saving again cannot work")
	if s := d.screen(); strings.Contains(s, "try again") || strings.Contains(s, "retry") {
		t.Errorf("a retry that cannot work is offered:\n%s", s)
	}
	checkFits(t, d.m.View().Content, 80, 24)
	d.press("r")
	d.press("enter")
	if st.calls != 1 {
		t.Errorf("the save was tried %d times; want once", st.calls)
	}
}
