package push

import (
	"errors"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestAPlainPushWhoseCheckCannotReadAHistoryStillSends: a plain push
// (not --check-server) finds the server short and asks of each assessment
// it accepted from here; the history of one does not answer (503, a busy
// server). The push stopped there and sent nothing, today's new assessment
// included. It now leaves that assessment unchecked, says so, and sends
// what is pending; only --check-server stops on it.
func TestAPlainPushWhoseCheckCannotReadAHistoryStillSends(t *testing.T) {
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
	s.Control(t, fhirserver.Control{Backup: true})
	amend(t, a, first, "worry wrong")
	saved(t, a, "9434765919")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 2 {
		t.Fatalf("A's amendment and second assessment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	amend(t, b, first, "worry very")
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("B's amendment: sent %d, %v", rep.Sent, err)
	}
	today := saved(t, a, "9434765919")
	s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + first.ID.String() + "/_history"}}})

	o := quick
	o.NoticeShort = true // as a plain digicheck push runs it
	rep, err := run(t, a, c, o)
	if errors.Is(err, ErrCouldNotCheck) {
		t.Fatalf("a plain push stopped on a history it could not read: sent %d, %v", rep.Sent, err)
	}
	if rep.Checked {
		t.Errorf("the push is said to have checked every assessment while one history could not be read")
	}
	if len(rep.NotChecked) != 1 || !errors.Is(rep.NotChecked[0], ErrCouldNotCheck) {
		t.Errorf("the assessment left unchecked is not said: %v", rep.NotChecked)
	}
	pushed, perr := a.PushedAssessments(c.Base())
	if perr != nil {
		t.Fatal(perr)
	}
	if _, ok := pushed[today.ID]; !ok {
		t.Fatalf("today's assessment %s was not sent: sent %d, %v", today.ID, rep.Sent, err)
	}

	o = quick
	o.CheckServer = true
	if _, err := run(t, a, c, o); !errors.Is(err, ErrCouldNotCheck) {
		t.Errorf("push --check-server went on past a history it could not read: %v", err)
	}
}
