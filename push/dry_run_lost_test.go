package push

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestADryRunSendsAgainWhatTheServerLostAsThePushWould: a server restored
// from a backup made before a void was sent holds the assessment at its
// first version. push --check-server --dry-run said the server no longer
// held 1 record version and then "Dry run: 0 record versions in 0 Bundles
// would be sent", printing no Bundle; the real push then sent that one.
// A dry run now prints, and counts as would be sent, the versions the
// server lost, as the push would send them (the void, on the version the
// server holds), beside any never sent, and still changes nothing here.
func TestADryRunSendsAgainWhatTheServerLostAsThePushWould(t *testing.T) {
	s := fhirserver.Start(t)
	st := newStore(t)
	r := saved(t, st, "9434765919")
	c := client(t, s.Base, 10*time.Second)
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("first push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	v := void(t, st, r)
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("push of the void: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	saved(t, st, "9434765870") // never sent

	o := quick
	o.CheckServer = true
	var dry bytes.Buffer
	o.DryRun = &dry
	rep, err := run(t, st, c, o)
	if err != nil || rep.Lost != 1 || rep.LostAssessments != 1 {
		t.Fatalf("dry run: lost %d versions of %d assessments, %v; want the void of 1", rep.Lost, rep.LostAssessments, err)
	}
	if rep.Sent != 2 || rep.Pending != 2 {
		t.Errorf("dry run: %d of %d record versions would be sent; want 2 of 2, the void the server lost and the assessment never sent", rep.Sent, rep.Pending)
	}
	if !strings.Contains(dry.String(), v.ID.String()) {
		t.Errorf("the dry run's %d Bundles do not hold the void the server lost", rep.Bundles)
	}
	if n := pending(t, st, c.Base()); n != 1 {
		t.Errorf("after a dry run %d versions are pending; want 1, the push state unchanged", n)
	}

	o.DryRun = nil
	rep, err = run(t, st, c, o)
	if err != nil || rep.Sent != 2 || rep.Lost != 1 {
		t.Fatalf("the push itself: sent %d, lost %d, %v; want 2 sent, as the dry run said", rep.Sent, rep.Lost, err)
	}

	// A server emptied: every version of each assessment it lost.
	s.Control(t, fhirserver.Control{Reset: true})
	o.DryRun = &dry
	dry.Reset()
	rep, err = run(t, st, c, o)
	if err != nil || rep.Lost != 3 || rep.Sent != 3 {
		t.Fatalf("dry run after the server was emptied: lost %d, would send %d, %v; want 3 and 3", rep.Lost, rep.Sent, err)
	}
	if n := pending(t, st, c.Base()); n != 0 {
		t.Errorf("after a dry run %d versions are pending; want none, the push state unchanged", n)
	}
}
