package push

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestVersionsWaitingOnOneMachinesLostRecordsAreSaidOnce: B amended three
// of A's amendments it had read, which the server then lost (restored
// from an older backup). B's push said a 9-line paragraph for each, alike
// but for the record ids, each ending "On the machine that made that
// record run digicheck push --check-server": at 80x24 the count scrolled
// off the screen. It says them in one paragraph: how many wait, on which
// records, whose they are, and what to run there and here, once.
func TestVersionsWaitingOnOneMachinesLostRecordsAreSaidOnce(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	var firsts []record.Record
	for range 3 {
		firsts = append(firsts, saved(t, a, testkit.NHSNumber))
	}
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 3 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	var theirs []record.Record
	for _, f := range firsts {
		theirs = append(theirs, amendAnswers(t, a, f, testkit.Included(nil)))
	}
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 3 {
		t.Fatalf("A's push of its amendments: sent %d, %v", rep.Sent, err)
	}
	for _, r := range append(append([]record.Record{}, firsts...), theirs...) {
		cp := r
		if err := b.SaveCopy(&cp, c.Base()); err != nil {
			t.Fatal(err)
		}
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	for _, r := range theirs {
		amendAnswers(t, b, r, testkit.Full(nil))
	}
	_, err := run(t, b, c, quick)
	if err == nil {
		t.Fatal("B's push of amendments waiting on A's lost ones exits 0")
	}
	said := strings.Join(strings.Fields(err.Error()), " ")
	if n := strings.Count(said, "digicheck push --check-server"); n != 1 {
		t.Errorf("what to run on A's machine is said %d times, not once:\n%s", n, said)
	}
	for _, want := range []string{
		"3 record versions made here wait on 3 records the server lacks too, read here from it and made on another machine",
		"they name " + theirs[0].Clinician,
		"Find the machine or machines where " + theirs[0].Clinician + " works",
		"on each of those machines, run digicheck push --check-server; then run digicheck push here again: it sends the 3 versions made here on them",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("B's push does not say %q:\n%s", want, said)
		}
	}
	for _, r := range theirs {
		if !strings.Contains(said, r.ID.String()) {
			t.Errorf("B's push does not name record %s, which its amendment waits on:\n%s", r.ID, said)
		}
	}
}
