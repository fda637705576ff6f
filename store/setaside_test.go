package store

import (
	"errors"
	"testing"

	"digicheck/record"
)

// TestAVersionSetAsideCannotBeAmendedVoidedOrFollowedUp: this machine's
// version set off the line when the server's was kept in its place is
// superseded by nothing, and an amendment or a void of it was saved: a
// new current version beside the server's, on a line no server holds, and
// counted. It is refused as any superseded version is, naming the
// assessment's current version.
func TestAVersionSetAsideCannotBeAmendedVoidedOrFollowedUp(t *testing.T) {
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	if err := s.MarkPushed(testServer, []Pushed{{Record: first.ID, Assessment: first.ID, Version: "1"}}); err != nil {
		t.Fatal(err)
	}
	mine := first
	mine.Amends, mine.AmendReason = first.ID, "corrected here"
	if err := s.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	theirs := first
	theirs.ID, _ = record.NewID()
	theirs.Amends, theirs.Status, theirs.AmendReason, theirs.Clinician = first.ID, record.Amended, "corrected on the ward", "Sister Okafor"
	if err := s.MarkConflict(testServer, Conflict{Record: mine.ID, Assessment: first.ID, ServerVersion: "2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.KeepServer(testServer, mine.ID, theirs, "2"); err != nil {
		t.Fatal(err)
	}
	superseded := func(what string, err error) {
		t.Helper()
		var se *SupersededError
		if !errors.As(err, &se) || se.Current != theirs.ID {
			t.Errorf("%s of the version set aside: %v; want it refused as superseded by the server's version %s", what, err, theirs.ID)
		}
	}
	again := mine
	again.ID, again.Amends, again.AmendReason = record.ID{}, mine.ID, "once more"
	superseded("an amendment", s.Amend(&again))
	_, err := s.Void(mine.ID, Voiding{Reason: "wrong patient"})
	superseded("a void", err)
	fu := assessed(t, nhsPatient)
	fu.FollowsUp = mine.ID
	err = s.Save(&fu)
	if !errors.Is(err, ErrNotLatest) && !errors.Is(err, ErrSuperseded) {
		t.Errorf("a follow-up of the version set aside: %v; want it refused", err)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() || rep.Counted != 1 {
		t.Errorf("check: %+v, %v; want sound, the server's version alone counted", rep, err)
	}
}
