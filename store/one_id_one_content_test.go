package store

import (
	"testing"
	"time"

	"digicheck/record"
)

// A server's version kept here (push --resolve --keep-server) is the
// server's record under the server's id: one id, one content, on the
// server, on the machine that made it and on every machine reading it.
// Where it amends a version this store does not hold (the server moved
// on more than once, and the versions between could not be read), it was
// saved under the server's id all the same, resting on this machine's
// current version, its reason rewritten ("kept the FHIR server's version
// ... over record ..."): a reader then held other content than the server
// under that id, and a QI lead comparing exports could not tell which was
// true. It is refused, nothing changed, the conflict standing until the
// versions between can be read; given them, it is taken in as the server
// holds it.
func TestAServersVersionIsNeverHeldHereWithOtherContentThanTheServers(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	first := save(t, s, assessed(t, nhsPatient))
	if err := s.MarkPushed(testServer, []Pushed{{Record: first.ID, Assessment: first.ID, Version: "1"}}); err != nil {
		t.Fatal(err)
	}
	mine := amendOn(t, s, first, "corrected here")
	// On the server: another machine's amendment, then its void of it.
	between := first
	between.ID, _ = record.NewID()
	between.Amends, between.Status, between.AmendReason, between.Clinician = first.ID, record.Amended, "corrected on the ward", "Sister Okafor"
	between.Time = time.Now().UTC().Truncate(time.Second)
	theirs := between
	theirs.ID, _ = record.NewID()
	theirs.Amends, theirs.Status, theirs.AmendReason, theirs.VoidReason = between.ID, record.EnteredInError, "", "wrong patient"
	if err := s.MarkConflict(testServer, Conflict{Record: mine.ID, Assessment: first.ID, ServerVersion: "3", ServerRecord: theirs.ID, ServerVoided: true}); err != nil {
		t.Fatal(err)
	}
	_, err := s.KeepServer(testServer, mine.ID, theirs, "3")
	if held, gerr := s.Get(theirs.ID); gerr == nil {
		if held.Amends != theirs.Amends || held.VoidReason != theirs.VoidReason || held.AmendReason != theirs.AmendReason || held.Status != theirs.Status {
			t.Fatalf("record %s is held here amending %s, %q, where the server holds it amending %s, %q", theirs.ID, held.Amends, held.VoidReason, theirs.Amends, theirs.VoidReason)
		}
	}
	if err == nil {
		t.Fatal("the server's version, resting on a version this store lacks, was kept with nothing between")
	}
	if known, kerr := s.Conflicts(testServer); kerr != nil || len(known) != 1 {
		t.Errorf("the conflict does not stand after the refusal: %v, %v", known, kerr)
	}
	if cur, cerr := s.Current(first.ID); cerr != nil || cur.ID != mine.ID {
		t.Errorf("the current version after the refusal is %s, not this machine's %s (%v)", cur.ID, mine.ID, cerr)
	}
	// With the versions between, it is taken in as the server holds it.
	kept, err := s.KeepServerLine(testServer, mine.ID, []record.Record{between}, theirs, "3")
	if err != nil {
		t.Fatal(err)
	}
	held, err := s.Get(theirs.ID)
	if err != nil || kept.ID != theirs.ID || held.Amends != between.ID || held.VoidReason != "wrong patient" {
		t.Errorf("kept %s, holding %s amending %s (%q), %v; want the server's void as it holds it", kept.ID, held.ID, held.Amends, held.VoidReason, err)
	}

}

// amendOn saves on s an amendment of r for reason.
func amendOn(t *testing.T, s *Store, r record.Record, reason string) record.Record {
	t.Helper()
	m := r
	m.ID, m.Amends, m.Status, m.AmendReason = record.ID{}, r.ID, record.Amended, reason
	if err := s.Amend(&m); err != nil {
		t.Fatal(err)
	}
	return m
}
