package push

import (
	"context"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestAServerThatLostWhatItAcceptedIsSentItAgain: a server restarted empty
// (or restored from an older backup) lost every version it had accepted
// from this store, and no push sent them again: each was marked accepted
// here. A push that notices the server holds fewer assessments than it
// accepted from this store (NoticeShort) sends again every version of
// each assessment it lacks, amendments on their first versions, and a
// dry run counts them as it would send them, changing nothing.
func TestAServerThatLostWhatItAcceptedIsSentItAgain(t *testing.T) {
	s := fhirserver.Start(t)
	st := newStore(t)
	r := saved(t, st, "9434765919")
	amend(t, st, r, "typo")
	saved(t, st, "9434765870")
	c := client(t, s.Base, 10*time.Second)
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 3 {
		t.Fatalf("first push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Reset: true})

	o := quick
	if rep, err := run(t, st, c, o); err != nil || rep.Pending != 0 || rep.Checked {
		t.Fatalf("a push that does not check sent %d of %d (checked %v), %v", rep.Sent, rep.Pending, rep.Checked, err)
	}
	o.NoticeShort = true
	var dry discard
	o.DryRun = &dry
	if rep, err := run(t, st, c, o); err != nil || rep.Lost != 3 || rep.LostAssessments != 2 || rep.Sent != 3 {
		t.Fatalf("dry run: lost %d versions of %d assessments, sent %d, %v", rep.Lost, rep.LostAssessments, rep.Sent, err)
	}
	if n := pending(t, st, c.Base()); n != 0 {
		t.Fatalf("a dry run changed the push state: %d pending", n)
	}
	o.DryRun = nil
	rep, err := run(t, st, c, o)
	if err != nil || !rep.Checked || rep.Lost != 3 || rep.Sent != 3 || rep.Pending != 3 {
		t.Fatalf("push after the loss: checked %v, lost %d, sent %d of %d, %v", rep.Checked, rep.Lost, rep.Sent, rep.Pending, err)
	}
	hist, err := c.History(context.Background(), "QuestionnaireResponse", r.ID.String())
	if err != nil || len(hist) != 2 {
		t.Fatalf("the amended assessment's history on the server: %d versions, %v", len(hist), err)
	}
	rep, err = run(t, st, c, o)
	if err != nil || rep.Pending != 0 || !rep.Counted || rep.Lost != 0 {
		t.Fatalf("a push after the refill: pending %d, counted %v, lost %d, %v", rep.Pending, rep.Counted, rep.Lost, err)
	}
	o.CheckServer = true
	rep, err = run(t, st, c, o)
	if err != nil || rep.Pending != 0 || !rep.Checked || rep.Lost != 0 {
		t.Fatalf("push --check-server after the refill: pending %d, checked %v, lost %d, %v", rep.Pending, rep.Checked, rep.Lost, err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
