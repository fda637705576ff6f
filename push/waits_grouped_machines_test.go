package push

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestVersionsWaitingOnOneNamesRecordsFromTwoMachinesAreNotSaidAsOneMachines:
// the versions waiting on lost records are said together by the name of
// the clinician who made those records, and were said to be one machine's:
// "On that machine run digicheck push --check-server". A nurse who works
// on a ward PC and a laptop makes records on two machines under one name;
// run on one of them, the rest kept waiting. Nothing in a record says
// which machine made it: it is said so, with the check to run on each of
// the machines where she works.
func TestVersionsWaitingOnOneNamesRecordsFromTwoMachinesAreNotSaidAsOneMachines(t *testing.T) {
	said := waitingOnTwoMachines(t, false)
	if strings.Contains(said, "On that machine run") || strings.Contains(said, "on that machine, run") {
		t.Errorf("B's push says the records made on two machines are one machine's:\n%s", said)
	}
	for _, want := range []string{"Nothing in a record says which machine made it", "Find the machine or machines where R Patel works", "on each of those machines, run digicheck push --check-server"} {
		if !strings.Contains(said, want) {
			t.Errorf("B's push does not say %q:\n%s", want, said)
		}
	}
}

// TestVersionsWaitingOnRecordsThatNameNoOneAreNotSaidAsOnePersons:
// records that name no clinician were grouped as "made by no one named
// on another machine", and the check said once, on "that machine". They
// are said as naming no one, with the check to run on each of the
// machines that made them, once.
func TestVersionsWaitingOnRecordsThatNameNoOneAreNotSaidAsOnePersons(t *testing.T) {
	said := waitingOnTwoMachines(t, true)
	for _, never := range []string{"made by no one named", "on that machine"} {
		if strings.Contains(said, never) {
			t.Errorf("B's push says %q of records that name no one:\n%s", never, said)
		}
	}
	if !strings.Contains(said, "they name no clinician") {
		t.Errorf("B's push does not say the records name no one:\n%s", said)
	}
	if n := strings.Count(said, "on each of those machines, run digicheck push --check-server"); n != 1 {
		t.Errorf("the check on the machines that made them is said %d times, not once:\n%s", n, said)
	}
}

// waitingOnTwoMachines is what B's push says of its amendments of three
// amendments it read, two made on a ward PC and one on a laptop by one
// clinician (by no one named, with unnamed), which the server then lost.
func waitingOnTwoMachines(t *testing.T, unnamed bool) string {
	t.Helper()
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	pc, laptop, b := newStore(t), newStore(t), newStore(t)
	var firsts, theirs []record.Record
	for _, st := range []*store.Store{pc, pc, laptop} {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if unnamed {
			r.Clinician = ""
		}
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		firsts = append(firsts, r)
	}
	for _, st := range []*store.Store{pc, laptop} {
		if _, err := run(t, st, c, quick); err != nil {
			t.Fatalf("push of the first versions: %v", err)
		}
	}
	s.Control(t, fhirserver.Control{Backup: true})
	for i, f := range firsts {
		st := pc
		if i == 2 {
			st = laptop
		}
		n := testkit.Assessed(t, testkit.Included(nil))
		n.Patient, n.Amends, n.AmendReason = f.Patient, f.ID, "answers corrected"
		if unnamed {
			n.Clinician = ""
		}
		if err := st.Amend(&n); err != nil {
			t.Fatal(err)
		}
		theirs = append(theirs, n)
	}
	for _, st := range []*store.Store{pc, laptop} {
		if _, err := run(t, st, c, quick); err != nil {
			t.Fatalf("push of the amendments: %v", err)
		}
	}
	if theirs[0].Clinician != theirs[2].Clinician {
		t.Fatalf("the two machines' records name %q and %q, not one clinician", theirs[0].Clinician, theirs[2].Clinician)
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
		t.Fatal("B's push of amendments waiting on lost ones exits 0")
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}
