package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

const testServer = "https://fhir.example.nhs.uk/fhir"

// chainOf saves a first version, an amendment and a void of one assessment.
func chainOf(t *testing.T, s *Store) (first, amended, voided record.Record) {
	t.Helper()
	first = save(t, s, assessed(t, nhsPatient))
	amended = first
	amended.Amends, amended.AmendReason = first.ID, "wrong answer corrected"
	if err := s.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	voided, err := s.Void(amended.ID, Voiding{Reason: "wrong patient", Clinician: "R Patel"})
	if err != nil {
		t.Fatal(err)
	}
	return first, amended, voided
}

func TestEveryVersionIsPendingUntilTheServerAcceptsIt(t *testing.T) {
	s := openTemp(t)
	first, amended, voided := chainOf(t, s)
	other := save(t, s, assessed(t, localPatient))

	chains, err := s.PushPending(testServer)
	if err != nil {
		t.Fatal(err)
	}
	if len(chains) != 2 {
		t.Fatalf("%d assessments pending, want 2", len(chains))
	}
	c := chains[0]
	if c.Assessment != first.ID || c.Accepted != "" || len(c.Pending) != 3 ||
		c.Pending[0].ID != first.ID || c.Pending[1].ID != amended.ID || c.Pending[2].ID != voided.ID {
		t.Fatalf("first assessment: %+v, want its three versions oldest first under the first one's id", c)
	}
	if chains[1].Assessment != other.ID || len(chains[1].Pending) != 1 {
		t.Fatalf("second assessment: %+v", chains[1])
	}

	// The first two versions accepted: only the void is pending, sent
	// under the assessment's id on the version the server gave the
	// amendment.
	err = s.MarkPushed(testServer, []Pushed{
		{Record: first.ID, Assessment: first.ID, Version: "1"},
		{Record: amended.ID, Assessment: first.ID, Version: "2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	chains, err = s.PushPending(testServer)
	if err != nil {
		t.Fatal(err)
	}
	if len(chains) != 2 || chains[0].Assessment != first.ID || chains[0].Accepted != "2" ||
		len(chains[0].Pending) != 1 || chains[0].Pending[0].ID != voided.ID {
		t.Fatalf("after two accepted: %+v", chains)
	}
	if v, ok, err := s.PushedVersion(testServer, amended.ID); err != nil || !ok || v != "2" {
		t.Fatalf("PushedVersion(amendment) = %q, %v, %v", v, ok, err)
	}
	if v, ok, err := s.PushedVersion(testServer, voided.ID); err != nil || ok {
		t.Fatalf("PushedVersion(void) = %q, %v, %v; want none", v, ok, err)
	}

	// Another server has accepted none of them.
	chains, err = s.PushPending("https://other.example.nhs.uk/fhir")
	if err != nil || len(chains) != 2 || len(chains[0].Pending) != 3 {
		t.Fatalf("another server: %+v, %v", chains, err)
	}
}

func TestAVersionIsAcceptedOnce(t *testing.T) {
	s := openTemp(t)
	first, _, _ := chainOf(t, s)
	p := Pushed{Record: first.ID, Assessment: first.ID, Version: "1"}
	if err := s.MarkPushed(testServer, []Pushed{p}); err != nil {
		t.Fatal(err)
	}
	// Told again with the same version (a found-again answer): no change.
	if err := s.MarkPushed(testServer, []Pushed{p}); err != nil {
		t.Fatalf("marking the same acceptance again: %v", err)
	}
	p.Version = "9"
	if err := s.MarkPushed(testServer, []Pushed{p}); !errors.Is(err, ErrExists) {
		t.Fatalf("marking another server version for the same record: %v, want ErrExists", err)
	}
	if v, _, _ := s.PushedVersion(testServer, first.ID); v != "1" {
		t.Fatalf("version now %q, want the first acceptance kept", v)
	}
}

func TestMarkPushedRefusesWhatTheStoreDoesNotHold(t *testing.T) {
	s := openTemp(t)
	first, _, _ := chainOf(t, s)
	stranger, _ := record.NewID()
	err := s.MarkPushed(testServer, []Pushed{
		{Record: first.ID, Assessment: first.ID, Version: "1"},
		{Record: stranger, Assessment: stranger, Version: "1"},
	})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	// One transaction: the good one was not marked either.
	if _, ok, _ := s.PushedVersion(testServer, first.ID); ok {
		t.Fatal("a refused MarkPushed marked part of its list")
	}
	if err := s.MarkPushed(testServer, []Pushed{{Record: first.ID, Assessment: first.ID}}); !errors.Is(err, ErrInvalidRecord) {
		t.Fatalf("no server version: %v", err)
	}
}

func TestTheQuestionnaireIsMarkedPerServer(t *testing.T) {
	s := openTemp(t)
	const canon = "https://digicheck.invalid/fhir/Questionnaire/digital-inclusion|1"
	if _, ok, err := s.QuestionnairePushed(testServer, canon); ok || err != nil {
		t.Fatalf("before: %v %v", ok, err)
	}
	if err := s.MarkQuestionnairePushed(testServer, canon, "3"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := s.QuestionnairePushed(testServer, canon); !ok || v != "3" {
		t.Fatalf("after: %q %v", v, ok)
	}
	if _, ok, _ := s.QuestionnairePushed("https://other.example/fhir", canon); ok {
		t.Fatal("another server")
	}
}

func TestAStoreWithPushStateStillChecksSound(t *testing.T) {
	s := openTemp(t)
	first, _, _ := chainOf(t, s)
	if err := s.MarkPushed(testServer, []Pushed{{Record: first.ID, Assessment: first.ID, Version: "1"}}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check()
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check: %v %+v", err, rep.Problems)
	}
}

func TestAPushLeaseIsHeldByOnePushAtATime(t *testing.T) {
	s := openTemp(t)
	one, err := s.StartPush(testServer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartPush(testServer); !errors.Is(err, ErrPushing) {
		t.Fatalf("a second push: %v, want ErrPushing", err)
	}
	if other, err := s.StartPush("https://other.example/fhir"); err != nil {
		t.Fatalf("a push to another server: %v", err)
	} else {
		other.Release()
	}
	if err := one.Renew(); err != nil {
		t.Fatal(err)
	}
	if err := one.Release(); err != nil {
		t.Fatal(err)
	}
	two, err := s.StartPush(testServer)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	two.Release()
}

func TestALeaseOfAPushThatWasKilledIsTakenOver(t *testing.T) {
	s := openTemp(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true command to make a process that has ended")
	}
	// A lease left by a process on this machine that has ended.
	err := s.update(func(tx *bolt.Tx) error {
		b, err := pushServer(tx, testServer)
		if err != nil {
			return err
		}
		v, _ := json.Marshal(pushLease{Token: "killed", Host: hostName, PID: dead.Process.Pid, Until: time.Now().Add(time.Hour)})
		return b.Put(keyPushLease, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.StartPush(testServer)
	if err != nil {
		t.Fatalf("a killed push's lease was not taken over: %v", err)
	}
	l.Release()
	// One held elsewhere and not expired is not.
	err = s.update(func(tx *bolt.Tx) error {
		b, _ := pushServer(tx, testServer)
		v, _ := json.Marshal(pushLease{Token: "elsewhere", Host: "another-machine", PID: 1, Until: time.Now().Add(time.Hour)})
		return b.Put(keyPushLease, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartPush(testServer); !errors.Is(err, ErrPushing) {
		t.Fatalf("a live lease from another machine: %v", err)
	}
}

// TestAConflictIsKeptPerServerUntilTheVersionIsAccepted: a version the
// server refused as a conflict is known as one, with the server's version,
// for that server only, and no longer once that server has accepted it; a
// conflict is marked only for a record in the store. The version in
// conflict is the line made on the one refused: it is known by this
// machine's current version of it (here the void of the amendment
// refused), and by the refused one.
func TestAConflictIsKeptPerServerUntilTheVersionIsAccepted(t *testing.T) {
	s := openTemp(t)
	first, amended, voided := chainOf(t, s)
	at := time.Date(2026, 11, 30, 9, 15, 0, 0, time.UTC)
	c := Conflict{Record: amended.ID, Assessment: first.ID, ServerVersion: "7", ServerClinician: "Sister Okafor", ServerTime: at, What: "amendment"}
	if err := s.MarkConflict(testServer, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Conflicts(testServer)
	if k, ok := got[voided.ID]; err != nil || len(got) != 1 || !ok || k.ServerVersion != "7" || k.ServerClinician != "Sister Okafor" || !k.ServerTime.Equal(at) || k.At.IsZero() ||
		k.What != "void" || k.Refused != amended.ID || k.RefusedWhat != "amendment" {
		t.Fatalf("conflicts %+v, %v", got, err)
	}
	if k, ok := ConflictOf(got, amended.ID); !ok || k.Record != voided.ID {
		t.Errorf("the conflict is not found by the version refused: %+v", k)
	}
	// Marked again as read (with the server's version changed), it is
	// kept under the version refused, as found.
	k := got[voided.ID]
	k.ServerVersion = "8"
	if err := s.MarkConflict(testServer, k); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Conflicts(testServer); err != nil || len(got) != 1 || got[voided.ID].ServerVersion != "8" || got[voided.ID].Refused != amended.ID {
		t.Fatalf("conflicts marked again: %+v, %v", got, err)
	}
	if other, err := s.Conflicts("https://test.example.nhs.uk/fhir"); err != nil || len(other) != 0 {
		t.Errorf("another server has conflicts %+v, %v", other, err)
	}
	if err := s.MarkPushed(testServer, []Pushed{{Record: first.ID, Assessment: first.ID, Version: "1"}, {Record: amended.ID, Assessment: first.ID, Version: "8"}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Conflicts(testServer); err != nil || len(got) != 0 {
		t.Errorf("a version the server has since accepted is still a conflict: %+v, %v", got, err)
	}
	var missing record.ID
	missing[0] = 1
	if err := s.MarkConflict(testServer, Conflict{Record: missing, Assessment: first.ID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a conflict for a record not in the store: %v", err)
	}
}

// Found by an integration test: a push of a store to a second server sent
// the copies it had read from the first (and they were refused as
// conflicts). Records read from a server are not this machine's to push
// anywhere; an amendment made here of one is, and to a server other than
// the one it was read from, with the copy it rests on first: sent alone,
// the amendment had no first version on that server.
func TestCopiesReadFromAnyServerAreNeverPushed(t *testing.T) {
	s := openTemp(t)
	c := assessed(t, nhsPatient)
	c.ID, _ = record.NewID()
	if err := s.SaveCopy(&c, "https://first.example.nhs.uk/fhir"); err != nil {
		t.Fatal(err)
	}
	mine := save(t, s, assessed(t, localPatient))
	for _, server := range []string{"https://first.example.nhs.uk/fhir", testServer} {
		chains, err := s.PushPending(server)
		if err != nil {
			t.Fatal(err)
		}
		if len(chains) != 1 || chains[0].Assessment != mine.ID {
			var got []record.ID
			for _, ch := range chains {
				got = append(got, ch.Assessment)
			}
			t.Errorf("pending for %s: assessments %v; want only %s, made here", server, got, mine.ID)
		}
	}
	am := c
	am.ID, am.Amends, am.Status, am.AmendReason = record.ID{}, c.ID, record.Amended, "corrected here"
	if err := s.Amend(&am); err != nil {
		t.Fatal(err)
	}
	for server, want := range map[string][]record.ID{
		"https://first.example.nhs.uk/fhir": {am.ID},
		testServer:                          {c.ID, am.ID},
	} {
		chains, err := s.PushPending(server)
		if err != nil {
			t.Fatal(err)
		}
		var got []record.ID
		for _, ch := range chains {
			if ch.Assessment == c.ID {
				for _, r := range ch.Pending {
					got = append(got, r.ID)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("pending for %s of the copy's assessment: %v; want %v", server, got, want)
		}
	}
}

// TestKeepingTheServersVersionSetsThisMachinesAsideAndLosesNothing: the
// server's version, kept over this machine's unsent amendment, is saved as
// the current version on top of it and noted as the server's version; the
// amendment stays in the store, superseded, and is neither pending nor a
// conflict for that server any more, though still pending for another.
func TestKeepingTheServersVersionSetsThisMachinesAsideAndLosesNothing(t *testing.T) {
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
	if err := s.MarkConflict(testServer, Conflict{Record: mine.ID, Assessment: first.ID, ServerVersion: "2", NotTakenIn: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.KeepServer(testServer, first.ID, theirs, "2"); !errors.Is(err, ErrNoConflict) {
		t.Errorf("keeping the server's version of a record in no conflict: %v", err)
	}
	kept, err := s.KeepServer(testServer, mine.ID, theirs, "2")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := s.Current(first.ID)
	// The server's version is kept as the server holds it, on the
	// version it amends there, so it is one record everywhere; this
	// machine's amendment is set off the line, kept.
	if err != nil || cur.ID != kept.ID || cur.ID != theirs.ID || cur.Amends != first.ID || cur.Clinician != "Sister Okafor" || cur.AmendReason != "corrected on the ward" {
		t.Fatalf("current %+v, %v; want the server's version, as the server holds it, over this machine's", cur, err)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("check after keeping the server's version: %+v, %v", rep, err)
	} else if rep.Counted != 1 || rep.Voided != 0 {
		t.Errorf("check counts %d current and %d voided; want the server's version alone", rep.Counted, rep.Voided)
	}
	if aside, err := s.SetAsideLines(); err != nil || !aside[uuid.UUID(mine.ID)] || len(aside) != 1 {
		t.Errorf("versions set off the line: %v, %v; want this machine's amendment", aside, err)
	}
	if latest, err := s.Latest(first.Patient); err != nil || latest.ID != theirs.ID {
		t.Errorf("the patient's latest is %s (%v), not the server's version kept", latest.ID, err)
	}
	if got, err := s.Get(mine.ID); err != nil || got.AmendReason != "corrected here" {
		t.Errorf("this machine's amendment was lost: %v", err)
	}
	if v, ok, err := s.PushedVersion(testServer, kept.ID); err != nil || !ok || v != "2" {
		t.Errorf("the kept version is noted as %q, %v, %v; want the server's version 2", v, ok, err)
	}
	if n := pendingCount(t, s, testServer); n != 0 {
		t.Errorf("%d versions pending for the server whose version was kept", n)
	}
	if got, err := s.Conflicts(testServer); err != nil || len(got) != 0 {
		t.Errorf("conflicts after keeping the server's version: %+v, %v", got, err)
	}
	if aside, err := s.SetAside(testServer, mine.ID); err != nil || !aside {
		t.Errorf("this machine's amendment is not set aside: %v, %v", aside, err)
	}
	// Another server is given the line the first server holds: the
	// first version, then the server's version as that server holds it
	// (on the first version, with its own reason), never this machine's
	// amendment, set aside, nor the server's version as taken in here on
	// it: sent so, they forked the other server's history.
	chains, err := s.PushPending("https://other.example.nhs.uk/fhir")
	if err != nil {
		t.Fatal(err)
	}
	if len(chains) != 1 || chains[0].Forked != "" || chains[0].Assessment != first.ID || len(chains[0].Pending) != 2 {
		t.Fatalf("another server is to be sent %d lines (%s); want one line of two versions", len(chains), chainsText(chains))
	}
	if got := chains[0].Pending; got[0].ID != first.ID || got[1].ID != theirs.ID || got[1].Amends != first.ID || got[1].AmendReason != "corrected on the ward" {
		t.Errorf("another server is to be sent %s then %s (amends %s, %q); want %s then the server's %s on it, as the server holds it",
			got[0].ID, got[1].ID, got[1].Amends, got[1].AmendReason, first.ID, theirs.ID)
	}
}

// A copy read from the server, on which this machine's version of a
// conflict rests, is the server's own: settling the conflict does not set
// it aside, and a mark a digicheck set on it before this was known does
// not stop another server being sent the line.
func TestSettlingAConflictNeverSetsTheServersOwnCopyAside(t *testing.T) {
	s := openTemp(t)
	first := assessed(t, nhsPatient)
	first.ID, _ = record.NewID()
	first.Time = time.Now().UTC().Truncate(time.Second)
	if err := s.SaveCopy(&first, testServer); err != nil {
		t.Fatal(err)
	}
	mine := first
	mine.ID, mine.Amends, mine.Status, mine.AmendReason = record.ID{}, first.ID, record.Amended, "corrected here"
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
	if aside, err := s.SetAside(testServer, first.ID); err != nil || aside {
		t.Errorf("the server's own first version is set aside: %v, %v", aside, err)
	}
	if aside, err := s.SetAside(testServer, mine.ID); err != nil || !aside {
		t.Errorf("this machine's amendment is not set aside: %v, %v", aside, err)
	}
	// As a digicheck before this left it: the copy marked set aside too.
	if err := s.update(func(tx *bolt.Tx) error {
		b, err := pushBucket(tx, testServer, bucketPushSetAside)
		if err != nil {
			return err
		}
		return b.Put(recordKey(first.ID), []byte("2"))
	}); err != nil {
		t.Fatal(err)
	}
	chains, err := s.PushPending("https://other.example.nhs.uk/fhir")
	if err != nil {
		t.Fatal(err)
	}
	if len(chains) != 1 || chains[0].Forked != "" || len(chains[0].Pending) != 2 || chains[0].Pending[0].ID != first.ID || chains[0].Pending[1].ID != theirs.ID {
		t.Errorf("another server is to be sent %d lines (%s); want the first version then the server's", len(chains), chainsText(chains))
	}
}

// A line settled by a digicheck that kept no copy of the server's version
// as the server holds it (only that it was taken in here) cannot be sent
// to another server as the first holds it: it is refused, saying why,
// never sent forked.
func TestALineSettledWithoutTheServersVersionKeptIsNotSentElsewhere(t *testing.T) {
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
	theirs.Amends, theirs.Status, theirs.AmendReason = first.ID, record.Amended, "corrected on the ward"
	if err := s.MarkConflict(testServer, Conflict{Record: mine.ID, Assessment: first.ID, ServerVersion: "2"}); err != nil {
		t.Fatal(err)
	}
	kept, err := s.KeepServer(testServer, mine.ID, theirs, "2")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.update(func(tx *bolt.Tx) error {
		b, err := pushBucket(tx, testServer, bucketPushTaken)
		if err != nil {
			return err
		}
		return b.Delete(recordKey(kept.ID))
	}); err != nil {
		t.Fatal(err)
	}
	chains, err := s.PushPending("https://other.example.nhs.uk/fhir")
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range chains {
		for _, r := range ch.Pending {
			if (r.ID == mine.ID || r.ID == kept.ID) && ch.Forked == "" {
				t.Errorf("version %s is to be sent to another server, forked from the first", r.ID)
			}
		}
	}
}

func chainsText(cs []PushChain) string {
	var b strings.Builder
	for _, ch := range cs {
		fmt.Fprintf(&b, "[%s:", ch.Assessment)
		for _, r := range ch.Pending {
			fmt.Fprintf(&b, " %s", r.ID)
		}
		fmt.Fprintf(&b, " forked %q]", ch.Forked)
	}
	return b.String()
}

func pendingCount(t *testing.T, s *Store, server string) int {
	t.Helper()
	chains, err := s.PushPending(server)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ch := range chains {
		n += len(ch.Pending)
	}
	return n
}
