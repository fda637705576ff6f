package ui

import (
	"strings"
	"testing"

	"digicheck/store"
)

// mixedErr is a real assessment refused by a store of synthetic test data,
// its answers and note kept in a file, as the assess command's save says it.
type mixedErr struct{}

func (mixedErr) Error() string {
	return "this store holds synthetic test data only; a real assessment cannot be saved in it: use your usual store (check --db and DIGICHECK_DB)"
}
func (mixedErr) Unwrap() error  { return store.ErrMixedData }
func (mixedErr) KeptIn() string { return "/tmp/digicheck-not-saved-01a23a87-3b82.txt" }

// TestASaveRefusedByAStoreOfSyntheticDataSaysWhy: the full screen said
// "Not saved: the store did not save it", with no reason, for a record
// refused by a store holding synthetic test data only: it says why, and
// which store to use.
func TestASaveRefusedByAStoreOfSyntheticDataSaysWhy(t *testing.T) {
	t.Parallel()
	st := &memStore{fail: mixedErr{}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:")
	s := strings.Join(strings.Fields(d.screen()), " ")
	for _, want := range []string{"synthetic test data", "DIGICHECK_DB"} {
		if !strings.Contains(s, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, d.screen())
		}
	}
	if strings.Contains(s, "did not save it") {
		t.Errorf("the refusal gives no reason:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}

// TestASaveRefusedByAStoreOfSyntheticDataOffersNoRetry: after a store of
// synthetic test data refused a real assessment, the screen said "Press r
// to try again", and every try was refused alike, such a store never
// taking a real one. It says saving again cannot work there, that the
// answers stay in the file, and offers no retry.
func TestASaveRefusedByAStoreOfSyntheticDataOffersNoRetry(t *testing.T) {
	t.Parallel()
	st := &memStore{fail: mixedErr{}}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:", "kept in:", "Saving again cannot work")
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
