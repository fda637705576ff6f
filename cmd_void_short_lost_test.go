package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestTheFullScreensRefusalOfADraftInConflictDoesNotSayTheServerHoldsWhatItMayHaveLost:
// the full screen's short refusal of a draft resting on a version in
// conflict said the server "holds" the other machine's version, and
// "Settle it first", though the server may have lost that version since
// (the screen does not ask it, so as not to hold the start back): settles
// that were refused. It now says what the server held when last asked,
// and that push --conflicts names the way out where it has lost it.
func TestTheFullScreensRefusalOfADraftInConflictDoesNotSayTheServerHoldsWhatItMayHaveLost(t *testing.T) {
	r := testkit.Assessed(t, testkit.Offline(nil))
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	r.ID = id
	k := store.Conflict{Record: r.ID, Assessment: r.ID, ServerVersion: "3", ServerClinician: "Nurse Bea",
		ServerTime: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC), What: "amendment", At: time.Now()}
	short := settleFirstShort("amended", r, k)
	said := flat(short)
	if strings.Contains(said, "which holds another machine's version") {
		t.Errorf("the short refusal says the server holds the other machine's version, which it may have lost:\n%s", short)
	}
	for _, want := range []string{"when last asked", "Nurse Bea", "digicheck push --conflicts", "lost"} {
		if !strings.Contains(said, want) {
			t.Errorf("the short refusal does not say %q:\n%s", want, short)
		}
	}
	if n := strings.Count(short, "\n") + 1; n > 5 {
		t.Errorf("the short refusal is %d lines, more than the full screen's status holds:\n%s", n, short)
	}
}
