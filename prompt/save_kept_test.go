package prompt

import (
	"errors"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// keptRefusal is a save the store refused as damaged, its answers kept in
// a file (as the command's keepRefused makes it).
type keptRefusal struct{ path string }

func (e keptRefusal) Error() string {
	return "answers and note kept in " + e.path + " as the store is damaged"
}
func (e keptRefusal) KeptIn() string { return e.path }
func (e keptRefusal) Unwrap() error  { return &store.Error{Kind: store.ErrDamaged, Msg: "damaged"} }

// Damaged stores, item 5 of the last re-test (t15g fault 6): a save the
// damaged store refused said "The answers are kept; choose Save to try
// again" and asked "Save this assessment?" again, for ever: the store
// takes nothing until check finds it sound, so every try was refused
// alike (a driver got hundreds). The answers being in a file, the
// clinician is offered to finish with them there, or to go back.
func TestASaveADamagedStoreRefusedOffersToFinishWithTheFile(t *testing.T) {
	saves := 0
	o := options(nil)
	o.Save = func(r *record.Record) error {
		saves++
		return keptRefusal{"/wards/digicheck-not-saved-x.txt"}
	}
	n := len(expectedResult(t).Recommendation.Referrals)
	in := script + answerReferrals(n, "1", "1") + "1\n1\n"
	var out strings.Builder
	_, err := Run(o, strings.NewReader(in), &out)
	said := out.String()
	if saves != 1 {
		t.Errorf("the save was tried %d times, want once:\n%s", saves, said)
	}
	if strings.Contains(said, "try again") {
		t.Errorf("a refusal that cannot change is offered a retry:\n%s", said)
	}
	if !strings.Contains(said, "Finish, with the answers kept in the file") {
		t.Errorf("no offer to finish with the answers in the file:\n%s", said)
	}
	if err == nil || errors.Is(err, ErrEndOfInput) {
		t.Errorf("Run = %v; want it to end, unsaved, at the choice to finish", err)
	}
}
