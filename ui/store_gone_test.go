package ui

import (
	"os"
	"strings"
	"testing"

	"digicheck/record"
)

// keptBeside is a refused save's error with the file its answers and
// note were kept in, as the assess command's save wraps the store's.
type keptBeside struct {
	err  error
	path string
}

func (k keptBeside) Error() string  { return k.err.Error() }
func (k keptBeside) Unwrap() error  { return k.err }
func (k keptBeside) KeptIn() string { return k.path }

// TestASaveRefusedByAStoreDeletedMidAssessmentSaysItIsGone: the store
// file deleted (or moved by a sync tool) while an assessment was on
// screen, the refused save said only "Not saved: the store did not save
// it", with no reason, where the plain prompts say the store is no longer
// there. It says the store is gone from its path, and where the answers
// are kept.
func TestASaveRefusedByAStoreDeletedMidAssessmentSaysItIsGone(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	const kept = "/tmp/digicheck-not-saved-01a23a87-3b82.txt"
	o := testOptions(func(r *record.Record) error {
		if err := st.Save(r); err != nil {
			return keptBeside{err, kept}
		}
		return nil
	})
	d := newDriver(t, o, 80, 24)
	toReviewQuickly(d)
	if err := os.Remove(st.Path()); err != nil {
		t.Fatal(err)
	}
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	saveReadBack(d)
	d.waitFor("Not saved:")
	s := strings.Join(strings.Fields(d.screen()), " ")
	for _, want := range []string{"the store is no longer there", "moved or deleted", kept} {
		if !strings.Contains(s, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, d.screen())
		}
	}
	if strings.Contains(s, "did not save it") {
		t.Errorf("the refusal gives no reason:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 80, 24)
}
