package push

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestWhatWaitsOnOneLaptopsRecordsIsSaidOnceWithWhatTheRecordsCarry: laptop
// B made two records, one by each of two clinicians; laptop A, where one
// of them works too, amended both, and the server was then restored from
// a backup older than all of it. A's push --check-server said a paragraph
// for each, "made here waits on record …, made by … on another machine",
// each with the same two commands: read as two machines, with nothing to
// find B by, and the one who also works on A said as on "another
// machine". Nothing in a record says which machine made it (its id, its
// FHIR resource neither): it is said so, with the clinicians and team the
// records carry, that one of them made records here too, the commands
// once, and what waits counted and named a few ids, however many wait.
func TestWhatWaitsOnOneLaptopsRecordsIsSaidOnceWithWhatTheRecordsCarry(t *testing.T) {
	said := map[int]string{}
	for _, n := range []int{2, 10} {
		said[n] = waitingOnLaptopB(t, n)
	}
	for n, s := range said {
		if c := strings.Count(s, "digicheck push --check-server"); c != 2 {
			t.Errorf("with %d waiting, the check is said %d times, not once for the other machine and once for here:\n%s", n, c, s)
		}
		for _, never := range []string{"made here waits on", "made here wait on record", "on another machine on", "on the machine that made each"} {
			if strings.Contains(s, never) {
				t.Errorf("with %d waiting, A's push says %q:\n%s", n, never, s)
			}
		}
		for _, want := range []string{
			fmt.Sprintf("%d record versions made here wait on %d records the server lacks too", n, n),
			"Nothing in a record says which machine made it",
			"Nurse B Laptop and Dr Two Clinician, team District Nurses",
			"Dr Two Clinician made records on this machine too",
			"on each of those machines, run digicheck push --check-server",
			"then run digicheck push --check-server here again",
		} {
			if !strings.Contains(s, want) {
				t.Errorf("with %d waiting, A's push does not say %q:\n%s", n, want, s)
			}
		}
	}
	if !strings.Contains(said[10], "and 7 more") {
		t.Errorf("with 10 waiting, A's push does not name three and count the rest:\n%s", said[10])
	}
	// Bounded: ten waiting are said in as many words as two, but for
	// the ids named and the counts.
	if a, b := len(said[2]), len(said[10]); b > a+2*40 {
		t.Errorf("what A's push says grows from %d characters with 2 waiting to %d with 10:\n%s", a, b, said[10])
	}
}

// waitingOnLaptopB is what A's push --check-server says (its error, one
// space for each run of spaces) when n of its amendments of records made
// on B, the first by Nurse B Laptop and the rest by Dr Two Clinician,
// wait on those records, which a restore from an older backup took off
// the server; Dr Two Clinician made a record on A too. Run on B, push
// --check-server sends them again, and A's next sends its amendments.
func waitingOnLaptopB(t *testing.T, n int) string {
	t.Helper()
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	s.Control(t, fhirserver.Control{Backup: true})
	var theirs []record.Record
	for i := range n {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Clinician, r.Team = "Dr Two Clinician", "District Nurses"
		if i == 0 {
			r.Clinician = "Nurse B Laptop"
		}
		if err := b.Save(&r); err != nil {
			t.Fatal(err)
		}
		theirs = append(theirs, r)
	}
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != n {
		t.Fatalf("B's push: sent %d, %v", rep.Sent, err)
	}
	own := testkit.Assessed(t, testkit.Included(nil))
	own.Clinician, own.Team = "Dr Two Clinician", "District Nurses"
	if err := a.Save(&own); err != nil {
		t.Fatal(err)
	}
	for _, r := range theirs {
		cp := r
		if err := a.SaveCopy(&cp, c.Base()); err != nil {
			t.Fatal(err)
		}
		amendAnswers(t, a, r, testkit.Full(nil))
	}
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != n+1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	o := quick
	o.CheckServer = true
	rep, err := run(t, a, c, o)
	if err == nil {
		t.Fatal("A's push --check-server exits 0 with its amendments waiting on B's lost records")
	}
	if rep.WaitOnOther != n || rep.Sent != 1 {
		t.Fatalf("A's push: %d wait, %d sent; want %d waiting and its own record sent", rep.WaitOnOther, rep.Sent, n)
	}
	said := strings.Join(strings.Fields(err.Error()), " ")
	// The recovery: B's check sends its records again, then A's sends
	// its amendments on them.
	if rep, err := run(t, b, c, o); err != nil || rep.Sent != n {
		t.Fatalf("B's push --check-server: sent %d, %v", rep.Sent, err)
	}
	if rep, err := run(t, a, c, o); err != nil || rep.Sent != n {
		t.Fatalf("A's push --check-server after B's: sent %d, %v", rep.Sent, err)
	}
	return said
}
