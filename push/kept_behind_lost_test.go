package push

import (
	"context"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestAVersionAfterAConflictKeptOnTheServerBehindALostVersionIsSent: A's
// line is its first version, an amendment the server lost, an amendment
// of that in conflict (noted against another machine's version the server
// lost too) and a later amendment an older digicheck let be made on it.
// While A's push --check-server sends the lost amendment again, another
// machine settles the conflict there by keeping A's version. The push
// finds it kept, and sends the later amendment on it. It failed that
// amendment instead, saying it "follows up a version not yet sent, which
// waits on it in turn": no version had gone in that round, and none was
// left to.
func TestAVersionAfterAConflictKeptOnTheServerBehindALostVersionIsSent(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a := newStore(t)
	v1 := saved(t, a, testkit.NHSNumber)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	lost := amendAnswers(t, a, v1, testkit.Included(nil))
	inConflict := amendAnswers(t, a, lost, testkit.Full(nil))
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 2 {
		t.Fatalf("A's amendments: sent %d, %v", rep.Sent, err)
	}
	kept, err := c.Read(context.Background(), "QuestionnaireResponse", v1.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	other, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	noted := store.Conflict{Record: inConflict.ID, Assessment: v1.ID, What: "amendment", At: time.Now().UTC(), ServerVersion: "3", ServerRecord: other, ServerClinician: "Nurse B", ServerTime: time.Now().UTC()}
	if err := a.MarkConflict(c.Base(), noted); err != nil {
		t.Fatal(err)
	}
	later := amendAnswers(t, a, inConflict, testkit.Included(nil))
	o := quick
	o.CheckServer = true
	settledThere := false
	o.Progress = func(pr Progress) {
		if pr.Sent != 1 || settledThere {
			return
		}
		// The lost amendment is back on the server: another machine
		// keeps A's version in conflict there.
		settledThere = true
		if _, err := c.Transaction(context.Background(), []fhirclient.Put{{Type: "QuestionnaireResponse", ID: v1.ID.String(), Resource: kept.JSON}}); err != nil {
			t.Errorf("keeping A's version on the server: %v", err)
		}
	}
	rep, err := run(t, a, c, o)
	if !settledThere {
		t.Fatalf("A's push never sent its lost amendment %s: sent %d, %v", lost.ID, rep.Sent, err)
	}
	if err != nil || len(rep.Failed) != 0 || len(rep.Conflicts) != 0 || rep.Sent != 2 || rep.Found != 1 {
		for _, f := range rep.Failed {
			t.Logf("failed %s: %v", f.Record, f.Err)
		}
		t.Fatalf("A's push --check-server: sent %d, found %d, failed %d, conflicts %d, %v; want %s sent again, %s found kept, %s sent on it", rep.Sent, rep.Found, len(rep.Failed), len(rep.Conflicts), err, lost.ID, inConflict.ID, later.ID)
	}
	if got := pending(t, a, c.Base()); got != 0 {
		t.Fatalf("A still has %d versions pending", got)
	}
	if known, kerr := a.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
		t.Fatalf("A's store keeps conflicts %v (%v)", known, kerr)
	}
}
