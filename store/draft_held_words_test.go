package store

import (
	"errors"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
)

// TestADraftHeldByAWindowOnThisComputerSaysToTryAgainInAMoment: a window
// closed a moment ago whose process has not yet ended still holds its
// draft, and lets go of it as it ends, within seconds. The refusal said to
// wait "until that window has been closed for a few minutes", and a
// clinician who had just closed it gave up on the draft. Now a hold of a
// window on this computer says to finish it there, or try again in a
// moment; ListDrafts marks the draft HeldElsewhere, which is never stored.
func TestADraftHeldByAWindowOnThisComputerSaysToTryAgainInAMoment(t *testing.T) {
	a := openTempWaiting(t, loadedWait)
	b := window(t, a)
	pid, err := record.ParsePatientID(nhsPatient)
	if err != nil {
		t.Fatal(err)
	}
	d := Draft{Draft: assess.Draft{Clinician: "Nurse Pat", Patient: pid}}
	if err := a.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	ls, err := b.ListDrafts(0)
	if err != nil || len(ls) != 1 || !ls[0].HeldElsewhere {
		t.Fatalf("B's list of A's live draft = %+v, %v; want it listed, held elsewhere", ls, err)
	}
	_, err = b.ClaimDraft(d.ID)
	if !errors.Is(err, ErrDraftHeld) {
		t.Fatalf("B's ClaimDraft of A's live draft = %v; want ErrDraftHeld", err)
	}
	for _, want := range []string{"open in another digicheck window", "on this computer", "finish it there", "try again in a moment"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal does not say %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), "few minutes") {
		t.Errorf("the refusal of a window on this computer says to wait minutes: %v", err)
	}
	// Resumed by A with the list's mark on it, the mark is not kept.
	held := ls[0].Draft
	if err := a.SaveDraft(&held); err != nil || held.HeldElsewhere {
		t.Fatalf("SaveDraft of the listed draft: %v, held elsewhere %v", err, held.HeldElsewhere)
	}
	if own, _ := a.ListDrafts(0); len(own) != 1 || own[0].HeldElsewhere {
		t.Errorf("A's own draft is listed to A as held elsewhere: %+v", own)
	}
}
