package push

import (
	"context"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/fhirserver"
)

// TestAServerThatWentBackIsSentWhatItLostNotCalledAConflict: a server
// restored from a backup made before an amendment was sent holds this
// store's own earlier version of the assessment. The next amendment was
// refused as "changed on another machine" and held as a conflict, whose
// --keep-server would set the nurse's corrections aside for the server's
// stale original. It is the server that went back: the push sends it the
// amendment it lost, then the new one, on its own versions, in order, and
// holds nothing back.
func TestAServerThatWentBackIsSentWhatItLostNotCalledAConflict(t *testing.T) {
	s := fhirserver.Start(t)
	st := newStore(t)
	c := client(t, s.Base, 10*time.Second)
	r := saved(t, st, "9434765919")
	if _, err := run(t, st, c, quick); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	a1 := amend(t, st, r, "worry wrong")
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("the first amendment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	a2 := amend(t, st, a1, "worry very")

	rep, err := run(t, st, c, quick)
	if err != nil || len(rep.Conflicts) != 0 || rep.Sent != 2 || rep.Lost != 1 || rep.LostAssessments != 1 {
		t.Fatalf("the push after the server went back: sent %d, conflicts %v, lost %d of %d, %v", rep.Sent, rep.Conflicts, rep.Lost, rep.LostAssessments, err)
	}
	if known, err := st.Conflicts(c.Base()); err != nil || len(known) != 0 {
		t.Fatalf("conflicts kept: %v, %v", known, err)
	}
	hist, err := c.History(context.Background(), "QuestionnaireResponse", r.ID.String())
	if err != nil || len(hist) != 3 {
		t.Fatalf("the server's history: %d versions, %v", len(hist), err)
	}
	// Newest first: the second amendment on the first, on the original.
	for i, want := range []string{a2.ID.String(), a1.ID.String(), r.ID.String()} {
		got, ok, err := fhir.RecordIn(hist[i].JSON)
		if err != nil || !ok || got.ID.String() != want {
			t.Fatalf("history[%d] holds %v, want %s (%v)", i, got.ID, want, err)
		}
	}
	if n := pending(t, st, c.Base()); n != 0 {
		t.Fatalf("%d versions still pending", n)
	}
	if rep, err := run(t, st, c, quick); err != nil || rep.Pending != 0 {
		t.Fatalf("the push after: pending %d, %v", rep.Pending, err)
	}
}
