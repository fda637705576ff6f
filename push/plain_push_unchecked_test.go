package push

import (
	"context"
	"errors"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/record"
	"digicheck/store"
)

// aServerShortOfA is a server restored from an older backup, since when
// another machine amended A's first assessment there: it holds fewer
// assessments than it accepted from A (so a plain push asks of each), and
// holds that one at a version A lacks (so its check reads its history).
// A has amended that assessment again (pending), and made a new one today.
func aServerShortOfA(t *testing.T) (s *fhirserver.Server, c *fhirclient.Client, a *store.Store, mine, today record.Record) {
	t.Helper()
	s = fhirserver.Start(t)
	c = client(t, s.Base, 10*time.Second)
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
	saved(t, a, "9434765919")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's second assessment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	amend(t, b, first, "worry very")
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("B's amendment: sent %d, %v", rep.Sent, err)
	}
	mine = amend(t, a, first, "worry wrong")
	today = saved(t, a, "9434765919")
	return s, c, a, mine, today
}

func plain() Options {
	o := quick
	o.NoticeShort = true // as a plain digicheck push runs it
	return o
}

func sent(t *testing.T, st *store.Store, server string, id record.ID) bool {
	t.Helper()
	_, ok, err := st.PushedVersion(server, id)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestAPlainPushStoppedInItsCheckSaysNoAssessmentWasLeftUnchecked: Ctrl+C
// while a plain push asked the server of each assessment failed every
// history read after it at once; each was said as an assessment "not
// checked now" that the push "went on" past, though it stopped there. It
// stops, with the cancel as its error, and leaves none said unchecked.
func TestAPlainPushStoppedInItsCheckSaysNoAssessmentWasLeftUnchecked(t *testing.T) {
	_, c, a, mine, today := aServerShortOfA(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := plain()
	o.Asking = func(done, total int) {
		if total > 0 && done == total {
			cancel() // Ctrl+C once the server's current versions are read
		}
	}
	rep, err := Run(ctx, a, c, o)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the push stopped in its check ends %v, not as stopped", err)
	}
	if len(rep.NotChecked) > 0 {
		t.Errorf("a push stopped in its check says it left %d assessments unchecked and went on: %v", len(rep.NotChecked), rep.NotChecked)
	}
	if sent(t, a, c.Base(), mine.ID) || sent(t, a, c.Base(), today.ID) {
		t.Errorf("the push stopped in its check sent something")
	}
}

// TestAPlainPushHoldsBackTheVersionsOfAnAssessmentItCouldNotCheck: the
// history of the assessment the server holds at another machine's version
// does not answer. The plain push went on and sent this machine's pending
// amendment of it too, over a base the server may have lost: the very
// thing the check is there to catch. It sends today's assessment, holds
// that amendment back (counted as not sent), and says what to run.
func TestAPlainPushHoldsBackTheVersionsOfAnAssessmentItCouldNotCheck(t *testing.T) {
	s, c, a, mine, today := aServerShortOfA(t)
	s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 1000, Method: "GET", Path: "/QuestionnaireResponse/" + mine.Amends.String() + "/_history"}}})
	rep, err := run(t, a, c, plain())
	if len(rep.NotChecked) != 1 {
		t.Fatalf("the assessment left unchecked is not said: %v", rep.NotChecked)
	}
	if !sent(t, a, c.Base(), today.ID) {
		t.Fatalf("today's assessment was not sent: %v", err)
	}
	if sent(t, a, c.Base(), mine.ID) {
		t.Errorf("the amendment of the assessment that could not be checked was sent")
	}
	if len(rep.Conflicts) > 0 {
		t.Errorf("the amendment of the assessment that could not be checked met a conflict: %v", rep.Conflicts)
	}
	if !errors.Is(err, ErrNotAllSent) {
		t.Errorf("the push ends %v with the amendment held back", err)
	}
	if len(rep.NotCheckedHeld) != 1 || rep.NotCheckedHeld[0] != mine.ID {
		t.Errorf("the versions held back are said as %v, not the amendment %s", rep.NotCheckedHeld, mine.ID)
	}
	// The second assessment, which the server lost, is sent again.
	if rep.Pending != 3 || rep.Sent != 2 {
		t.Errorf("sent %d of %d, not 2 of 3", rep.Sent, rep.Pending)
	}

	// Once the server answers, the next push checks it and sends it
	// (here, as a conflict with the other machine's amendment).
	s.Control(t, fhirserver.Control{ClearFaults: true})
	rep, _ = run(t, a, c, plain())
	if len(rep.NotChecked) > 0 || len(rep.NotCheckedHeld) > 0 {
		t.Errorf("the push after the server answers still leaves it unchecked: %v", rep.NotChecked)
	}
}

// TestAPlainPushWhoseReadOfCurrentVersionsFailsStillSends: the server
// answers the count, then fails the search of its current versions (503,
// every try: the two the client makes, each time the push tries it).
// The plain push stopped there and sent nothing, today's new assessment
// included. It leaves the assessments of that search unchecked, holds
// their pending versions back, and sends the rest.
func TestAPlainPushWhoseReadOfCurrentVersionsFailsStillSends(t *testing.T) {
	s, c, a, mine, today := aServerShortOfA(t)
	o := plain()
	o.Asking = func(done, total int) {
		if done == 0 {
			s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 2 * quick.Attempts, Method: "GET", Path: "/QuestionnaireResponse"}}})
		}
	}
	rep, err := run(t, a, c, o)
	s.Control(t, fhirserver.Control{ClearFaults: true})
	if errors.Is(err, fhirclient.ErrUnavailable) && len(rep.NotChecked) == 0 {
		t.Fatalf("a plain push stopped on a search it could not read: sent %d, %v", rep.Sent, err)
	}
	if rep.Checked {
		t.Errorf("the push is said to have checked every assessment")
	}
	if len(rep.NotChecked) != 2 || !errors.Is(rep.NotChecked[0], ErrCouldNotCheck) {
		t.Errorf("the 2 assessments left unchecked are not said: %v", rep.NotChecked)
	}
	if !sent(t, a, c.Base(), today.ID) {
		t.Errorf("today's assessment was not sent: %v", err)
	}
	if sent(t, a, c.Base(), mine.ID) {
		t.Errorf("the amendment of an assessment that could not be checked was sent")
	}

	o = quick
	o.CheckServer = true
	o.Asking = func(done, total int) {
		if done == 0 {
			s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 2 * quick.Attempts, Method: "GET", Path: "/QuestionnaireResponse"}}})
		}
	}
	if _, err := run(t, a, c, o); err == nil {
		t.Errorf("push --check-server went on past a search it could not read")
	}
	s.Control(t, fhirserver.Control{ClearFaults: true})
}
