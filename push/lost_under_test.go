package push

import (
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/record"
)

// TestALostCorrectionAnotherMachineAmendedOverIsAConflict: A's amendment
// (or void) was accepted by the server, the server was restored from a
// backup made before it, and B, who had read only the original, amended
// that original on the restored server, which accepted it. The server's
// line of the assessment no longer holds the version it accepted from A.
// A's push --check-server, and its plain push, said the server held every
// assessment it accepted from here and exited 0; push --conflicts said "No
// conflicts". The check finds the version the server accepted from here
// missing from the assessment's history under a newer one made elsewhere,
// and says it as a conflict, with both versions, which fails the push.
func TestALostCorrectionAnotherMachineAmendedOverIsAConflict(t *testing.T) {
	for _, what := range []string{"amendment", "void"} {
		for _, check := range []bool{true, false} {
			t.Run(what+map[bool]string{true: " --check-server", false: " plain push"}[check], func(t *testing.T) {
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
				var mine record.Record
				if what == "void" {
					mine = void(t, a, first)
				} else {
					mine = amend(t, a, first, "worry wrong")
				}
				if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
					t.Fatalf("A's %s: sent %d, %v", what, rep.Sent, err)
				}
				s.Control(t, fhirserver.Control{RestoreBackup: true})
				theirs := amend(t, b, first, "worry very")
				if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
					t.Fatalf("B's amendment: sent %d, %v", rep.Sent, err)
				}

				o := quick
				o.CheckServer, o.NoticeShort = check, !check // as digicheck push runs it
				rep, err := run(t, a, c, o)
				if err == nil {
					t.Fatalf("A's push after its %s was lost under B's amendment succeeded: conflicts %v, lost %d, sent %d", what, rep.Conflicts, rep.Lost, rep.Sent)
				}
				if len(rep.Conflicts) != 1 {
					t.Fatalf("A's push: %d conflicts (%+v), want 1 naming its lost %s; %v", len(rep.Conflicts), rep.Conflicts, what, err)
				}
				k := rep.Conflicts[0]
				if k.Record != mine.ID || k.Assessment != first.ID || k.ServerRecord != theirs.ID || k.ServerClinician != theirs.Clinician || k.ServerTime.IsZero() {
					t.Fatalf("the conflict: %+v, want A's %s %s against B's amendment %s", k, what, mine.ID, theirs.ID)
				}
				known, err := a.Conflicts(c.Base())
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := known[mine.ID]; !ok {
					t.Fatalf("push --conflicts would list %v, not A's %s %s", known, what, mine.ID)
				}
				// Said again by the next push, not taken for settled.
				if rep, err := run(t, a, c, o); err == nil || len(rep.Conflicts) != 1 {
					t.Fatalf("the push after: conflicts %v, %v", rep.Conflicts, err)
				}
			})
		}
	}
}
