package push

import (
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestAConflictOnThisMachinesOwnLineBehindALostVersionIsSent: A's
// amendment of its own amendment stands as a conflict an older digicheck
// noted against A's own line (the server's version was A's amendment it
// rests on, or the very version, or A's first version under them); the
// server is then restored from a backup older than A's first amendment.
// A's push --check-server sends the lost amendment again, and the one in
// conflict after it: nothing was changed on another machine, as at the
// head of a line, where such a conflict is looked at again and sent. It
// was held behind the lost version as a conflict still standing.
func TestAConflictOnThisMachinesOwnLineBehindALostVersionIsSent(t *testing.T) {
	for _, on := range []string{"the version it amends", "the very version", "an earlier version of its line"} {
		t.Run(on, func(t *testing.T) {
			s := fhirserver.Start(t)
			c := client(t, s.Base, 10*time.Second)
			a := newStore(t)
			v1 := saved(t, a, testkit.NHSNumber)
			if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
				t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
			}
			s.Control(t, fhirserver.Control{Backup: true})
			lost := amendAnswers(t, a, v1, testkit.Included(nil))
			if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
				t.Fatalf("A's amendment: sent %d, %v", rep.Sent, err)
			}
			mine := amendAnswers(t, a, lost, testkit.Full(nil))
			server := map[string]record.Record{"the version it amends": lost, "the very version": mine, "an earlier version of its line": v1}[on]
			noted := store.Conflict{Record: mine.ID, Assessment: v1.ID, What: "amendment", At: time.Now().UTC(), ServerVersion: "2", ServerRecord: server.ID, ServerClinician: server.Clinician, ServerTime: server.Time}
			if err := a.MarkConflict(c.Base(), noted); err != nil {
				t.Fatal(err)
			}
			s.Control(t, fhirserver.Control{RestoreBackup: true})
			o := quick
			o.CheckServer = true
			rep, err := run(t, a, c, o)
			if err != nil || rep.Sent != 2 || len(rep.Conflicts) != 0 {
				msg := ""
				if len(rep.Conflicts) > 0 {
					msg = ConflictMessage(rep.Conflicts[0])
				}
				t.Fatalf("A's push --check-server: sent %d, conflicts %d %s, %v; want its lost amendment %s sent again and %s after it", rep.Sent, len(rep.Conflicts), msg, err, lost.ID, mine.ID)
			}
			if known, kerr := a.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
				t.Fatalf("A's store keeps conflicts %v (%v) after its amendment was sent", known, kerr)
			}
			if got := pending(t, a, c.Base()); got != 0 {
				t.Fatalf("A still has %d versions pending", got)
			}
		})
	}
}
