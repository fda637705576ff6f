package prompt

import (
	"errors"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// keptReadOnly is a save a store that cannot be written refused, its
// answers kept in a file (as the command's keepRefused makes it).
type keptReadOnly struct{ path string }

func (e keptReadOnly) Error() string {
	return "the store cannot be written; the answers and note are kept in " + e.path
}
func (e keptReadOnly) KeptIn() string { return e.path }
func (e keptReadOnly) Unwrap() error {
	return &store.Error{Kind: store.ErrReadOnly, Msg: "the store x.db cannot be written"}
}

// A save refused by a store that cannot be written keeps the answers in a
// file and offers to try again; the input ending there ended the run with
// "input ended before the assessment was finished", of an assessment that
// was finished and is kept in the file. It ends as one kept in a file.
func TestTheInputEndingAfterASaveKeptInAFileSaysItIsKeptThere(t *testing.T) {
	t.Parallel()
	o := options(nil)
	saves := 0
	o.Save = func(*record.Record) error { saves++; return keptReadOnly{"/wards/digicheck-not-saved-x.txt"} }
	n := len(expectedResult(t).Recommendation.Referrals)
	var out strings.Builder
	_, err := Run(o, strings.NewReader(script+answerReferrals(n, "1", "2")+"1\n"), &out)
	if saves != 1 {
		t.Fatalf("the save was tried %d times, want once:\n%s", saves, out.String())
	}
	if errors.Is(err, ErrEndOfInput) || !errors.Is(err, ErrKeptInFile) {
		t.Errorf("Run = %v; want it to end as an assessment kept in a file", err)
	}
	if err != nil && strings.Contains(err.Error(), "damaged") {
		t.Errorf("the end says the store is damaged, which it is not: %v", err)
	}
}
