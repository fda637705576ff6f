package push

import (
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
)

// settled waits until the server has answered every delayed request: a
// try the client gave up on is applied when its delay ends.
func settled(t *testing.T, s *fhirserver.Server, by time.Duration) {
	t.Helper()
	time.Sleep(by)
	for deadline := time.Now().Add(10 * time.Second); s.Stats(t).FaultsLeft > 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
}

// Found by an integration test with the server answering three POSTs 5 s
// late and the push giving up on each after 2 s: the tries given up on
// were applied after the read-back, so each response had two versions,
// and the void that followed was refused as a change made on another
// machine, though the server's version was this machine's own record.
func TestASlowServerGetsEachVersionOnceAndThisMachinesVoidGoesOnItsOwnVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a 5 s delayed answer three times")
	}
	s := fhirserver.Shared(t)
	st := newStore(t)
	var recs []record.Record
	for i := 0; i < 6; i++ {
		recs = append(recs, saved(t, st, testkit.NHSNumber))
	}
	c := client(t, s.Base, 2*time.Second)
	s.Faults(t, fhirserver.Fault{DelayMs: 5000, Times: 3, Method: "POST"})
	rep, err := run(t, st, c, Options{Attempts: 5, Backoff: time.Second})
	if err != nil {
		t.Fatalf("push: %v (%+v)", err, rep)
	}
	if rep.Sent+rep.Found != 6 {
		t.Fatalf("report %+v: want all 6 versions accepted", rep)
	}
	// Every late try has landed (or been refused) by now.
	settled(t, s, 6*time.Second)
	stats := s.Stats(t)
	t.Logf("report %+v stats %+v", rep, stats)
	if stats.QuestionnaireResponseVersions != 6 || stats.QuestionnaireVersions != 1 {
		t.Fatalf("server holds %d versions of 6 responses and %d of 1 Questionnaire: a try given up on was applied as a second copy", stats.QuestionnaireResponseVersions, stats.QuestionnaireVersions)
	}
	for _, r := range recs {
		h, err := c.History(t.Context(), "QuestionnaireResponse", r.ID.String())
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 {
			t.Fatalf("assessment %s has %d versions on the server, want 1", r.ID, len(h))
		}
	}
	void(t, st, recs[0])
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 1 || len(rep.Conflicts) != 0 {
		t.Fatalf("void: %+v %v", rep, err)
	}
}

// A version whose first copy the server already holds as its current one,
// under another version id than the one this machine noted (a late copy
// of a try given up on, left by an older digicheck or a server that does
// not refuse If-None-Match), is this machine's own: an amendment or void
// goes on it, and is no conflict, even one found and kept by an earlier push.
func TestAServerVersionThatIsThisMachinesOwnRecordIsNoConflict(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	first := saved(t, st, testkit.NHSNumber)
	c := client(t, s.Base, 5*time.Second)
	if _, err := run(t, st, c, quick); err != nil {
		t.Fatal(err)
	}
	// A second copy of the same version lands, as a late try would.
	have, err := c.Read(t.Context(), "QuestionnaireResponse", first.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Transaction(t.Context(), []fhirclient.Put{{Type: "QuestionnaireResponse", ID: first.ID.String(), Resource: have.JSON, IfMatch: have.VersionID, Record: "copy"}}); err != nil {
		t.Fatal(err)
	}
	v := void(t, st, first)
	rep, err := run(t, st, c, quick)
	if err != nil || rep.Sent != 1 || len(rep.Conflicts) != 0 {
		t.Fatalf("void on this machine's own version: %+v %v", rep, err)
	}
	if got, _ := c.Read(t.Context(), "QuestionnaireResponse", first.ID.String()); !strings.Contains(string(got.JSON), v.ID.String()) {
		t.Fatalf("the server's current version is not the void: %s", got.JSON)
	}
}
