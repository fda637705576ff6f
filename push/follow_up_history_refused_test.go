package push

import (
	"errors"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/record"
)

// TestAFollowUpIsSentWhereTheServerRefusesTheHistoryOfAVersionItHolds:
// some FHIR servers turn _history off and answer 404 there while the
// assessment itself is present. A follow-up of a version read from the
// server was held for good, said as waiting on a push --check-server on
// the machine that made the version, which could not help. The server is
// asked for the assessment itself: it holds the version followed up, and
// the follow-up is sent.
func TestAFollowUpIsSentWhereTheServerRefusesTheHistoryOfAVersionItHolds(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	first := saved(t, a, "9434765919")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	cp := first
	if err := b.SaveCopy(&cp, c.Base()); err != nil {
		t.Fatal(err)
	}
	mine := followUp(t, b, first)
	s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 404, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + first.ID.String() + "/_history"}}})

	rep, err := run(t, b, c, quick)
	if !sent(t, b, c.Base(), mine.ID) {
		t.Fatalf("B's follow-up of a version the server holds was not sent where the server refuses its history: sent %d, %v, %v", rep.Sent, err, rep.Failed)
	}
	if err != nil {
		t.Errorf("B's push ends %v", err)
	}
}

// TestAFollowUpOfAVersionTheServerLostWaitsWhereItsHistoryIsRefused: the
// server, restored from an older backup, holds the assessment at a
// version older than the one followed up, and answers 404 to its history.
// The follow-up still waits for the machine that made the lost version.
func TestAFollowUpOfAVersionTheServerLostWaitsWhereItsHistoryIsRefused(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	first := saved(t, a, "9434765919")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	theirs := followUp(t, a, first)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's follow-up: sent %d, %v", rep.Sent, err)
	}
	for _, r := range []record.Record{first, theirs} {
		cp := r
		if err := b.SaveCopy(&cp, c.Base()); err != nil {
			t.Fatal(err)
		}
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	mine := followUp(t, b, theirs)
	s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 404, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + first.ID.String() + "/_history"}}})

	_, err := run(t, b, c, quick)
	if sent(t, b, c.Base(), mine.ID) {
		t.Fatalf("B's follow-up was sent ahead of A's, which the server lost: %v", err)
	}
	if !errors.Is(err, ErrWaitsOnOther) {
		t.Errorf("B's push ends %v, not as waiting on another machine's version", err)
	}
}

// TestAFollowUpOfAnAssessmentTheServerLostWaitsWhereItsHistoryIsRefused:
// the server, restored from a backup made before the assessment was sent,
// lacks it, and answers 404 to its history too. The assessment itself is
// not there either: the follow-up waits for the machine that made the
// version it follows up.
func TestAFollowUpOfAnAssessmentTheServerLostWaitsWhereItsHistoryIsRefused(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	s.Control(t, fhirserver.Control{Backup: true})
	first := saved(t, a, "9434765919")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	cp := first
	if err := b.SaveCopy(&cp, c.Base()); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	mine := followUp(t, b, first)
	s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 404, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + first.ID.String() + "/_history"}}})

	_, err := run(t, b, c, quick)
	if sent(t, b, c.Base(), mine.ID) {
		t.Fatalf("B's follow-up was sent ahead of A's assessment, which the server lost: %v", err)
	}
	if !errors.Is(err, ErrWaitsOnOther) {
		t.Errorf("B's push ends %v, not as waiting on another machine's version", err)
	}
}
