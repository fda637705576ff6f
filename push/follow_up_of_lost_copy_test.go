package push

import (
	"errors"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

func followUp(t *testing.T, st *store.Store, of record.Record) record.Record {
	t.Helper()
	r := testkit.Assessed(t, testkit.Offline(nil))
	r.Patient, r.FollowsUp = of.Patient, of.ID
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAFollowUpOfAVersionTheServerLostWaitsForTheMachineThatMadeIt: A's
// follow-up is sent and read on B; the server is restored from a backup
// made before it. B's follow-up of A's was sent at once, ahead of the
// version it follows up: every other machine hid it, and showed the older
// assessment as the patient's latest, until A happened to push. B's is
// held back, said as waiting on A's record, which A's push --check-server
// sends again; then B's push sends it.
func TestAFollowUpOfAVersionTheServerLostWaitsForTheMachineThatMadeIt(t *testing.T) {
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

	rep, err := run(t, b, c, quick)
	if sent(t, b, c.Base(), mine.ID) {
		t.Fatalf("B's follow-up was sent ahead of A's, which the server lost: %v", err)
	}
	if !errors.Is(err, ErrWaitsOnOther) {
		t.Errorf("B's push ends %v, not as waiting on another machine's version", err)
	}
	var we *WaitsError
	if len(rep.Failed) != 1 || !errors.As(rep.Failed[0].Err, &we) || we.Copy.Base != theirs.ID {
		t.Errorf("B's follow-up is not said to wait on A's %s: %v", theirs.ID, rep.Failed)
	}

	o := quick
	o.CheckServer = true
	if rep, err := run(t, a, c, o); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push --check-server: sent %d, %v", rep.Sent, err)
	}
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Errorf("B's push after A's: sent %d, %v", rep.Sent, err)
	}
}
